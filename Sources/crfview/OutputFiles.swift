import CRFIO
import Foundation

/// The files one command writes, all or none: each is written atomically, and when a later
/// one fails the earlier ones of the same run are removed, so no partial result is left.
struct OutputFiles {
    private var written: [String] = []

    /// Writes through `body` (which must write `path` atomically), undoing this run's earlier
    /// outputs if it fails.
    mutating func write(_ path: String, _ body: () throws -> Void) throws {
        do {
            try body()
            written.append(path)
        } catch {
            rollback()
            throw CLIFailure.wrap(error, subject: path)
        }
    }

    mutating func rollback() {
        for path in written { try? FileManager.default.removeItem(atPath: path) }
        written.removeAll()
    }

    /// Fails before any work when an output's folder does not exist.
    static func checkWritable(_ paths: [String?]) throws {
        for case let path? in paths {
            let folder = (path as NSString).deletingLastPathComponent
            var isDir: ObjCBool = false
            let dir = folder.isEmpty ? "." : folder
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw CLIFailure(path, "folder '\(dir)' does not exist")
            }
            guard FileManager.default.isWritableFile(atPath: dir) else {
                throw CLIFailure(path, "folder '\(dir)' is not writable")
            }
        }
    }
}

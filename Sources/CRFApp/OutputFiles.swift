import CRFIO
import Foundation

/// The files one command writes, all or none: each is written atomically, and when a later
/// one fails the earlier ones of the same run are removed, so no partial result is left.
public struct OutputFiles {
    public init() {}

    private var written: [String] = []

    /// Writes through `body` (which must write `path` atomically), undoing this run's earlier
    /// outputs if it fails.
    public mutating func write(_ path: String, _ body: () throws -> Void) throws {
        do {
            try body()
            written.append(path)
        } catch {
            rollback()
            throw CLIFailure.wrap(error, subject: path)
        }
    }

    public mutating func rollback() {
        for path in written { try? FileManager.default.removeItem(atPath: path) }
        written.removeAll()
    }

    /// Fails before any work when an output's folder does not exist or cannot be written.
    public static func checkWritable(_ paths: [String?]) throws {
        for case let path? in paths {
            let folder = (path as NSString).deletingLastPathComponent
            try checkFolder(folder.isEmpty ? "." : folder, subject: path)
        }
    }

    /// Fails, naming `subject`, unless `folder` is an existing writable folder.
    public static func checkFolder(_ folder: String, subject: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw CLIFailure(subject, "folder '\(folder)' does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw CLIFailure(subject, "folder '\(folder)' is not writable")
        }
    }
}

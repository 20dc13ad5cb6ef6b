import CRFIO
import Foundation

/// The files one command writes, all or none: each output is staged (encoded, written to a
/// synced temporary file, see `AtomicFile`) and nothing at any destination changes until
/// every output has been staged; then they are committed together. A failure while staging
/// leaves every destination as it was.
public struct OutputFiles {
    private var staged: [StagedFile] = []

    public init() {}

    /// Encodes and stages `path`; on failure every output staged so far is discarded.
    public mutating func stage(_ path: String, _ encode: () throws -> [UInt8]) throws {
        try stage(path, contents: { .bytes(try encode()) })
    }

    /// The same for contents that may come in pieces (`FileContents`).
    public mutating func stage(_ path: String, contents: () throws -> FileContents) throws {
        do {
            staged.append(try AtomicFile.stage(try contents(), for: path))
        } catch {
            discard()
            throw CLIFailure.wrap(error, subject: path)
        }
    }

    /// Puts every staged output in place, in the order staged.
    public mutating func commit() throws {
        defer { discard() }
        for file in staged {
            do { try file.commit() } catch { throw CLIFailure.wrap(error, subject: file.path) }
        }
    }

    /// Drops whatever has not been committed.
    public mutating func discard() {
        for file in staged { file.discard() }
        staged.removeAll()
    }

    /// Fails before any work when an output cannot be written (see `AtomicFile.check`), when
    /// two outputs name one file, or when an output names one of the inputs, comparing
    /// resolved paths and, for existing files, device and inode. Two outputs may share a
    /// character device (`/dev/null`): a stream, not a file one of them would overwrite.
    public static func check(outputs: [(flag: String, path: String)], inputs: [String]) throws {
        for (_, path) in outputs {
            try CLIFailure.attributing(to: path) { try AtomicFile.check(path) }
        }
        let outputIDs = outputs.map { FileIdentity($0.path) }
        let inputIDs = inputs.map(FileIdentity.init)
        for (i, output) in outputs.enumerated() {
            if let j = inputIDs.firstIndex(where: { $0.isSame(as: outputIDs[i]) }) {
                throw CLIFailure(output.flag, "'\(output.path)' is the input '\(inputs[j])'; crfview does not overwrite its inputs")
            }
            if !outputIDs[i].isCharacterDevice,
               let j = outputIDs[..<i].firstIndex(where: { $0.isSame(as: outputIDs[i]) }) {
                throw CLIFailure(output.flag, "'\(output.path)' is also the file of \(outputs[j].flag) '\(outputs[j].path)'; give each output its own file")
            }
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

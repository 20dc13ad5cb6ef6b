#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files so that readers see either the old file or the complete new one.
///
/// The bytes go to a hidden temporary file in the destination's folder (the same file system,
/// which rename(2) needs to be atomic), are flushed with fsync, and the file is then renamed over
/// the destination. On any failure the temporary file is removed, so an interrupted or failed
/// write never leaves a partial output behind.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let (folder, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw CRFIOError(path: path, message: "cannot write: not a file name")
        }
        let (descriptor, temporary) = try createTemporary(in: folder, for: name, path: path)
        do {
            try writeAll(bytes, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw failure(path, errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard close(descriptor) == 0, rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure(path, code)
        }
    }

    /// Splits "out/a.png" into ("out", "a.png"); a bare name lives in ".".
    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = path[..<slash]
        return (folder.isEmpty ? "/" : String(folder), String(path[path.index(after: slash)...]))
    }

    /// Opens a new, uniquely named ".name.tmp-…" file with O_EXCL; mode 0666 lets the umask
    /// decide the final permissions, as for any newly created file.
    private static func createTemporary(in folder: String, for name: String, path: String) throws
        -> (descriptor: Int32, path: String)
    {
        while true {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let temporary = "\(folder)/.\(name).tmp-\(suffix)"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, temporary) }
            let code = errno
            if code == EEXIST || code == EINTR { continue }
            if code == ENOENT { throw CRFIOError(path: path, message: "cannot write: folder '\(folder)' does not exist") }
            throw failure(path, code)
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = writeSome(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw failure(path, errno)
                }
                offset += count
            }
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> CRFIOError {
        switch code {
        case EACCES: CRFIOError(path: path, message: "cannot write: permission denied")
        case EISDIR: CRFIOError(path: path, message: "cannot write: is a directory")
        default: CRFIOError(path: path, message: "cannot write: \(systemMessage(code))")
        }
    }
}

/// write(2), named apart so it is not shadowed by `AtomicFile.write`.
private func writeSome(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

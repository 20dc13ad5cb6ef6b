#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads whose failures say what is wrong with the path ("no such file",
/// "is a directory, not a file"), which is what a user who mistyped an argument needs to see.
enum FileBytes {
    /// The file's bytes; an empty file is an error because no format this module reads can be empty.
    static func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CRFIOError(path: path, message: openFailure(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw CRFIOError(path: path, message: "cannot read: \(systemMessage(errno))")
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw CRFIOError(path: path, message: "is a directory, not a file")
        }
        // st_size is only a first guess: pipes and /proc files report 0, and files can grow.
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 4096))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                readSome(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw CRFIOError(path: path, message: "cannot read: \(systemMessage(errno))")
            }
            filled += count
        }
        guard filled > 0 else { throw CRFIOError(path: path, message: "empty file") }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    private static func openFailure(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES: "permission denied"
        case ENOTDIR: "no such file (a folder on the way is a file)"
        default: "cannot open: \(systemMessage(code))"
        }
    }
}

/// read(2), named apart so it is not shadowed by `FileBytes.read`.
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// The C library's text for an errno value, such as "No space left on device".
func systemMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
}

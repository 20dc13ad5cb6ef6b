#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An input file opened for reading in bounded pieces, so a reader can check the size and
/// the header before it reads (and allocates for) the rest.
///
/// Only regular files are read: a FIFO, a terminal or a device such as /dev/zero has no size
/// to check and can block or never end. The file is opened with O_NONBLOCK, so even opening
/// a FIFO that no process writes returns at once, and the check refuses it. Failures say
/// what is wrong with the path ("no such file", "is a directory, not a file"), which is what
/// a user who mistyped an argument needs to see.
public final class InputFile {
    public let path: String
    /// The size fstat reported when the file was opened.
    public let size: Int
    private let descriptor: Int32

    public init(_ path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw CRFIOError(path: path, message: Self.openFailure(errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw CRFIOError(path: path, message: "cannot read: \(systemMessage(code))")
        }
        let kind: String? = switch status.st_mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "is a directory, not a file"
        case S_IFIFO: "is a FIFO (pipe), not a regular file; save the data to a file first"
        case S_IFCHR: "is a character device, not a regular file"
        case S_IFBLK: "is a block device, not a regular file"
        default: "is not a regular file"
        }
        if let kind {
            close(descriptor)
            throw CRFIOError(path: path, message: kind)
        }
        self.descriptor = descriptor
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// Fails unless the file has at most `limit` bytes, saying how large it is and that
    /// `what` ("no params file", …) is that large.
    public func check(atMost limit: Int, _ what: String) throws {
        guard size > limit else { return }
        throw CRFIOError(path: path, message: "file is \(Self.describe(size)); \(what) is larger than \(Self.describe(limit))")
    }

    /// Up to `count` bytes from `offset` (fewer only when the file is shorter).
    public func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
            }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw CRFIOError(path: path, message: "cannot read: \(systemMessage(errno))")
            }
            filled += n
        }
        bytes.removeLast(count - filled)
        return bytes
    }

    /// The whole file as its size said; an empty file is an error because no format this
    /// module reads can be empty.
    public func all() throws -> [UInt8] {
        let bytes = try bytes(at: 0, count: size)
        guard !bytes.isEmpty else { throw CRFIOError(path: path, message: "empty file") }
        return bytes
    }

    /// "3.0 GB", "12.5 MB", "900 bytes".
    public static func describe(_ bytes: Int) -> String {
        if bytes >= 1_000_000_000 { return "\((Double(bytes) / 1e9 * 10).rounded() / 10) GB" }
        if bytes >= 1_000_000 { return "\((Double(bytes) / 1e6 * 10).rounded() / 10) MB" }
        return "\(bytes) bytes"
    }

    private static func openFailure(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES: "permission denied"
        case ENOTDIR: "no such file (a folder on the way is a file)"
        case ENXIO: "is a device or socket that cannot be opened for reading"
        default: "cannot open: \(systemMessage(code))"
        }
    }
}

/// The C library's text for an errno value, lower-cased to read as the rest of a message:
/// "no space left on device".
func systemMessage(_ code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Device nodes and FIFOs made in a test's own folder, never the machine's /dev entries.
enum SpecialFiles {
    /// A character device node with Linux's (major, minor): (1, 3) is null, (1, 5) zero,
    /// (1, 7) full.
    static func device(_ path: String, major: UInt32, minor: UInt32) throws -> String {
        guard mknod(path, S_IFCHR | 0o666, dev_t(major << 8 | minor)) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM)
        }
        return path
    }

    static func fifo(_ path: String) throws -> String {
        guard mkfifo(path, 0o644) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM) }
        return path
    }

    /// mknod needs CAP_MKNOD (root in CI); tests of devices run only where it works.
    static let canMakeDevices: Bool = {
        let path = NSTemporaryDirectory() + "crfio-mknod-\(UUID().uuidString)"
        defer { unlink(path) }
        return (try? device(path, major: 1, minor: 3)) != nil
    }()

    static func status(_ path: String) -> stat {
        var s = stat()
        lstat(path, &s)
        return s
    }

    /// Everything a FIFO delivers until its writer closes it (blocking until one opens it).
    static func drain(_ path: String) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(descriptor, &chunk, chunk.count)
            if n <= 0 { return out }
            out += chunk[..<n]
        }
    }

    static func bytes(_ path: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file a path names, to notice two outputs on one file or an output on an input
/// before either is written: the path with symbolic links and "."/".." resolved, and the
/// device and inode when the file exists (which also catches hard links and bind mounts).
public struct FileIdentity: Sendable {
    /// The resolved path (its folder through realpath(3) when that exists).
    public let resolvedPath: String
    /// st_dev and st_ino, when the file exists.
    public let inode: [UInt64]?
    /// A character device (such as /dev/null) is a stream, not a file that can be damaged.
    public let isCharacterDevice: Bool

    public init(_ path: String) {
        let target = (try? AtomicFile.resolve(path).target) ?? path
        var status = stat()
        if stat(target, &status) == 0 {
            inode = [UInt64(status.st_dev), UInt64(status.st_ino)]
            isCharacterDevice = status.st_mode & S_IFMT == S_IFCHR
        } else {
            inode = nil
            isCharacterDevice = false
        }
        resolvedPath = PathName.join(Self.realFolder(PathName.folder(of: target)), PathName.name(of: target))
    }

    /// Whether the two name the same file.
    public func isSame(as other: FileIdentity) -> Bool {
        if let a = inode, let b = other.inode { return a == b }
        return resolvedPath == other.resolvedPath
    }

    private static func realFolder(_ folder: String) -> String {
        guard let resolved = realpath(folder, nil) else { return folder }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files without damaging what is at the destination.
///
/// What happens depends on what the path names (symbolic links are followed to their target,
/// so the link stays a link and its target gets the bytes):
/// - nothing, or a regular file with one link that crfview may replace: the bytes go to a
///   hidden temporary file in the target's folder (rename(2) is atomic only within a file
///   system), are flushed with fsync, and the file is renamed over the target, so readers see
///   the old file or the complete new one. The temporary file first gets the replaced file's
///   mode, owner and group, so a 0600 file stays 0600 and keeps its owner.
/// - a regular file with several hard links, or one whose owner the temporary file cannot be
///   given (a file of another user in a shared folder), or in a folder crfview may not create
///   files in: renaming would break the links or change the owner, so the file is written in
///   place instead. Its space is reserved first (fallocate with FALLOC_FL_KEEP_SIZE), so a
///   full disk fails before any old byte changes; readers can see a mix while it is written.
/// - a character device or a FIFO (`/dev/null`, a terminal, a pipe to another program): the
///   bytes are written to it; a FIFO that no process reads within `fifoWait` is an error.
/// - a folder, a block device or a socket: refused.
///
/// A regular file that is not writable is refused even when its folder is, as any program
/// writing it would be. Every write, fsync and close error is reported (ENOSPC as "no space
/// left on device"), and a failed write never leaves a temporary file behind.
public enum AtomicFile {
    /// How long a FIFO may go without a reader before the write fails.
    public static let fifoWait: Duration = .seconds(10)

    /// Writes `bytes` to `path` now: `stage` then `commit`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try stage(bytes, for: path).commit()
    }

    /// Does everything that can fail before the destination changes: checks what is there,
    /// writes and syncs the temporary file (or reserves the space of an in-place write).
    /// Nothing at `path` changes until `commit`; `discard` undoes the staging.
    public static func stage(_ bytes: [UInt8], for path: String) throws -> StagedFile {
        try stage(.bytes(bytes), for: path)
    }

    /// `stage` for contents that may come in pieces: those go straight to the temporary file
    /// of a rename; a destination written only at `commit` gets them whole.
    public static func stage(_ contents: FileContents, for path: String) throws -> StagedFile {
        let (target, status) = try destination(path)
        guard let status else { return try replace(target, contents: contents, path: path, keeping: nil) }
        if status.st_mode & S_IFMT != S_IFREG {
            return StagedFile(path: path, plan: .stream(target: target, bytes: try contents.materialized()))
        }
        if status.st_nlink > 1 { return try inPlace(target, contents: contents, path: path) }
        return try replace(target, contents: contents, path: path, keeping: status)
    }

    /// Fails, as `stage` would, when `path` cannot be written: not a file name, a missing or
    /// unwritable folder, a file that is not writable, a folder, a block device or a socket.
    /// Commands call it for every output before starting work that takes time.
    public static func check(_ path: String) throws {
        let (target, status) = try destination(path)
        guard status == nil else { return }
        let folder = PathName.folder(of: target)
        var folderStatus = stat()
        guard stat(folder, &folderStatus) == 0, folderStatus.st_mode & S_IFMT == S_IFDIR else {
            throw CRFIOError(path: path, message: "cannot write: folder '\(folder)' does not exist")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw CRFIOError(path: path, message: "cannot write: folder '\(folder)' is not writable")
        }
    }

    /// The resolved target and its status (nil when nothing is there), after refusing what
    /// crfview never writes to.
    private static func destination(_ path: String) throws -> (target: String, status: stat?) {
        guard !PathName.name(of: path).isEmpty, ![".", ".."].contains(PathName.name(of: path)) else {
            throw CRFIOError(path: path, message: "cannot write: not a file name")
        }
        let (target, status) = try resolve(path)
        guard let status else { return (target, nil) }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            guard access(target, W_OK) == 0 else { throw failure(path, errno) }
        case S_IFCHR, S_IFIFO: break
        case S_IFDIR: throw CRFIOError(path: path, message: "cannot write: is a directory")
        case S_IFBLK: throw CRFIOError(path: path, message: "cannot write: is a block device; crfview writes only files, character devices and FIFOs")
        default: throw CRFIOError(path: path, message: "cannot write: not a file, character device or FIFO")
        }
        return (target, status)
    }

    /// Follows symbolic links at the end of `path` (relative ones from the link's folder) to
    /// what the bytes should go to, with its status, or nil when nothing is there yet.
    public static func resolve(_ path: String) throws -> (target: String, status: stat?) {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0 else {
                let code = errno
                if code == ENOENT { return (current, nil) }
                if code == ENOTDIR { throw CRFIOError(path: path, message: "cannot write: a folder on the way is a file") }
                throw failure(path, code)
            }
            guard status.st_mode & S_IFMT == S_IFLNK else { return (current, status) }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count >= 0 else { throw failure(path, errno) }
            let link = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = PathName.join(PathName.folder(of: current), link)
        }
        throw CRFIOError(path: path, message: "cannot write: too many levels of symbolic links")
    }

    /// The temporary file for a rename, with the replaced file's mode and owner; falls back to
    /// an in-place write when the folder does not let crfview create it or the owner cannot
    /// be kept.
    private static func replace(_ target: String, contents: FileContents, path: String, keeping old: stat?) throws -> StagedFile {
        let folder = PathName.folder(of: target)
        let (descriptor, temporary, code) = createTemporary(in: folder, for: PathName.name(of: target))
        if descriptor < 0 {
            if old != nil, code == EACCES || code == EPERM { return try inPlace(target, contents: contents, path: path) }
            if code == ENOENT { throw CRFIOError(path: path, message: "cannot write: folder '\(folder)' does not exist") }
            throw failure(path, code)
        }
        do {
            if let old {
                guard fchmod(descriptor, old.st_mode & 0o7777) == 0 else { throw failure(path, errno) }
                if old.st_uid != geteuid() || old.st_gid != getegid(), fchown(descriptor, old.st_uid, old.st_gid) != 0 {
                    close(descriptor)
                    removeTemporary(temporary)
                    return try inPlace(target, contents: contents, path: path)
                }
            }
            try contents.write(to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw failure(path, errno) }
            guard close(descriptor) == 0 else {
                let code = errno
                removeTemporary(temporary)
                throw failure(path, code)
            }
        } catch {
            close(descriptor)
            removeTemporary(temporary)
            throw error
        }
        return StagedFile(path: path, plan: .rename(temporary: temporary, target: target))
    }

    /// An in-place write of an existing file, its space reserved now without changing it.
    private static func inPlace(_ target: String, contents: FileContents, path: String) throws -> StagedFile {
        let descriptor = open(target, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, errno) }
        defer { close(descriptor) }
        try reserve(contents.count, in: descriptor, path: path)
        return StagedFile(path: path, plan: .inPlace(target: target, bytes: try contents.materialized()))
    }

    /// Allocates `count` bytes of disk for the file without changing its size or contents
    /// (Linux fallocate(2) with FALLOC_FL_KEEP_SIZE), so the later write cannot run out of
    /// space. File systems without fallocate are written without the reservation.
    static func reserve(_ count: Int, in descriptor: Int32, path: String) throws {
        guard count > 0, let fallocate = linuxFallocate else { return }
        let keepSize: Int32 = 1   // FALLOC_FL_KEEP_SIZE
        if fallocate(descriptor, keepSize, 0, off_t(count)) != 0 {
            let code = errno
            if code != EOPNOTSUPP, code != ENOSYS, code != EINVAL { throw failure(path, code) }
        }
    }

    /// fallocate(2), a GNU extension the Glibc module does not import, looked up in the C
    /// library (RTLD_DEFAULT); nil where there is none.
    private static let linuxFallocate: (@convention(c) (Int32, Int32, off_t, off_t) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "fallocate") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32, off_t, off_t) -> Int32).self)
    }()

    /// Opens a new, uniquely named ".name.tmp-…" file with O_EXCL; mode 0666 lets the umask
    /// decide the permissions of a new file, as for any newly created file. On failure the
    /// descriptor is -1 and `code` the errno.
    private static func createTemporary(in folder: String, for name: String) -> (descriptor: Int32, path: String, code: Int32) {
        while true {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let temporary = PathName.join(folder, ".\(name).tmp-\(suffix)")
            TemporaryFiles.add(temporary)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, temporary, 0) }
            TemporaryFiles.remove(temporary)
            let code = errno
            if code != EEXIST, code != EINTR { return (-1, temporary, code) }
        }
    }

    /// Removes a temporary file and forgets it.
    static func removeTemporary(_ temporary: String) {
        unlink(temporary)
        TemporaryFiles.remove(temporary)
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
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

    static func failure(_ path: String, _ code: Int32) -> CRFIOError {
        switch code {
        case EACCES, EPERM: CRFIOError(path: path, message: "cannot write: permission denied")
        case EISDIR: CRFIOError(path: path, message: "cannot write: is a directory")
        case EPIPE: CRFIOError(path: path, message: "cannot write: the reading end was closed")
        default: CRFIOError(path: path, message: "cannot write: \(systemMessage(code))")
        }
    }
}

/// write(2), named apart so it is not shadowed by `AtomicFile.write`.
private func writeSome(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

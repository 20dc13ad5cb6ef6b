#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A write prepared by `AtomicFile.stage`: everything that can fail early has been done, and
/// `commit` makes it visible at the destination. Several outputs of one command are staged
/// first and committed together, so a failure in any of them leaves every destination as it
/// was.
public final class StagedFile {
    enum Plan {
        /// A synced temporary file to rename over `target`.
        case rename(temporary: String, target: String)
        /// An existing file to overwrite (its space already reserved).
        case inPlace(target: String, bytes: [UInt8])
        /// A character device or FIFO to write to.
        case stream(target: String, bytes: [UInt8])
    }

    /// The path as the user gave it, for messages.
    public let path: String
    private var plan: Plan?

    init(path: String, plan: Plan) {
        self.path = path
        self.plan = plan
    }

    /// A staged file that is dropped without `commit` is discarded.
    deinit { discard() }

    /// Puts the bytes at the destination. A failure leaves the destination as it was, except
    /// for a device, FIFO or in-place file that failed part-way.
    public func commit() throws {
        guard let plan else { return }
        self.plan = nil
        switch plan {
        case .rename(let temporary, let target):
            guard rename(temporary, target) == 0 else {
                let code = errno
                AtomicFile.removeTemporary(temporary)
                throw AtomicFile.failure(path, code)
            }
            TemporaryFiles.remove(temporary)
        case .inPlace(let target, let bytes):
            try overwrite(target, bytes)
        case .stream(let target, let bytes):
            let descriptor = try openStream(target)
            defer { close(descriptor) }
            try AtomicFile.writeAll(bytes, to: descriptor, path: path)
        }
    }

    /// Removes the temporary file, if any; the destination is untouched.
    public func discard() {
        if case .rename(let temporary, _) = plan { AtomicFile.removeTemporary(temporary) }
        plan = nil
    }

    /// Writes the file from its start and cuts it to the new length.
    private func overwrite(_ target: String, _ bytes: [UInt8]) throws {
        let descriptor = open(target, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw AtomicFile.failure(path, errno) }
        do {
            try AtomicFile.writeAll(bytes, to: descriptor, path: path)
            guard ftruncate(descriptor, off_t(bytes.count)) == 0, fsync(descriptor) == 0 else { throw AtomicFile.failure(path, errno) }
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else { throw AtomicFile.failure(path, errno) }
    }

    /// Opens a device or FIFO for writing without blocking: a FIFO with no reader (ENXIO) is
    /// retried until `AtomicFile.fifoWait` has passed, then reported.
    private func openStream(_ target: String) throws -> Int32 {
        let deadline = ContinuousClock.now + AtomicFile.fifoWait
        while true {
            let descriptor = open(target, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            if descriptor >= 0 {
                let flags = fcntl(descriptor, F_GETFL)
                _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
                return descriptor
            }
            let code = errno
            guard code == ENXIO || code == EINTR else { throw AtomicFile.failure(path, code) }
            guard ContinuousClock.now < deadline else {
                throw CRFIOError(path: path, message: "cannot write: no process opened this FIFO for reading within \(AtomicFile.fifoWait.components.seconds) s")
            }
            usleep(20_000)
        }
    }
}

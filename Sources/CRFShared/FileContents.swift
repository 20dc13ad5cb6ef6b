#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `AtomicFile` writes: bytes in memory, or a file's worth of bytes that a producer hands
/// over in pieces, each with its offset. Pieces suit outputs as large as a model's marginals
/// (264 MB at 2048×1536 with 21 labels, produced label plane by label plane from pixel-major
/// Q): going to a new or replaced file, they never exist whole in memory.
public enum FileContents {
    case bytes([UInt8])
    /// `count` bytes: `produce` passes every byte to `put` exactly once, in pieces at their
    /// offsets, in any order.
    case pieces(count: Int, produce: (_ put: (_ offset: Int, _ piece: UnsafeRawBufferPointer) throws -> Void) throws -> Void)

    public var count: Int {
        switch self {
        case .bytes(let bytes): bytes.count
        case .pieces(let count, _): count
        }
    }

    /// The whole contents in memory, for destinations written only when committed (a device,
    /// a FIFO, a file written in place).
    public func materialized() throws -> [UInt8] {
        switch self {
        case .bytes(let bytes):
            return bytes
        case .pieces(let count, let produce):
            var bytes = [UInt8](repeating: 0, count: count)
            try bytes.withUnsafeMutableBytes { buffer in
                try produce { offset, piece in
                    precondition(offset >= 0 && offset + piece.count <= count, "a piece past the end of the contents")
                    UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + piece.count)]).copyMemory(from: piece)
                }
            }
            return bytes
        }
    }

    /// Writes the contents into a new, empty file; `path` names it in errors.
    func write(to descriptor: Int32, path: String) throws {
        switch self {
        case .bytes(let bytes):
            try AtomicFile.writeAll(bytes, to: descriptor, path: path)
        case .pieces(let count, let produce):
            try produce { offset, piece in
                precondition(offset >= 0 && offset + piece.count <= count, "a piece past the end of the contents")
                var done = 0
                while done < piece.count {
                    let written = pwrite(descriptor, piece.baseAddress! + done, piece.count - done, off_t(offset + done))
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw AtomicFile.failure(path, errno)
                    }
                    done += written
                }
            }
        }
    }
}

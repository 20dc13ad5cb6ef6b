@testable import CRFIO
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Contents in pieces reach every kind of destination `AtomicFile` writes as the same bytes as
/// contents in memory, and a producer that fails part-way leaves nothing behind.
@Suite struct FileContentsTests {
    static let payload = (0..<100_000).map { UInt8(($0 * 7) % 251) }

    /// The payload in pieces of 4 096 bytes, last piece first.
    static func pieces(failingAt failure: Int? = nil) -> FileContents {
        .pieces(count: payload.count) { put in
            for (n, start) in stride(from: 0, to: payload.count, by: 4096).reversed().enumerated() {
                if n == failure { throw CRFIOError(path: "producer", message: "gave up") }
                try payload[start..<min(payload.count, start + 4096)].withUnsafeBytes { try put(start, $0) }
            }
        }
    }

    @Test func newAndReplacedFilesGetThePieces() throws {
        try Fixtures.withTemporaryFolder { folder in
            try AtomicFile.stage(Self.pieces(), for: folder + "/new").commit()
            #expect(SpecialFiles.bytes(folder + "/new") == Self.payload)
            Fixtures.write([1, 2, 3], to: folder + "/old")
            try AtomicFile.stage(Self.pieces(), for: folder + "/old").commit()
            #expect(SpecialFiles.bytes(folder + "/old") == Self.payload)
            #expect(Fixtures.contents(of: folder) == ["new", "old"])
        }
    }

    @Test func aHardLinkedFileGetsThemInPlace() throws {
        try Fixtures.withTemporaryFolder { folder in
            Fixtures.write([1, 1, 1, 1], to: folder + "/a")
            #expect(link(folder + "/a", folder + "/b") == 0)
            try AtomicFile.stage(Self.pieces(), for: folder + "/a").commit()
            #expect(SpecialFiles.bytes(folder + "/b") == Self.payload)
            #expect(SpecialFiles.status(folder + "/a").st_nlink == 2)
        }
    }

    @Test func aFifoGetsThemInOrder() throws {
        try Fixtures.withTemporaryFolder { folder in
            let fifo = try SpecialFiles.fifo(folder + "/fifo")
            nonisolated(unsafe) var received: [UInt8] = []
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                received = SpecialFiles.drain(fifo)
                done.signal()
            }
            try AtomicFile.stage(Self.pieces(), for: fifo).commit()
            done.wait()
            #expect(received == Self.payload)
        }
    }

    @Test func aFailingProducerLeavesTheDestinationAlone() throws {
        try Fixtures.withTemporaryFolder { folder in
            Fixtures.write([1, 2], to: folder + "/keep")
            #expect(throws: CRFIOError(path: "producer", message: "gave up")) {
                try AtomicFile.stage(Self.pieces(failingAt: 5), for: folder + "/keep")
            }
            #expect(throws: CRFIOError(path: "producer", message: "gave up")) {
                try AtomicFile.stage(Self.pieces(failingAt: 5), for: folder + "/fresh")
            }
            #expect(SpecialFiles.bytes(folder + "/keep") == [1, 2])
            #expect(Fixtures.contents(of: folder) == ["keep"])
        }
    }
}

@testable import CRFApp
import Foundation
import Testing

/// `HeapReuse`: a freed model-sized block is handed out again without the kernel mapping and
/// zeroing its pages anew.
@Suite struct HeapReuseTests {
    /// Minor page faults of the calling thread so far (RUSAGE_THREAD, which Glibc's module
    /// leaves out without _GNU_SOURCE), so that other tests' allocations do not count.
    private static func threadFaults() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(1), &usage)
        return usage.ru_minflt
    }

    /// Allocates `bytes` of floats, writes every page and frees it; the faults that cost this thread.
    private static func faultsOfTouching(_ bytes: Int) -> Int {
        let before = threadFaults()
        // As the engine allocates its buffers.
        let block = UnsafeMutablePointer<Float>.allocate(capacity: bytes / 4)
        for page in Swift.stride(from: 0, to: bytes / 4, by: 1024) { block[page] = 1 }
        block.deallocate()
        return threadFaults() - before
    }

    @Test func aFreedModelSizedBlockIsReusedWithoutFaults() {
        HeapReuse.install()
        let bytes = 24 << 20, pages = bytes / 4096
        let first = Self.faultsOfTouching(bytes)
        let second = Self.faultsOfTouching(bytes)
        // Mapped afresh, the block faults once per page (or per huge page); reused, hardly at all.
        #expect(first > 0)
        #expect(second < pages / 16, "the second block faulted \(second) times for \(pages) pages (the first \(first))")
    }
}

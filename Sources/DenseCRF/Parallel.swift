import Dispatch
import Synchronization

/// A raw pointer that may cross into `DispatchQueue.concurrentPerform` workers.
///
/// The engine's hot loops split buffers into disjoint ranges, one per worker, so sharing the
/// base pointer is race-free by construction; Swift cannot see that, hence `@unchecked`.
/// Public, with `parallelChunks`, for the viewer's per-frame loops over the same buffers.
public struct SharedPointer<Element>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<Element>
    @inlinable public init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
    @inlinable public subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
    @inlinable public func advanced(by n: Int) -> UnsafeMutablePointer<Element> { base + n }
}

/// Read-only counterpart of `SharedPointer`.
public struct SharedConstPointer<Element>: @unchecked Sendable {
    public let base: UnsafePointer<Element>
    @inlinable public init(_ base: UnsafePointer<Element>) { self.base = base }
    @inlinable public subscript(i: Int) -> Element { base[i] }
    @inlinable public func advanced(by n: Int) -> UnsafePointer<Element> { base + n }
}

/// Runs `body` over `0..<count` split into contiguous chunks on all cores.
///
/// Work below `grain` items runs inline: spawning workers for a few thousand floats costs more
/// than it saves. Chunks are a few per core so that an uneven chunk does not idle the others.
@inlinable
public func parallelChunks(_ count: Int, grain: Int = 4096, _ body: @Sendable (Range<Int>) -> Void) {
    guard count > 0 else { return }
    let workers = Parallelism.workerCount
    if workers <= 1 || count <= grain {
        body(0..<count)
        return
    }
    let chunks = min(workers * 4, (count + grain - 1) / grain)
    let size = (count + chunks - 1) / chunks
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let start = c * size
        let end = min(count, start + size)
        if start < end { body(start..<end) }
    }
}

/// An array of `count` items of `valuesEach` trivial values (numbers) each, not zeroed first:
/// `fill` writes the values of items `range` of the array at `out`, chunk by chunk across cores
/// as in `parallelChunks`. The loop over a chunk is the caller's, so the compiler inlines and
/// vectorises what it computes per value (a closure called per value was an indirect call each).
@inlinable
public func parallelArray<T: BitwiseCopyable>(
    count: Int, valuesEach: Int = 1, grain: Int = 4096,
    _ fill: @Sendable (_ range: Range<Int>, _ out: UnsafeMutablePointer<T>) -> Void
) -> [T] {
    [T](unsafeUninitializedCapacity: count * valuesEach) { buffer, initialized in
        if let base = buffer.baseAddress {
            let out = SharedPointer(base)
            parallelChunks(count, grain: grain) { range in fill(range, out.base) }
        }
        initialized = count * valuesEach
    }
}

/// How many threads the engine's loops use; settable so benchmarks can compare 1 and 2 cores.
public enum Parallelism {
    /// The forced worker count, 0 for none. Atomic: a test or benchmark may set it while
    /// another thread's loops read it.
    private static let override = Atomic<Int>(0)

    /// Number of workers: `CRFVIEW_THREADS` if set, else the active processor count.
    public static var workerCount: Int {
        let n = override.load(ordering: .relaxed)
        return n > 0 ? n : defaultCount
    }

    private static let defaultCount: Int = {
        if let value = getenvValue("CRFVIEW_THREADS"), let n = Int(value), n > 0 { return n }
        return max(1, systemProcessorCount())
    }()

    /// Forces a worker count (nil restores the default); loops already running keep theirs.
    public static func setWorkerCount(_ n: Int?) { override.store(n.map { max(1, $0) } ?? 0, ordering: .relaxed) }
}

/// Sums `body` over `0..<count` split across cores, in Double, in a fixed chunking so that the
/// result does not depend on thread timing.
@inlinable
func parallelSum(_ count: Int, grain: Int = 4096, _ body: @Sendable (Range<Int>) -> Double) -> Double {
    parallelSums(count, grain: grain) { SIMD2(body($0), 0) }[0]
}

/// `parallelSum` of several sums at once, lane by lane: one pass that gathers more than one
/// total (a step's changed labels and its energies).
@inlinable
func parallelSums<V: SIMD>(_ count: Int, grain: Int = 4096, _ body: @Sendable (Range<Int>) -> V) -> V where V.Scalar == Double {
    guard count > 0 else { return V() }
    let chunks = max(1, min(64, (count + grain - 1) / grain))
    let size = (count + chunks - 1) / chunks
    let partial = UnsafeMutablePointer<V>.allocate(capacity: chunks)
    defer { partial.deallocate() }
    let out = SharedPointer(partial)
    if Parallelism.workerCount <= 1 || chunks == 1 {
        for c in 0..<chunks { out[c] = body((c * size)..<min(count, c * size + size)) }
    } else {
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let start = c * size
            out[c] = start < count ? body(start..<min(count, start + size)) : V()
        }
    }
    var total = V()
    for c in 0..<chunks { total += partial[c] }
    return total
}

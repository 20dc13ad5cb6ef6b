#if canImport(Glibc)
internal import CMalloc
#endif

/// Keeps the memory of one model for the next in the same process.
///
/// A model's buffers (Q, the pairwise sums, each lattice's vertices, weights and values) are
/// tens of MB. By default glibc maps such a block afresh and unmaps it when freed, or trims
/// the heap once more than twice its largest freed block is free at the top, so every
/// inference in a process that runs many — the viewer after each parameter change, `eval`
/// and `learn` over a dataset, `bench`'s repetitions — paid the kernel for every page again:
/// about 11 000 page faults per run at 800×600 with 8 labels, 8% of the run's CPU time. Blocks
/// up to `largestReused` now come from the heap and freed ones are kept, so the next model of
/// the same size finds its pages mapped. Larger blocks (Q at 3 MP with 21 labels is 260 MB)
/// are still mapped and unmapped on their own: held on the heap, the holes they left could
/// raise the process's peak.
public enum HeapReuse {
    /// The largest block served from the heap: glibc's own ceiling for its adaptive threshold.
    static let largestReused: Int32 = 32 << 20

    /// Sets the allocator up for reuse; call once, before the first model. A no-op off glibc.
    public static func install() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, largestReused)
        _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
        #endif
    }
}

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
/// about 11 000 page faults per run at 800×600 with 8 labels, and half of `eval`'s system time
/// over ten photographs of mixed sizes. Blocks up to `largestReused` now come from the heap and
/// freed ones are kept, so the next model finds its pages mapped. The price is the holes a
/// model of another size leaves: that `eval`'s peak went from 365 to 389 MB (a single image's,
/// 1%). Larger blocks (Q at 3 MP with 21 labels is 260 MB) are still mapped and unmapped on
/// their own, so that such holes stay small next to them.
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

/// How much of each source pixel a target pixel covers along one axis, in exact integers.
///
/// Resampling `source` pixels to `target` pixels, target `i` spans `[i·s/t, (i+1)·s/t)` in
/// source coordinates. Scaling both axes by `t` makes every boundary an integer: source `k`
/// spans `[k·t, (k+1)·t)` and target `i` spans `[i·s, (i+1)·s)`, so each overlap (the
/// coverage weight) is an integer and every target's weights sum to `s`. Integer weights
/// keep area averages exactly reproducible and make majority-vote ties exact.
struct AxisCoverage {
    struct Span {
        /// The first source pixel the target pixel touches.
        let start: Int
        /// Overlap with source pixels `start`, `start + 1`, …
        let weights: [Int]
    }

    let spans: [Span]
    /// The sum of every span's weights: the source length.
    let total: Int

    init(source: Int, target: Int) {
        precondition(source > 0 && target > 0, "resampling needs non-empty sizes")
        total = source
        spans = (0..<target).map { i in
            let low = i * source, high = (i + 1) * source
            let first = low / target, last = (high - 1) / target
            let weights = (first...last).map { k in min((k + 1) * target, high) - max(k * target, low) }
            return Span(start: first, weights: weights)
        }
    }
}

/// A Gaussian kernel over per-pixel features, filtered with a permutohedral lattice.
///
/// Built once per model (the lattice and the normalisation vector), then applied to Q at
/// every mean-field step and, transposed, when back-propagating.
public final class DenseKernel: Sendable {
    public let lattice: PermutohedralLattice
    public let normalization: KernelNormalization
    /// Per-pixel normalisation factors: 1/sqrt(n + 1e-20) (symmetric) or 1/(n + 1e-20).
    let norm: [Float]

    /// Builds the kernel for `features` (N rows of `dimension` values, already divided by widths).
    public convenience init(features: [Float], dimension: Int, normalization: KernelNormalization = .symmetric) {
        self.init(lattice: PermutohedralLattice(features: features, dimension: dimension), normalization: normalization)
    }

    /// Builds the kernel unless `cancelled` answers true while its lattice is built (see
    /// `PermutohedralLattice.init(features:dimension:cancelled:)`).
    convenience init?(features: [Float], dimension: Int, normalization: KernelNormalization, cancelled: (@Sendable () -> Bool)?) {
        guard let lattice = PermutohedralLattice(features: features, dimension: dimension, cancelled: cancelled) else { return nil }
        self.init(lattice: lattice, normalization: normalization)
    }

    private init(lattice: PermutohedralLattice, normalization: KernelNormalization) {
        self.lattice = lattice
        self.normalization = normalization
        let n = lattice.pixelCount
        var counts = [Float](repeating: 0, count: n)
        let ones = [Float](repeating: 1, count: n)
        let workspace = LatticeWorkspace()
        ones.withUnsafeBufferPointer { o in
            counts.withUnsafeMutableBufferPointer { c in
                lattice.filter(o.baseAddress!, into: c.baseAddress!, channels: 1, workspace: workspace)
            }
        }
        switch normalization {
        case .symmetric: norm = Self.perPixel(counts) { 1 / ($0 + 1e-20).squareRoot() }
        case .before, .after: norm = Self.perPixel(counts) { 1 / ($0 + 1e-20) }
        case .none: norm = []
        }
    }

    /// `transform` of every count, split across cores (a square root per pixel).
    private static func perPixel(_ counts: [Float], _ transform: @Sendable (Float) -> Float) -> [Float] {
        counts.withUnsafeBufferPointer { c in
            let src = SharedConstPointer(c.baseAddress!)
            return parallelArray(count: counts.count, grain: 65536) { range, out in
                for i in range { out[i] = transform(src[i]) }
            }
        }
    }

    public var pixelCount: Int { lattice.pixelCount }

    /// out = gain · Kn(in) for `channels` values per pixel (out += … with `accumulate`);
    /// `transpose` applies Knᵀ.
    public func apply(
        _ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, channels: Int,
        transpose: Bool = false, gain: Float = 1, accumulate: Bool = false, workspace: LatticeWorkspace
    ) {
        spread(input, channels: channels, transpose: transpose, workspace: workspace)
        slice(into: output, channels: channels, transpose: transpose, gain: gain, accumulate: accumulate, workspace: workspace)
    }

    /// The first half of `apply`: the input, scaled, splatted and blurred into `workspace`
    /// (see `PermutohedralLattice.spread`).
    func spread(_ input: UnsafePointer<Float>, channels: Int, transpose: Bool = false, workspace: LatticeWorkspace) {
        norm.withUnsafeBufferPointer { np in
            lattice.spread(input, channels: channels, reverse: transpose,
                           preScale: scales(transpose).before ? np.baseAddress : nil, workspace: workspace)
        }
    }

    /// The second half of `apply`: the last `spread` into `workspace`, sliced into `output`
    /// and scaled.
    func slice(
        into output: UnsafeMutablePointer<Float>, channels: Int, transpose: Bool = false, gain: Float = 1,
        accumulate: Bool = false, workspace: LatticeWorkspace
    ) {
        norm.withUnsafeBufferPointer { np in
            lattice.slice(into: output, channels: channels, postScale: scales(transpose).after ? np.baseAddress : nil,
                          gain: gain, accumulate: accumulate, workspace: workspace)
        }
    }

    /// `slice` of the pixels in `range` only, from the spread `values`
    /// (`LatticeWorkspace.blurredValues(channels:)`), on the calling thread: threads may slice
    /// disjoint ranges of one spread at once (`MeanFieldStep.stepInPlace`). Forward only (the
    /// filter, not its transpose).
    func slice(
        _ range: Range<Int>, of values: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, channels: Int,
        gain: Float, accumulate: Bool
    ) {
        norm.withUnsafeBufferPointer { np in
            lattice.slice(range, of: values, into: output, channels: channels,
                          postScale: scales(false).after ? np.baseAddress : nil, gain: gain, accumulate: accumulate)
        }
    }

    /// Which side of the lattice filter the normalisation scales: Knᵀ swaps the two sides of
    /// a one-sided normalisation.
    private func scales(_ transpose: Bool) -> (before: Bool, after: Bool) {
        switch normalization {
        case .symmetric: (true, true)
        case .before: (!transpose, transpose)
        case .after: (transpose, !transpose)
        case .none: (false, false)
        }
    }
}

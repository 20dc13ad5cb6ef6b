/// T mean-field steps run for training, keeping what the reverse pass needs, and that pass:
/// the gradient of a loss on Q_T with respect to the unaries and every compatibility, through
/// all T steps of the recurrent network (CRF-RNN, Zheng et al. 2015, §4).
///
/// The forward pass is `MeanFieldStep`'s, so it is exactly what inference computes. It keeps
/// Q_0…Q_T and every kernel's messages F_m^t = K_m(Q_{t−1}): (T + 1 + T·M)·N·L floats, about
/// 12·N·L·4 bytes for T = 5 and two kernels (46 MB for 400×300 with 8 labels). Recomputing
/// them instead would cost another forward pass; the memory is what keeps a backward step at
/// about one forward step (one transposed filter per kernel and step).
///
/// The reverse pass, step t = T…1, with g_t = ∂L/∂Q_t:
///
///     ∂L/∂Z_t   = Q_t ⊙ (g_t − ⟨g_t, Q_t⟩)         softmax backward, per pixel
///     ∂L/∂U    −= ∂L/∂Z_t                          Z_t = −U − Σ_m μ_m F_m^t
///     ∂L/∂μ_m^t = −Σ_i ∂L/∂Z_t(i) ⊗ F_m^t(i)       an L×L outer-product sum
///     g_{t−1}  += K_mᵀ(−μ_mᵀ ∂L/∂Z_t)              the lattice's exact transpose
///
/// and finally ∂L/∂U −= ∂L/∂Z_0 for Q_0 = softmax(−U). The pairwise clamp of `MeanFieldStep`
/// is taken as the identity: it only acts for compatibilities beyond 1e15.
public final class MeanFieldTrace {
    public let model: DenseCRF
    public let steps: Int
    private let n: Int
    private let l: Int
    /// Q_0…Q_T.
    private var q: [UnsafeMutablePointer<Float>] = []
    /// messages[t − 1][m] = F_m^t = K_m(Q_{t−1}).
    private var messages: [[UnsafeMutablePointer<Float>]] = []
    private let workspace = LatticeWorkspace()

    /// Runs `steps` mean-field steps of `model`.
    public init(model: DenseCRF, steps: Int) {
        precondition(steps >= 0)
        self.model = model
        self.steps = steps
        n = model.pixelCount
        l = model.labelCount
        let size = n * l
        q = (0...steps).map { _ in .allocate(capacity: size) }
        messages = (0..<steps).map { _ in model.terms.map { _ in .allocate(capacity: size) } }
        let pairwise = UnsafeMutablePointer<Float>.allocate(capacity: size)
        defer { pairwise.deallocate() }
        MeanFieldStep.update(model, pairwise: nil, into: q[0])
        for t in stride(from: 1, through: steps, by: 1) {
            MeanFieldStep.messages(model, step: t, of: q[t - 1], into: pairwise, kept: messages[t - 1], workspace: workspace)
            MeanFieldStep.update(model, pairwise: pairwise, into: q[t])
        }
    }

    deinit {
        for p in q { p.deallocate() }
        for row in messages { for p in row { p.deallocate() } }
    }

    /// Q_t (pixel-major), valid only inside `body`.
    public func withMarginals<R>(step t: Int = -1, _ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: q[t < 0 ? steps : t], count: n * l))
    }

    /// The gradient of a loss L(Q_T), given `lossGradient` = ∂L/∂Q_T (pixel-major N×L).
    public func backward(_ lossGradient: UnsafePointer<Float>) -> MeanFieldGradient {
        let size = n * l, l = self.l, n = self.n
        let g = UnsafeMutablePointer<Float>.allocate(capacity: size)
        let gPrevious = UnsafeMutablePointer<Float>.allocate(capacity: size)
        let dz = UnsafeMutablePointer<Float>.allocate(capacity: size)
        let df = UnsafeMutablePointer<Float>.allocate(capacity: size)
        defer { g.deallocate(); gPrevious.deallocate(); dz.deallocate(); df.deallocate() }
        g.update(from: lossGradient, count: size)
        var unary = [Float](repeating: 0, count: size)
        var compat = model.terms.map { _ in [[Double]](repeating: [Double](repeating: 0, count: l * l), count: steps) }

        var gp = (SharedPointer(g), SharedPointer(gPrevious))
        for t in stride(from: steps, through: 0, by: -1) {
            // Diagonal compatibilities take their gradient in the softmax's pass, matrices
            // in one of their own.
            let transforms = t > 0 ? model.terms.map { $0.transform(step: t) } : []
            let diagonal = transforms.indices.filter { transforms[$0].diagonal != nil }
            let diagonalMessages = diagonal.map { UnsafePointer(messages[t - 1][$0]) }
            let diagonals = unary.withUnsafeMutableBufferPointer { u in
                Self.softmaxBackward(gp.0, q: q[t], into: dz, unary: u.baseAddress!, messages: diagonalMessages, n: n, l: l)
            }
            for (j, m) in diagonal.enumerated() {
                for a in 0..<l { compat[m][t - 1][a * l + a] = diagonals[j * l + a] }
            }
            guard t > 0 else { break }
            let out = gp.1
            if model.terms.isEmpty { parallelChunks(size, grain: 65536) { range in for i in range { out[i] = 0 } } }
            for (m, term) in model.terms.enumerated() {
                let transform = transforms[m]
                if transform.diagonal == nil { compat[m][t - 1] = Self.outerSum(dz, messages[t - 1][m], n: n, l: l) }
                // The first kernel writes g_{t−1}, the others add to it. Potts (μ = w·I) is
                // −w·Kᵀ(dz): the filter scales as it slices, as in the forward pass.
                if let w = transform.uniformDiagonal {
                    term.kernel.apply(dz, into: out.base, channels: l, transpose: true, gain: -w, accumulate: m > 0, workspace: workspace)
                } else {
                    let z = SharedConstPointer(UnsafePointer(dz)), f = SharedPointer(df)
                    parallelChunks(n, grain: 2048) { range in
                        for i in range { transform.negatedTransposed(z.advanced(by: i * l), into: f.advanced(by: i * l)) }
                    }
                    term.kernel.apply(df, into: out.base, channels: l, transpose: true, accumulate: m > 0, workspace: workspace)
                }
            }
            gp = (gp.1, gp.0)
        }
        return MeanFieldGradient(unary: unary, compatibility: compat, labels: l)
    }

    /// `width` sums over `n` pixels: `add(pixels, rows)` adds a block's share into `rows`
    /// (`width` Floats, zeroed per block of 256 pixels) and the blocks are added in Double, in
    /// up to 32 fixed chunks of whole blocks across cores, so that the result does not depend
    /// on the number of workers or their timing. Inlined, so that each caller's per-pixel loop
    /// is compiled into its block loop.
    @inline(__always)
    private static func blockSums(
        _ n: Int, width: Int, _ add: @Sendable (Range<Int>, UnsafeMutablePointer<Float>) -> Void
    ) -> [Double] {
        let count = max(1, min(32, n / 4096)), size = (n + count - 1) / count
        let partial = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count * width))
        defer { partial.deallocate() }
        partial.initialize(repeating: 0, count: count * width)
        let out = SharedPointer(partial)
        parallelChunks(count, grain: 1) { range in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: max(1, width)) { block in
                let rows = block.baseAddress!
                for c in range {
                    let acc = out.advanced(by: c &* width)
                    var i = c &* size
                    let end = min(n, i &+ size)
                    while i < end {
                        let stop = min(end, i &+ 256)
                        rows.update(repeating: 0, count: width)
                        add(i..<stop, rows)
                        for k in 0..<width { acc[k] += Double(rows[k]) }
                        i = stop
                    }
                }
            }
        }
        var total = [Double](repeating: 0, count: width)
        for c in 0..<count { for k in 0..<width { total[k] += partial[c * width + k] } }
        return total
    }

    /// dz = q ⊙ (g − ⟨g, q⟩) per pixel (the dot product summed in Double, `VectorKernels.dot`)
    /// and du −= dz, in one pass that also sums, for each of `messages` (F_m of a diagonal
    /// compatibility), the diagonal of ∂L/∂μ_m, −Σ_i dz(i) ⊙ F_m(i), while dz's rows are in
    /// cache: returned as one row of `l` per message (`blockSums`).
    private static func softmaxBackward(
        _ g: SharedPointer<Float>, q: UnsafePointer<Float>, into dz: UnsafeMutablePointer<Float>, unary: UnsafeMutablePointer<Float>,
        messages: [UnsafePointer<Float>], n: Int, l: Int
    ) -> [Double] {
        let qq = SharedConstPointer(q), z = SharedPointer(dz), du = SharedPointer(unary)
        let f = messages.map(SharedConstPointer.init)
        return blockSums(n, width: messages.count * l) { pixels, rows in
            for p in pixels {
                let o = p &* l
                let dot = VectorKernels.dot(g.advanced(by: o), qq.advanced(by: o), l)
                for k in o..<(o &+ l) {
                    let value = Float(Double(qq[k]) * (Double(g[k]) - dot))
                    z[k] = value
                    du[k] -= value
                }
                for (j, fm) in f.enumerated() {
                    let row = rows + j &* l
                    for a in 0..<l { row[a] -= z[o &+ a] * fm[o &+ a] }
                }
            }
        }
    }

    /// −Σ_i dz(i) ⊗ f(i) as an L×L row-major matrix in Double (`blockSums`), each pixel's rows
    /// accumulated vectorised.
    private static func outerSum(_ dz: UnsafePointer<Float>, _ f: UnsafePointer<Float>, n: Int, l: Int) -> [Double] {
        let z = SharedConstPointer(dz), ff = SharedConstPointer(f)
        return blockSums(n, width: l * l) { pixels, rows in
            for p in pixels {
                let o = p * l
                for a in 0..<l { VectorKernels.axpy(rows + a * l, ff.base + o, -z[o + a], l) }
            }
        }
    }
}

/// ∂L/∂U and ∂L/∂μ from `MeanFieldTrace.backward`.
public struct MeanFieldGradient: Sendable {
    /// ∂L/∂U' for the unaries inference used (after calibration), pixel-major N×L.
    public var unary: [Float]
    /// compatibility[m][t − 1]: ∂L/∂μ_m at step t as an L×L row-major matrix, the entries of
    /// μ taken as independent (only the diagonal is filled for a diagonal compatibility).
    public var compatibility: [[[Double]]]
    public let labels: Int
}

extension CompatibilityTransform {
    /// out = −μᵀ·dz for one pixel: −Σ_a dz[a]·μ[a][·], whole rows summed in registers
    /// (`VectorKernels.combination`) up to 24 labels.
    @inline(__always)
    func negatedTransposed(_ dz: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let l = labels
        if let diagonal {
            diagonal.withUnsafeBufferPointer { dg in for a in 0..<l { out[a] = -dg[a] * dz[a] } }
        } else if !paddedMatrix.isEmpty {
            paddedMatrix.withUnsafeBufferPointer { mu in
                VectorKernels.combination(of: mu.baseAddress!, rowWidth: vectorRowWidth, dz, sign: -1, count: l, n: l, into: out,
                                          accumulate: false)
            }
        } else {
            matrix.withUnsafeBufferPointer { mu in
                VectorKernels.scale(out, mu.baseAddress!, -dz[0], l)
                for a in 1..<l { VectorKernels.axpy(out, mu.baseAddress! + a * l, -dz[a], l) }
            }
        }
    }
}

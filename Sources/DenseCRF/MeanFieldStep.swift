/// One mean-field step of CRF-RNN (Zheng et al. 2015, eq. 5–8) over buffers the caller owns:
///
///     F_m   = K_m(Q_{t−1})                      message passing (normalised lattice filter)
///     A     = Σ_m μ_m^t · F_m                   weighting and compatibility transform
///     Q_t   = softmax(−U − A)                   adding the unary, normalising
///
/// `MeanFieldInference` (the viewer's stepper) and `MeanFieldTrace` (training, which keeps
/// every Q_t and F_m for the reverse pass) are both built on these two functions, so the
/// forward pass that is differentiated is the one that is shown.
public enum MeanFieldStep {
    /// Pairwise energies are clamped to this magnitude: far beyond any unary, so the ordering
    /// of labels is kept, yet finite so that softmax never sees Inf − Inf.
    public static let pairwiseLimit: Float = 1e30

    /// pairwise = Σ_m μ_m^step · K_m(q), clamped to ±`pairwiseLimit`.
    ///
    /// With `kept` (one buffer per term) every K_m(q) is stored there, as the gradient of μ
    /// needs; without it a Potts term is filtered, scaled and accumulated in one pass and the
    /// others go through `scratch`, asked for only then (a Potts-only model never needs that
    /// buffer). All buffers hold N×L floats, pixel-major.
    public static func messages(
        _ model: DenseCRF, step: Int, of q: UnsafePointer<Float>, into pairwise: UnsafeMutablePointer<Float>,
        scratch: (() -> UnsafeMutablePointer<Float>)? = nil, kept: [UnsafeMutablePointer<Float>]? = nil,
        workspace: LatticeWorkspace
    ) {
        let n = model.pixelCount, l = model.labelCount
        let pw = SharedPointer(pairwise)
        var written = false
        for (m, term) in model.terms.enumerated() {
            let transform = term.transform(step: step)
            if kept == nil, let w = transform.uniformDiagonal {
                // Potts: the filter scales and accumulates as it slices.
                term.kernel.apply(q, into: pairwise, channels: l, gain: w, accumulate: written, workspace: workspace)
            } else {
                if !written { parallelChunks(n * l, grain: 65536) { range in for i in range { pw[i] = 0 } } }
                guard let filtered = kept?[m] ?? scratch?() else {
                    preconditionFailure("a non-Potts term needs a kept or a scratch buffer")
                }
                term.kernel.apply(q, into: filtered, channels: l, workspace: workspace)
                let src = SharedConstPointer(UnsafePointer(filtered))
                parallelChunks(n, grain: 2048) { range in
                    transform.accumulate(src.advanced(by: range.lowerBound * l), into: pw.advanced(by: range.lowerBound * l),
                                         pixels: range.count)
                }
            }
            written = true
        }
        if !written { parallelChunks(n * l, grain: 65536) { range in for i in range { pw[i] = 0 } } }
        if needsClamp(model) {
            parallelChunks(n * l, grain: 65536) { range in clamp(pw.base, range) }
        }
    }

    /// pairwise = Σ_m μ_m^step · K_m(q) from `responses`, buffers already holding each term's
    /// K_m(q) (`FirstResponses`): only weighted and summed, as `messages` would with them kept.
    static func messages(_ model: DenseCRF, step: Int, responses: [UnsafeMutablePointer<Float>],
                         into pairwise: UnsafeMutablePointer<Float>) {
        let terms = weights(model, step: step, responses: responses), clamps = needsClamp(model)
        let pw = SharedPointer(pairwise), l = model.labelCount
        parallelChunks(model.pixelCount, grain: 2048) { pixels in weighted(terms, pixels, l, into: pw.base, clamps: clamps) }
    }

    /// Each term's compatibility at `step` with its response buffer, for `weighted`.
    private static func weights(
        _ model: DenseCRF, step: Int, responses: [UnsafeMutablePointer<Float>]
    ) -> [(CompatibilityTransform, SharedConstPointer<Float>)] {
        zip(model.terms, responses).map { term, values in (term.transform(step: step), SharedConstPointer(UnsafePointer(values))) }
    }

    /// pairwise = Σ_m μ_m · response_m, clamped, over the rows of `pixels`: zeroed, then each
    /// term's weighted response added in term order (the order of `messages`).
    @inline(__always)
    private static func weighted(
        _ terms: [(CompatibilityTransform, SharedConstPointer<Float>)], _ pixels: Range<Int>, _ l: Int,
        into pairwise: UnsafeMutablePointer<Float>, clamps: Bool
    ) {
        let values = pixels.lowerBound &* l..<pixels.upperBound &* l
        for k in values { pairwise[k] = 0 }
        for (transform, response) in terms {
            transform.accumulate(response.advanced(by: values.lowerBound), into: pairwise + values.lowerBound, pixels: pixels.count)
        }
        if clamps { clamp(pairwise, values) }
    }

    /// Whether the model's weights could take pairwise energies near Float's range, where they
    /// are clamped to ±`pairwiseLimit`: normalised kernel responses stay below the pixel
    /// count, so below 1e15 no compatibility can.
    private static func needsClamp(_ model: DenseCRF) -> Bool {
        model.terms.contains(where: { $0.magnitude > 1e15 })
    }

    /// Clamps `pairwise[range]` to ±`pairwiseLimit` (NaN, from Inf − Inf, to 0).
    @inline(__always)
    private static func clamp(_ pairwise: UnsafeMutablePointer<Float>, _ range: Range<Int>) {
        let limit = pairwiseLimit
        for i in range where !(abs(pairwise[i]) <= limit) {
            pairwise[i] = pairwise[i].isNaN ? 0 : (pairwise[i] > 0 ? limit : -limit)
        }
    }

    /// Whether `stepInPlace` can take step `step` of `model`: every term is Potts there.
    static func stepsInPlace(_ model: DenseCRF, step: Int) -> Bool {
        !model.terms.isEmpty && model.terms.allSatisfy { $0.transform(step: step).uniformDiagonal != nil }
    }

    /// `messages` then `update`, in Q's own buffer, for a model whose terms are all Potts at
    /// this step (`stepsInPlace`): every term splats and blurs Q_{t−1} into its own workspace
    /// before any of them slices, so the messages can be sliced into Q's buffer and the
    /// softmax taken there. A run then needs no N×L pairwise buffer (264 MB at 2048×1536 with
    /// 21 labels) for one lattice workspace per term instead of one in all. Slicing, clamping
    /// and the softmax go one block of `blockPixels` at a time, so each block's rows stay in
    /// cache from the first slice to the softmax instead of Q crossing memory once per pass.
    /// The arithmetic is that of `messages` and `update`, in the same order: the same Q to the
    /// bit.
    @discardableResult
    static func stepInPlace(
        _ model: DenseCRF, step: Int, q: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>?,
        workspaces: [LatticeWorkspace]
    ) -> Int {
        precondition(stepsInPlace(model, step: step) && workspaces.count >= model.terms.count)
        let l = model.labelCount
        for (term, workspace) in zip(model.terms, workspaces) {
            term.kernel.spread(q, channels: l, workspace: workspace)
        }
        let terms = zip(model.terms, workspaces).map { term, workspace in
            (term.kernel, term.transform(step: step).uniformDiagonal!, SharedConstPointer(workspace.blurredValues(channels: l)))
        }
        let clamps = needsClamp(model)
        let dst = SharedPointer(q)
        return model.unary.values.withUnsafeBufferPointer { up in
            let u = SharedConstPointer(up.baseAddress!)
            return Int(blocks(model.pixelCount, labels: labels) { pixels, labels in
                for (m, (kernel, gain, values)) in terms.enumerated() {
                    kernel.slice(pixels, of: values.base, into: dst.base, channels: l, gain: gain, accumulate: m > 0)
                }
                if clamps { clamp(dst.base, pixels.lowerBound &* l..<pixels.upperBound &* l) }
                return SIMD2(Double(update(pixels, l, unary: u.base, pairwise: dst.base, into: dst.base, labels: labels)), 0)
            }[0])
        }
    }

    /// Pixels per block of `stepInPlace` and `update`: 512 rows of 21 labels are 43 KB.
    static let blockPixels = 512

    /// `body` over `0..<count` pixels in blocks of `blockPixels`, across cores, summing what it
    /// returns lane by lane (the labels a block changed, and energies).
    private static func blocks<V: SIMD>(
        _ count: Int, labels: UnsafeMutablePointer<Int32>?, _ body: @Sendable (Range<Int>, UnsafeMutablePointer<Int32>?) -> V
    ) -> V where V.Scalar == Double {
        let argmax = labels.map(SharedPointer.init)
        return parallelSums(count, grain: 4 * blockPixels) { range in
            var sums = V()
            for start in Swift.stride(from: range.lowerBound, to: range.upperBound, by: blockPixels) {
                sums += body(start..<min(start &+ blockPixels, range.upperBound), argmax?.base)
            }
            return sums
        }
    }

    /// `messages` from kept first-step responses K_m(Q_0) (`FirstResponses`) then `update`, one
    /// block of pixels at a time: the viewer's first step after a weight edit then reads each
    /// response, Q_0 and U once and writes A_1 and Q_1 once, where the two passes went over
    /// the N×L buffers twice as often (memory-bound: at 500×375 with 21 labels they took 18–22
    /// ms of the 50 ms budget for step 1, the one pass 15). Before a block's Q_0 is overwritten, its share of Σ Q_0·A_1 and, with
    /// `fullEnergy`, of Σ Q_0·(ln Q_0 + U + A_1) is added up: Q_0's free energy
    /// (`MeanFieldInference.freeEnergy`). A_1, Q_1 and the labels are those of `messages` then
    /// `update`, to the bit.
    static func firstStep(
        _ model: DenseCRF, responses: [UnsafeMutablePointer<Float>], q: UnsafeMutablePointer<Float>,
        pairwise: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>?, fullEnergy: Bool
    ) -> (changed: Int, messagesPart: Double, freeEnergy: Double) {
        let l = model.labelCount
        let terms = weights(model, step: 1, responses: responses), clamps = needsClamp(model)
        let (qq, pw) = (SharedPointer(q), SharedPointer(pairwise))
        let sums = model.unary.values.withUnsafeBufferPointer { up in
            let u = SharedConstPointer(up.baseAddress!)
            return blocks(model.pixelCount, labels: labels) { pixels, labels in
                weighted(terms, pixels, l, into: pw.base, clamps: clamps)
                let (from, count) = (pixels.lowerBound &* l, pixels.count &* l)
                let dot = VectorKernels.dot(qq.base + from, pw.base + from, count)
                let energy = fullEnergy ? VectorKernels.freeEnergy(qq.base + from, u.base + from, pw.base + from, count) : 0
                let changed = update(pixels, l, unary: u.base, pairwise: pw.base, into: qq.base, labels: labels)
                return SIMD4(Double(changed), dot, energy, 0)
            }
        }
        return (Int(sums[0]), sums[1], sums[2])
    }

    /// q = softmax(−U − pairwise) per pixel; `pairwise` nil gives Q_0 = softmax(−U). With
    /// `labels`, each pixel's argmax of the new q is written there while its row is still in
    /// cache, and the number of labels that changed is returned (0 without `labels`).
    @discardableResult
    public static func update(
        _ model: DenseCRF, pairwise: UnsafePointer<Float>?, into q: UnsafeMutablePointer<Float>,
        labels: UnsafeMutablePointer<Int32>? = nil
    ) -> Int {
        let l = model.labelCount
        return model.unary.values.withUnsafeBufferPointer { up in
            let u = SharedConstPointer(up.baseAddress!)
            let pw = pairwise.map(SharedConstPointer.init)
            let dst = SharedPointer(q)
            return Int(blocks(model.pixelCount, labels: labels) { pixels, labels in
                SIMD2(Double(update(pixels, l, unary: u.base, pairwise: pw?.base, into: dst.base, labels: labels)), 0)
            }[0])
        }
    }

    /// `SoftmaxRows.update` of the pixels in `range`, in the build for this CPU.
    @inline(__always)
    private static func update(
        _ range: Range<Int>, _ l: Int, unary u: UnsafePointer<Float>, pairwise: UnsafePointer<Float>?,
        into q: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>?
    ) -> Int {
        let o = range.lowerBound &* l
        return InstructionSet.kernels.softmaxUpdate(range.count, l, unary: u + o, pairwise: pairwise.map { $0 + o }, into: q + o,
                                                    labels: labels.map { $0 + range.lowerBound })
    }
}

import RealModule

/// Mean-field inference as a stepper, one CRF-RNN iteration at a time (Zheng et al. 2015):
/// Q0 = softmax(−U); then Q ← softmax(−U − Σ_m μ_m · K_m(Q)), where K_m is the normalised
/// kernel filter (message passing), μ_m the compatibility transform.
///
/// The caller reads Q after every step, which is what the viewer animates. With energy
/// tracking on, the messages of the new Q are computed at the end of each step: they give its
/// free energy and are exactly what the next step needs, so tracking costs one extra filter in
/// all plus the one-hot filters of the MAP energy. Not thread-safe: one owner steps it.
public final class MeanFieldInference {
    public let model: DenseCRF
    public let tracksEnergy: Bool
    /// Steps taken so far.
    public private(set) var iteration = 0
    /// Statistics of steps 0…iteration (empty when energy tracking is off).
    public private(set) var statistics: [MeanFieldStatistics] = []

    private let n: Int
    private let l: Int
    private let q: UnsafeMutablePointer<Float>
    /// Σ_m μ_m · K_m(Q) for the current Q, once `pairwiseValid`.
    private let pairwise: UnsafeMutablePointer<Float>
    private var pairwiseValid = false
    /// One kernel's filter output (reused per kernel); also holds the one-hot labelling for the
    /// MAP energy, filtered in place (splatting reads all input before slicing writes any).
    private let filtered: UnsafeMutablePointer<Float>
    private var labels: [Int32]
    private var changedLast = 0
    private let workspace = LatticeWorkspace()

    /// Pairwise energies are clamped to this magnitude: far beyond any unary, so the ordering
    /// of labels is kept, yet finite so that softmax never sees Inf − Inf.
    static let pairwiseLimit: Float = 1e30

    public init(model: DenseCRF, tracksEnergy: Bool = true) {
        self.model = model
        self.tracksEnergy = tracksEnergy
        n = model.pixelCount
        l = model.labelCount
        let size = n * l
        q = .allocate(capacity: size)
        pairwise = .allocate(capacity: size)
        filtered = .allocate(capacity: size)
        labels = [Int32](repeating: 0, count: n)

        // Q0 = softmax(−U): the network's own prediction.
        let u = model.unary.values
        u.withUnsafeBufferPointer { up in
            let src = SharedConstPointer(up.baseAddress!)
            let dst = SharedPointer(q)
            let l = self.l
            parallelChunks(n, grain: 2048) { range in
                for i in range.lowerBound * l..<range.upperBound * l { dst[i] = -src[i] }
                Self.softmax(dst.advanced(by: range.lowerBound * l), count: range.count, l)
            }
        }
        updateLabels()
        changedLast = 0
        if tracksEnergy {
            computePairwise(of: q)
            record()
        }
    }

    /// Set by `finish()`, after which the step buffers are gone.
    private var finished = false

    deinit {
        q.deallocate()
        if !finished {
            pairwise.deallocate()
            filtered.deallocate()
        }
    }

    /// Takes one mean-field step.
    public func step() {
        precondition(!finished, "step() after finish()")
        if !pairwiseValid { computePairwise(of: q) }
        let l = self.l
        model.unary.values.withUnsafeBufferPointer { up in
            let u = SharedConstPointer(up.baseAddress!)
            let pw = SharedConstPointer(UnsafePointer(pairwise))
            let dst = SharedPointer(q)
            parallelChunks(n, grain: 2048) { range in
                let (q, uu, pp) = (dst.base, u.base, pw.base)
                for i in range.lowerBound * l..<range.upperBound * l { q[i] = -uu[i] - pp[i] }
                Self.softmax(q + range.lowerBound * l, count: range.count, l)
            }
        }
        pairwiseValid = false
        iteration += 1
        updateLabels()
        if tracksEnergy {
            computePairwise(of: q)
            record()
        }
    }

    /// Takes `count` steps.
    public func run(_ count: Int) {
        for _ in 0..<count { step() }
    }

    /// The current marginals, releasing the step buffers first so that the copy does not add
    /// to the peak memory of a large run; the inference cannot step afterwards.
    public func finish() -> Marginals {
        pairwise.deallocate()
        filtered.deallocate()
        finished = true
        return marginals
    }

    /// A copy of the current marginals.
    public var marginals: Marginals {
        Marginals(values: Array(UnsafeBufferPointer(start: q, count: n * l)), labels: l, pixels: n)
    }

    /// The current marginals without copying (pixel-major), valid only inside `body`.
    public func withMarginals<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: q, count: n * l))
    }

    /// The argmax labelling of the current marginals.
    public var currentLabels: [Int32] { labels }

    /// Pixels whose argmax changed in the last step.
    public var changedInLastStep: Int { changedLast }

    // MARK: - Message passing

    /// pairwise = Σ_m μ_m · K_m(values), clamped to ±`pairwiseLimit`.
    private func computePairwise(of values: UnsafeMutablePointer<Float>) {
        let l = self.l
        let pw = SharedPointer(pairwise)
        var written = false
        for term in model.terms {
            if let w = term.transform.uniformDiagonal {
                // Potts: the filter scales and accumulates as it slices.
                term.kernel.apply(values, into: pairwise, channels: l, gain: w, accumulate: written, workspace: workspace)
            } else {
                if !written { parallelChunks(n * l, grain: 65536) { range in for i in range { pw[i] = 0 } } }
                term.kernel.apply(values, into: filtered, channels: l, workspace: workspace)
                let src = SharedConstPointer(UnsafePointer(filtered))
                let transform = term.transform
                parallelChunks(n, grain: 2048) { range in
                    for i in range {
                        transform.accumulate(src.advanced(by: i * l), into: pw.advanced(by: i * l))
                    }
                }
            }
            written = true
        }
        if !written { parallelChunks(n * l, grain: 65536) { range in for i in range { pw[i] = 0 } } }
        if needsClamp {
            let limit = Self.pairwiseLimit
            parallelChunks(n * l, grain: 65536) { range in
                for i in range where !(abs(pw[i]) <= limit) {
                    pw[i] = pw[i].isNaN ? 0 : (pw[i] > 0 ? limit : -limit)
                }
            }
        }
        pairwiseValid = values == q
    }

    /// Whether some compatibility is large enough that pairwise energies could leave Float's
    /// range: normalised kernel responses stay below the pixel count, so below 1e15 they cannot.
    private var needsClamp: Bool { model.terms.contains { $0.transform.magnitude > 1e15 } }

    /// Numerically stable softmax of `count` pixels' logits (rows of `l`), in place. Logits
    /// are finite by construction (finite unaries, clamped pairwise energies), so
    /// max-subtraction suffices; the exponentials run over the whole block at once.
    @inline(__always)
    static func softmax(_ rows: UnsafeMutablePointer<Float>, count: Int, _ l: Int) {
        for i in 0..<count {
            let row = rows + i * l
            var m = row[0]
            for k in 1..<l { m = max(m, row[k]) }
            for k in 0..<l { row[k] -= m }
        }
        VectorKernels.expInPlace(rows, count * l)
        for i in 0..<count {
            let row = rows + i * l
            var sum: Float = 0
            for k in 0..<l { sum += row[k] }
            let inv = 1 / sum
            for k in 0..<l { row[k] *= inv }
        }
    }

    private func updateLabels() {
        let l = self.l
        let src = SharedConstPointer(UnsafePointer(q))
        changedLast = labels.withUnsafeMutableBufferPointer { lb in
            let out = SharedPointer(lb.baseAddress!)
            return Int(parallelSum(n, grain: 8192) { range in
                var changed = 0
                for i in range {
                    let a = Int32(Marginals.argmax(src.advanced(by: i * l), l))
                    if a != out[i] { changed += 1 }
                    out[i] = a
                }
                return Double(changed)
            })
        }
    }

    // MARK: - Energies

    /// The free energy (the reference's `klDivergence`) of the current Q. Computes Q's
    /// messages if needed; they are the ones the next step uses, so calling this between steps
    /// costs nothing extra except after the last step.
    public func freeEnergy() -> Double {
        if !pairwiseValid { computePairwise(of: q) }
        return klOfCurrent()
    }

    /// The energy of an arbitrary labelling (e.g. the argmax of an earlier step), with this
    /// model's unaries and kernels; leaves the state of the inference untouched.
    public func mapEnergy(of labelling: [Int32]) -> Double {
        precondition(labelling.count == n)
        return mapEnergy(labelling)
    }

    /// Appends the statistics of the current Q; `pairwise` must hold its messages.
    private func record() {
        statistics.append(MeanFieldStatistics(iteration: iteration, kl: klOfCurrent(), mapEnergy: mapEnergy(labels), changed: changedLast))
    }

    private func klOfCurrent() -> Double {
        let l = self.l
        let u = model.unary.values
        let kl = u.withUnsafeBufferPointer { up -> Double in
            let uu = SharedConstPointer(up.baseAddress!)
            let qq = SharedConstPointer(UnsafePointer(q))
            let pw = SharedConstPointer(UnsafePointer(pairwise))
            return parallelSum(n * l, grain: 32768) { range in
                var s = 0.0
                for i in range {
                    let p = qq[i]
                    s += Double(p * Float.log(max(p, 1e-20)) + p * uu[i] + p * pw[i])
                }
                return s
            }
        }
        return kl
    }

    /// E(x̂) for the argmax labelling x̂: Σ U(x̂_i) + Σ_m Σ_i [μ_m · K_m(onehot(x̂))](i, x̂_i).
    private func mapEnergy(_ labels: [Int32]) -> Double {
        let l = self.l
        let hot = SharedPointer(filtered)
        return labels.withUnsafeBufferPointer { lb in
            let lab = SharedConstPointer(lb.baseAddress!)
            var energy = model.unary.values.withUnsafeBufferPointer { up in
                let uu = SharedConstPointer(up.baseAddress!)
                return parallelSum(n, grain: 8192) { range in
                    var s = 0.0
                    for i in range { s += Double(uu[i * l + Int(lab[i])]) }
                    return s
                }
            }
            for term in model.terms {
                parallelChunks(n, grain: 4096) { range in
                    for i in range {
                        for k in 0..<l { hot[i * l + k] = 0 }
                        hot[i * l + Int(lab[i])] = 1
                    }
                }
                term.kernel.apply(filtered, into: filtered, channels: l, workspace: workspace)
                let src = SharedConstPointer(UnsafePointer(filtered))
                let transform = term.transform
                energy += parallelSum(n, grain: 8192) { range in
                    var s = 0.0
                    for i in range { s += transform.row(Int(lab[i]), dot: src.advanced(by: i * l)) }
                    return s
                }
            }
            return energy
        }
    }
}

/// Mean-field inference as a stepper, one CRF-RNN iteration at a time (Zheng et al. 2015):
/// Q0 = softmax(−U); then Q ← softmax(−U − Σ_m μ_m · K_m(Q)), where K_m is the normalised
/// kernel filter (message passing), μ_m the compatibility transform.
///
/// The caller reads Q after every step, which is what the viewer animates. With energy
/// tracking on, the messages of the new Q are computed at the end of each step: they give its
/// free energy and are exactly what the next step needs, so tracking costs one extra filter in
/// all plus the one-hot filters of the MAP energy. Not thread-safe: one owner steps it.
///
/// In an untied model (per-step compatibilities) the energies of Q_t use the weights of the
/// step that Q_t feeds, t + 1: those are the messages the next step needs.
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
    /// Σ_m μ_m^s · K_m(Q_{s−1}): the messages that step s = `messagesStep` adds to −U. They
    /// are the current Q's (ready for the next step) when s = iteration + 1, the ones the last
    /// step used when s = iteration, and none yet when s = 0.
    /// Allocated on first use: a run that steps in place (see `init`) never needs it.
    private var pairwiseBuffer: UnsafeMutablePointer<Float>?
    private var pairwise: UnsafeMutablePointer<Float> { allocated(&pairwiseBuffer) }
    private var messagesStep = 0
    private var pairwiseValid: Bool { messagesStep == iteration + 1 }
    /// One kernel's filter output (reused per kernel); also holds the one-hot labelling for the
    /// MAP energy, filtered in place (splatting reads all input before slicing writes any).
    /// Allocated on first use: a model of Potts terms whose energies are never asked for
    /// (`infer`, `eval`) does without it, N×L floats less at its peak.
    private var filteredBuffer: UnsafeMutablePointer<Float>?
    private var filtered: UnsafeMutablePointer<Float> { allocated(&filteredBuffer) }
    /// The argmax of Q after each step, to count the pixels a step changed; kept when the
    /// counts are read (energy tracking, the viewer), not in a one-shot run (see `init`).
    private var labels: [Int32]
    private let tracksLabels: Bool
    private var changedLast = 0

    /// `body` given where a step writes its argmax: nil when the labels are not tracked.
    private func withLabelBuffer<R>(_ body: (UnsafeMutablePointer<Int32>?) -> R) -> R {
        guard tracksLabels else { return body(nil) }
        return labels.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }

    /// `buffer`, an N×L buffer allocated on first use.
    private func allocated(_ buffer: inout UnsafeMutablePointer<Float>?) -> UnsafeMutablePointer<Float> {
        if let buffer { return buffer }
        let made = UnsafeMutablePointer<Float>.allocate(capacity: n * l)
        buffer = made
        return made
    }
    private let workspace = LatticeWorkspace()
    /// One workspace per term for stepping in place, the first being `workspace`; made on
    /// the first such step.
    private lazy var termWorkspaces: [LatticeWorkspace] = [workspace] + model.terms.dropFirst().map { _ in LatticeWorkspace() }
    private let oneShot: Bool

    /// The first step's kernel responses, shared with the owner's earlier and later runs.
    private let firstResponses: FirstResponses?

    /// - Parameters:
    ///   - firstResponses: Q_0 and K_m(Q_0) of earlier runs on the same unaries, reused
    ///     for the start and the first step where the kernels are the same, and filled with this
    ///     model's (see `FirstResponses`). The viewer's runner keeps one.
    ///   - oneShot: true for a run read only at its end (`infer`, datasets, `eval`,
    ///     benchmarks), which never asks for the last step's pairwise energies
    ///     (`withLastPairwise`) nor for the pixels a step changed (`changedInLastStep`). Without
    ///     energy tracking, steps whose terms are all Potts then run in Q's own buffer
    ///     (`MeanFieldStep.stepInPlace`), N×L floats less at the peak, with the same Q; and the
    ///     argmax is taken once, by `currentLabels`, instead of after every step.
    public init(model: DenseCRF, tracksEnergy: Bool = true, firstResponses: FirstResponses? = nil, oneShot: Bool = false) {
        self.model = model
        self.tracksEnergy = tracksEnergy
        self.firstResponses = firstResponses
        self.oneShot = oneShot
        n = model.pixelCount
        l = model.labelCount
        q = .allocate(capacity: n * l)
        tracksLabels = tracksEnergy || !oneShot || firstResponses != nil
        labels = tracksLabels ? [Int32](repeating: 0, count: n) : []

        // Q0 = softmax(−U): the network's own prediction.
        if let firstResponses {
            labels.withUnsafeMutableBufferPointer { firstResponses.start(model, q: q, labels: $0.baseAddress!) }
        } else {
            _ = withLabelBuffer { MeanFieldStep.update(model, pairwise: nil, into: q, labels: $0) }
        }
        if tracksEnergy {
            computePairwise()
            record()
        }
    }

    /// Set by `finish()`, after which the step buffers are gone.
    private var finished = false

    deinit {
        q.deallocate()
        if !finished {
            pairwiseBuffer?.deallocate()
            filteredBuffer?.deallocate()
        }
    }

    /// Takes one mean-field step.
    public func step() {
        precondition(!finished, "step() after finish()")
        if oneShot, !pairwiseValid, !(iteration == 0 && firstResponses != nil),
           MeanFieldStep.stepsInPlace(model, step: iteration + 1) {
            changedLast = withLabelBuffer { MeanFieldStep.stepInPlace(model, step: iteration + 1, q: q, labels: $0, workspaces: termWorkspaces) }
        } else {
            if !pairwiseValid { computePairwise() }
            changedLast = withLabelBuffer { MeanFieldStep.update(model, pairwise: pairwise, into: q, labels: $0) }
        }
        iteration += 1
        if tracksEnergy {
            computePairwise()
            record()
        }
    }

    /// `freeEnergy()` then `step()`: the free energy of the current Q, then the next Q, the same
    /// values as the two calls. The first step from kept responses (`FirstResponses`, the
    /// viewer's weight edits) takes the energy from the step's own pass over the buffers
    /// (`MeanFieldStep.firstStep`) instead of a pass of its own.
    public func freeEnergyAndStep() -> Double {
        precondition(!finished, "freeEnergyAndStep() after the step buffers were released")
        guard iteration == 0, let firstResponses, !pairwiseValid else {
            let energy = freeEnergy()
            step()
            return energy
        }
        let responses = firstResponses.responses(of: model, q0: q, workspace: workspace)
        let full = firstResponses.needsFullStartEnergy(model)
        let (changed, messagesPart, energy) = withLabelBuffer {
            MeanFieldStep.firstStep(model, responses: responses, q: q, pairwise: pairwise, labels: $0, fullEnergy: full)
        }
        changedLast = changed
        messagesStep = 1
        iteration = 1
        return firstResponses.startFreeEnergy(of: model, full: { energy }, messagesPart: { messagesPart })
    }

    /// Takes `count` steps.
    public func run(_ count: Int) {
        for _ in 0..<count { step() }
    }

    /// The current marginals, releasing the step buffers first so that the copy does not add
    /// to the peak memory of a large run; the inference cannot step afterwards.
    public func finish() -> Marginals {
        releaseStepBuffers()
        return marginals
    }

    /// Frees everything but Q (still readable with `withMarginals`), before the outputs of a
    /// large run are encoded; the inference cannot step afterwards.
    public func releaseStepBuffers() {
        guard !finished else { return }
        pairwiseBuffer?.deallocate()
        pairwiseBuffer = nil
        filteredBuffer?.deallocate()
        filteredBuffer = nil
        termWorkspaces = []
        finished = true
    }

    /// A copy of the current marginals.
    public var marginals: Marginals {
        Marginals(values: Array(UnsafeBufferPointer(start: q, count: n * l)), labels: l, pixels: n)
    }

    /// The current marginals without copying (pixel-major), valid only inside `body`.
    public func withMarginals<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: q, count: n * l))
    }

    /// The pairwise energies the last step added to −U before its softmax,
    /// A_t = Σ_m μ_m^t · K_m(Q_{t−1}) (pixel-major), valid only inside `body`; so
    /// Q_t = softmax(−U − A_t) per pixel. Nil before the first step (Q_0 has no pairwise term),
    /// after `finish()`, once the buffer holds the next step's messages instead (energy
    /// tracking and `freeEnergy()` compute those), and after a step taken in place (see `init`).
    public func withLastPairwise<R>(_ body: (UnsafeBufferPointer<Float>?) throws -> R) rethrows -> R {
        let kept = iteration > 0 && messagesStep == iteration && !finished
        return try body(kept ? UnsafeBufferPointer(start: pairwise, count: n * l) : nil)
    }

    /// The argmax labelling of the current marginals.
    public var currentLabels: [Int32] {
        if tracksLabels { return labels }
        let qq = SharedConstPointer(UnsafePointer(q)), l = self.l
        return parallelArray(count: n) { range, labels in
            for i in range { labels[i] = Int32(truncatingIfNeeded: VectorKernels.argmax(qq.base + i &* l, l)) }
        }
    }

    /// Pixels whose argmax changed in the last step.
    public var changedInLastStep: Int {
        precondition(tracksLabels, "changedInLastStep of a one-shot run")
        return changedLast
    }

    // MARK: - Message passing

    /// The messages of the current Q for the next step, which also give its free energy.
    private func computePairwise() {
        if iteration == 0, let firstResponses {
            firstResponses.messages(of: model, q0: q, into: pairwise, workspace: workspace)
        } else {
            MeanFieldStep.messages(model, step: iteration + 1, of: q, into: pairwise, scratch: { self.filtered }, workspace: workspace)
        }
        messagesStep = iteration + 1
    }

    // MARK: - Energies

    /// The free energy (the reference's `klDivergence`) of the current Q. Computes Q's
    /// messages if needed; they are the ones the next step uses, so calling this between steps
    /// costs nothing extra except after the last step.
    public func freeEnergy() -> Double {
        precondition(!finished, "freeEnergy() after the step buffers were released")
        if !pairwiseValid { computePairwise() }
        return klOfCurrent()
    }

    /// The energy of an arbitrary labelling (e.g. the argmax of an earlier step), with this
    /// model's unaries and kernels; leaves the state of the inference untouched.
    public func mapEnergy(of labelling: [Int32]) -> Double {
        precondition(!finished, "mapEnergy(of:) after the step buffers were released")
        precondition(labelling.count == n)
        return mapEnergy(labelling)
    }

    /// Appends the statistics of the current Q; `pairwise` must hold its messages.
    private func record() {
        statistics.append(MeanFieldStatistics(iteration: iteration, kl: klOfCurrent(), mapEnergy: mapEnergy(labels), changed: changedLast))
    }

    private func klOfCurrent() -> Double {
        if iteration == 0, let firstResponses {
            return firstResponses.startFreeEnergy(of: model, full: fullFreeEnergy, messagesPart: messagesPart)
        }
        return fullFreeEnergy()
    }

    /// Σ q·(ln q + u + a) over Q, U and the messages A (`VectorKernels.freeEnergy`).
    private func fullFreeEnergy() -> Double {
        let qq = SharedConstPointer(UnsafePointer(q)), pw = SharedConstPointer(UnsafePointer(pairwise))
        return model.unary.values.withUnsafeBufferPointer { up in
            let uu = SharedConstPointer(up.baseAddress!)
            return parallelSum(n * l, grain: 32768) { range in
                VectorKernels.freeEnergy(qq.advanced(by: range.lowerBound), uu.advanced(by: range.lowerBound),
                                         pw.advanced(by: range.lowerBound), range.count)
            }
        }
    }

    /// Σ q·a: the part of the free energy that the messages contribute.
    private func messagesPart() -> Double {
        let qq = SharedConstPointer(UnsafePointer(q)), pw = SharedConstPointer(UnsafePointer(pairwise))
        return parallelSum(n * l, grain: 32768) { range in
            VectorKernels.dot(qq.advanced(by: range.lowerBound), pw.advanced(by: range.lowerBound), range.count)
        }
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
                let transform = term.transform(step: iteration + 1)
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

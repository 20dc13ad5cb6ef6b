/// Q_0 and K_m(Q_0) for the kernels of a model: the start of mean-field inference and the
/// messages of its first step before their weights are applied. Q_0 = softmax(−U) depends on
/// the unaries alone and each response on its kernel's geometry alone, so a model that differs
/// from the previous one only in its compatibilities (the viewer's weight edits) starts without
/// a softmax and takes its first step without filtering, and one whose width changed filters
/// only the kernel that was rebuilt.
///
/// Costs N×L floats for Q_0 and per kernel. One owner at a time: `MeanFieldInference` reads
/// and fills it on the thread that steps it (the viewer's runner runs one job at a time).
public final class FirstResponses: @unchecked Sendable {
    /// The unaries the responses were computed from, Q_0 (their softmax) and its argmax.
    private var unary: [Float] = []
    private var q0: [Float] = []
    private var labels0: [Int32] = []
    /// Σ q0·(ln q0 + U): Q_0's free energy without its messages, once known.
    private var startEnergy: Double?
    /// Per kernel (by identity; the kernel is held so its identity cannot be reused).
    private var responses: [ObjectIdentifier: (kernel: DenseKernel, values: UnsafeMutableBufferPointer<Float>)] = [:]

    public init() {}

    /// How many kernels' responses are kept.
    var kernelCount: Int { responses.count }

    deinit { for entry in responses.values { entry.values.deallocate() } }

    /// pairwise = Σ_m μ_m^1 · K_m(q0), q0 being `model`'s Q_0, from `responses`.
    func messages(of model: DenseCRF, q0: UnsafePointer<Float>, into pairwise: UnsafeMutablePointer<Float>,
                  workspace: LatticeWorkspace) {
        MeanFieldStep.messages(model, step: 1, responses: responses(of: model, q0: q0, workspace: workspace), into: pairwise)
    }

    /// K_m(q0) for each of `model`'s terms, q0 being its Q_0: responses already known for these
    /// unaries are reused, the others filtered and kept. Responses of kernels the model no
    /// longer has are dropped.
    func responses(of model: DenseCRF, q0: UnsafePointer<Float>, workspace: LatticeWorkspace) -> [UnsafeMutablePointer<Float>] {
        let size = model.pixelCount * model.labelCount
        forget(unlessFor: model)
        let current = Set(model.terms.map { ObjectIdentifier($0.kernel) })
        for (key, entry) in responses where !current.contains(key) {
            entry.values.deallocate()
            responses[key] = nil
        }
        for term in model.terms where responses[ObjectIdentifier(term.kernel)] == nil {
            let values = UnsafeMutableBufferPointer<Float>.allocate(capacity: size)
            term.kernel.apply(q0, into: values.baseAddress!, channels: model.labelCount, workspace: workspace)
            responses[ObjectIdentifier(term.kernel)] = (term.kernel, values)
        }
        return model.terms.map { responses[ObjectIdentifier($0.kernel)]!.values.baseAddress! }
    }

    /// Whether Q_0's free energy needs its full sum (`startFreeEnergy`): its unary part is
    /// not yet known for `model`'s unaries.
    func needsFullStartEnergy(_ model: DenseCRF) -> Bool {
        forget(unlessFor: model)
        return startEnergy == nil
    }

    /// The free energy of Q_0 with its first step's messages A, from `full` (computed in full)
    /// or, once the part that depends on the unaries alone is known, from that part and
    /// `messagesPart` (Σ Q_0·A): after a weight edit the viewer then pays one multiply-add per
    /// value before step 1, not a logarithm per value (6 ms of its 50 ms budget at 500×375 with
    /// 21 labels).
    func startFreeEnergy(of model: DenseCRF, full: () -> Double, messagesPart: () -> Double) -> Double {
        forget(unlessFor: model)
        let part = messagesPart()
        if let startEnergy { return startEnergy + part }
        let energy = full()
        startEnergy = energy - part
        return energy
    }

    /// Writes `model`'s Q_0 and its argmax into `q` and `labels`: copied when known for these
    /// unaries, else computed (`MeanFieldStep.update`) and kept.
    func start(_ model: DenseCRF, q: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>) {
        forget(unlessFor: model)
        let size = model.pixelCount * model.labelCount
        if q0.count == size {
            q.update(from: q0, count: size)
            labels.update(from: labels0, count: model.pixelCount)
        } else {
            MeanFieldStep.update(model, pairwise: nil, into: q, labels: labels)
            q0 = Array(UnsafeBufferPointer(start: q, count: size))
            labels0 = Array(UnsafeBufferPointer(start: labels, count: model.pixelCount))
        }
    }

    /// Drops everything computed from other unaries than `model`'s.
    private func forget(unlessFor model: DenseCRF) {
        guard unary != model.unary.values else { return }
        for entry in responses.values { entry.values.deallocate() }
        responses = [:]
        q0 = []
        labels0 = []
        startEnergy = nil
        unary = model.unary.values
    }
}

/// A differentiable loss on the final marginals Q_T: its value and ∂L/∂Q_T, which
/// `MeanFieldTrace.backward` takes whatever the loss is.
public protocol TrainingObjective: Sendable {
    /// The loss of marginals `q` (pixel-major N×L) against `truth` (255 = ignore), writing
    /// ∂L/∂Q into `gradient` (every entry); nil when no pixel is scored.
    func evaluate(_ q: UnsafeBufferPointer<Float>, truth: [UInt8], labels: Int, gradient: UnsafeMutablePointer<Float>) -> Double?
}

extension PixelCrossEntropy: TrainingObjective {}

/// The soft Jaccard loss (Rahman & Wang 2016): 1 − mean over the classes in the truth of
/// I_c / U_c, with I_c = Σ_i Q(i, c)·[y_i = c] and U_c = Σ_i Q(i, c) + [y_i = c] − Q(i, c)·[y_i = c],
/// over scored pixels. It is the expected-IoU surrogate of the mean IoU that `eval` reports,
/// so small classes (a bicycle's frame) weigh as much as the background, where pixel
/// cross-entropy is dominated by large regions and boundary confidence.
public struct SoftJaccardLoss: TrainingObjective {
    public init() {}

    public func evaluate(_ q: UnsafeBufferPointer<Float>, truth: [UInt8], labels l: Int,
                         gradient: UnsafeMutablePointer<Float>) -> Double? {
        let n = truth.count
        var intersection = [Double](repeating: 0, count: l), union = [Double](repeating: 0, count: l)
        var present = [Bool](repeating: false, count: l)
        for i in 0..<n where Int(truth[i]) < l {
            let y = Int(truth[i])
            present[y] = true
            for c in 0..<l {
                let p = Double(q[i * l + c])
                if c == y {
                    intersection[c] += p
                    union[c] += 1
                } else {
                    union[c] += p
                }
            }
        }
        let classes = present.filter { $0 }.count
        gradient.initialize(repeating: 0, count: n * l)
        guard classes > 0 else { return nil }
        // ∂(I/U)/∂Q(i, c) = (∂I·U − I·∂U) / U², with ∂I = [y = c] and ∂U = 1 − [y = c].
        var onTruth = [Float](repeating: 0, count: l), offTruth = [Float](repeating: 0, count: l)
        var loss = 1.0
        for c in 0..<l where present[c] {
            let u = union[c], iou = intersection[c] / u
            loss -= iou / Double(classes)
            onTruth[c] = Float(-(1 / u) / Double(classes))
            offTruth[c] = Float((intersection[c] / (u * u)) / Double(classes))
        }
        for i in 0..<n where Int(truth[i]) < l {
            let y = Int(truth[i])
            for c in 0..<l where present[c] { gradient[i * l + c] = c == y ? onTruth[c] : offTruth[c] }
        }
        return loss
    }
}

/// The sum of several objectives (e.g. cross-entropy for calibrated marginals plus the soft
/// Jaccard loss for the mean IoU).
public struct SumObjective: TrainingObjective {
    public let parts: [any TrainingObjective]

    public init(_ parts: [any TrainingObjective]) { self.parts = parts }

    public func evaluate(_ q: UnsafeBufferPointer<Float>, truth: [UInt8], labels l: Int,
                         gradient: UnsafeMutablePointer<Float>) -> Double? {
        let size = truth.count * l
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: size)
        defer { scratch.deallocate() }
        gradient.initialize(repeating: 0, count: size)
        var total: Double?
        for part in parts {
            guard let v = part.evaluate(q, truth: truth, labels: l, gradient: scratch) else { continue }
            total = (total ?? 0) + v
            for k in 0..<size { gradient[k] += scratch[k] }
        }
        return total
    }
}

import DenseCRF
import RealModule

/// The training objective of CRF-RNN: pixel cross-entropy of the final marginals,
/// L = Σ_i w_{y_i}·(−log Q_T(i, y_i)) / Σ_i w_{y_i}, over pixels whose truth is not 255
/// (PASCAL VOC's "ignore"). With class weights w_c it is the class-balanced loss; without, all
/// weights are 1 and L is the mean over scored pixels.
///
/// Any other objective can drive learning the same way: `MeanFieldTrace.backward` takes
/// ∂L/∂Q_T, whatever L is.
public struct PixelCrossEntropy: Sendable {
    /// Per-class weights, or nil for the plain mean.
    public let classWeights: [Double]?

    /// Q below this counts as this in the logarithm, so that no loss or gradient is infinite.
    static let floor: Float = 1e-30

    public init(classWeights: [Double]? = nil) {
        self.classWeights = classWeights
    }

    /// Median-frequency balancing (Eigen & Fergus 2015): w_c = median_f / f_c over the classes
    /// present in `truths`, 0 for absent ones.
    public static func balanced(truths: [[UInt8]], labels: Int) -> PixelCrossEntropy {
        var counts = [Double](repeating: 0, count: labels)
        for t in truths { for v in t where Int(v) < labels { counts[Int(v)] += 1 } }
        let present = counts.filter { $0 > 0 }.sorted()
        guard !present.isEmpty else { return PixelCrossEntropy() }
        let median = present[present.count / 2]
        return PixelCrossEntropy(classWeights: counts.map { $0 > 0 ? median / $0 : 0 })
    }

    /// The loss of marginals `q` (pixel-major N×L) against `truth`, and ∂L/∂Q written to
    /// `gradient`; nil when no pixel is scored.
    public func evaluate(_ q: UnsafeBufferPointer<Float>, truth: [UInt8], labels l: Int,
                         gradient: UnsafeMutablePointer<Float>) -> Double? {
        let n = truth.count
        precondition(q.count == n * l)
        gradient.initialize(repeating: 0, count: n * l)
        var total = 0.0, weightSum = 0.0
        for i in 0..<n where Int(truth[i]) < l {
            let w = classWeights?[Int(truth[i])] ?? 1
            weightSum += w
        }
        guard weightSum > 0 else { return nil }
        for i in 0..<n where Int(truth[i]) < l {
            let y = Int(truth[i])
            let w = (classWeights?[y] ?? 1) / weightSum
            guard w > 0 else { continue }
            let p = max(q[i * l + y], Self.floor)
            total -= w * Double.log(Double(p))
            gradient[i * l + y] = Float(-w / Double(p))
        }
        return total
    }
}

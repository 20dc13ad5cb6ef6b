import DenseCRF
import Foundation

/// What the screen needs of one mean-field step, kept for every step so that revisiting a
/// step is instant.
///
/// Q is stored as Float16 at the working resolution (the grid inference runs on), which is
/// half of what a Float copy would cost and more precision than a terminal can show; the
/// full-resolution float Q lives only in the running inference.
public struct StepFrame: Sendable {
    public let iteration: Int
    public let statistics: MeanFieldStatistics?
    public let width: Int
    public let height: Int
    public let labelCount: Int
    /// Argmax label per pixel.
    public let labels: [UInt16]
    /// Q, pixel-major (`q[i * labelCount + l]`).
    public let q: [Float16]

    public init(iteration: Int, statistics: MeanFieldStatistics?, width: Int, height: Int, labelCount: Int, labels: [UInt16], q: [Float16]) {
        self.iteration = iteration
        self.statistics = statistics
        self.width = width
        self.height = height
        self.labelCount = labelCount
        self.labels = labels
        self.q = q
    }

    /// Captures the current state of `inference` (whose model is `width`×`height`).
    public init(_ inference: MeanFieldInference, width: Int, height: Int) {
        let l = inference.model.labelCount
        self.iteration = inference.iteration
        self.statistics = inference.statistics.last
        self.width = width
        self.height = height
        self.labelCount = l
        self.labels = inference.currentLabels.map { UInt16(truncatingIfNeeded: $0) }
        self.q = inference.withMarginals { buffer in buffer.map { Float16($0) } }
    }

    /// Q of one pixel as Float.
    public func marginals(x: Int, y: Int) -> [Float] {
        let i = (y * width + x) * labelCount
        return (0..<labelCount).map { Float(q[i + $0]) }
    }

    /// The heat-map field of one class, Q(·, label).
    public func classField(_ label: Int) -> [Float] {
        (0..<(width * height)).map { Float(q[$0 * labelCount + label]) }
    }

    /// Entropy of Q per pixel divided by log L, so 0 is certain and 1 uniform.
    public func normalisedEntropy() -> [Float] {
        let l = labelCount
        let scale = 1 / log(Float(l))
        return (0..<(width * height)).map { i in
            var h: Float = 0
            for k in 0..<l {
                let p = Float(q[i * l + k])
                if p > 0 { h -= p * log(p) }
            }
            return min(1, h * scale)
        }
    }
}

import DenseCRF
import Foundation

/// What the screen needs of one mean-field step, kept for every step so that revisiting a
/// step is instant.
///
/// Q is stored at the working resolution (the grid inference runs on) as 16-bit fixed point,
/// q·65535: half of what a Float copy costs, with a uniform 1.5e-5 step over [0, 1] (Float16
/// would be coarser near 1, where confident marginals live, and would round 0.9994 up to 1.000
/// in the inspector). The full-resolution float Q lives only in the running inference.
public struct StepFrame: Sendable {
    public let iteration: Int
    public let statistics: MeanFieldStatistics?
    public let width: Int
    public let height: Int
    public let labelCount: Int
    /// Argmax label per pixel.
    public let labels: [UInt16]
    /// Q, pixel-major (`q[i * labelCount + l]`).
    public let q: [UInt16]

    public init(iteration: Int, statistics: MeanFieldStatistics?, width: Int, height: Int, labelCount: Int, labels: [UInt16], q: [UInt16]) {
        self.iteration = iteration
        self.statistics = statistics
        self.width = width
        self.height = height
        self.labelCount = labelCount
        self.labels = labels
        self.q = q
    }

    /// Captures the current state of `inference` (whose model is `size`), resampled to
    /// `grid` when given: Q area-averaged per label, labels by majority.
    public init(_ inference: MeanFieldInference, size: Size, grid: Size? = nil) {
        let l = inference.model.labelCount
        self.iteration = inference.iteration
        self.statistics = inference.statistics.last
        self.labelCount = l
        let labels = inference.currentLabels.map { UInt16(truncatingIfNeeded: $0) }
        guard let grid, grid != size else {
            self.width = size.width
            self.height = size.height
            self.labels = labels
            self.q = inference.withMarginals { buffer in buffer.map(Self.fixed) }
            return
        }
        self.width = grid.width
        self.height = grid.height
        self.labels = Downsampler.majority(labels, size: size, to: grid)
        let n = size.width * size.height, m = grid.width * grid.height
        var q = [UInt16](repeating: 0, count: m * l)
        inference.withMarginals { buffer in
            for k in 0..<l {
                let field = (0..<n).map { buffer[$0 * l + k] }
                for (i, v) in Downsampler.areaAverage(field, size: size, to: grid).enumerated() { q[i * l + k] = Self.fixed(v) }
            }
        }
        self.q = q
    }

    static let unit: Float = 65535

    @inline(__always)
    static func fixed(_ p: Float) -> UInt16 { UInt16(max(0, min(1, p)) * unit + 0.5) }

    @inline(__always)
    func value(_ index: Int) -> Float { Float(q[index]) / Self.unit }

    /// Q of one pixel as Float.
    public func marginals(x: Int, y: Int) -> [Float] {
        let i = (y * width + x) * labelCount
        return (0..<labelCount).map { value(i + $0) }
    }

    /// The heat-map field of one class, Q(·, label).
    public func classField(_ label: Int) -> [Float] {
        (0..<(width * height)).map { value($0 * labelCount + label) }
    }

    /// Entropy of Q per pixel divided by log L, so 0 is certain and 1 uniform.
    public func normalisedEntropy() -> [Float] {
        let l = labelCount
        let scale = 1 / log(Float(l))
        return (0..<(width * height)).map { i in
            var h: Float = 0
            for k in 0..<l {
                let p = value(i * l + k)
                if p > 0 { h -= p * log(p) }
            }
            return min(1, h * scale)
        }
    }
}

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
    /// Pixels whose argmax the step changed (at the resolution inference ran at).
    public let changed: Int
    /// The free energy and the MAP energy of this step, filled in when the runner has
    /// computed them (after the frame itself, so that energies never delay the picture).
    public var kl: Double?
    public var mapEnergy: Double?
    public let width: Int
    public let height: Int
    public let labelCount: Int
    /// Argmax label per pixel.
    public let labels: [UInt16]
    /// Q, pixel-major (`q[i * labelCount + l]`).
    public let q: [UInt16]
    /// Entropy of Q per pixel over log L (0 certain, 1 uniform), in the same fixed point;
    /// computed with the frame, on the worker, so the uncertainty view costs the UI no logs.
    public let uncertainty: [UInt16]

    public init(iteration: Int, changed: Int, width: Int, height: Int, labelCount: Int, labels: [UInt16], q: [UInt16]) {
        self.iteration = iteration
        self.changed = changed
        self.width = width
        self.height = height
        self.labelCount = labelCount
        self.labels = labels
        self.q = q
        self.uncertainty = Self.entropy(q, labels: labelCount)
    }

    /// Captures the current state of `inference` (whose model is `size`), resampled to
    /// `grid` when given: Q area-averaged per label, labels by majority.
    public init(_ inference: MeanFieldInference, size: Size, grid: Size? = nil) {
        let l = inference.model.labelCount
        self.iteration = inference.iteration
        self.changed = inference.changedInLastStep
        self.labelCount = l
        let labels = inference.currentLabels.map { UInt16(truncatingIfNeeded: $0) }
        guard let grid, grid != size else {
            self.width = size.width
            self.height = size.height
            self.labels = labels
            self.q = inference.withMarginals { buffer in buffer.map(Self.fixed) }
            self.uncertainty = Self.entropy(self.q, labels: l)
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
        self.uncertainty = Self.entropy(q, labels: l)
    }

    /// All of the step's statistics, once both energies are known.
    public var statistics: MeanFieldStatistics? {
        guard let kl, let mapEnergy else { return nil }
        return MeanFieldStatistics(iteration: iteration, kl: kl, mapEnergy: mapEnergy, changed: changed)
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
        uncertainty.map { Float($0) / Self.unit }
    }

    private static func entropy(_ q: [UInt16], labels l: Int) -> [UInt16] {
        let scale = 1 / log(Float(l))
        return (0..<(q.count / l)).map { i in
            var h: Float = 0
            for k in 0..<l where q[i * l + k] > 0 {
                let p = Float(q[i * l + k]) / unit
                h -= p * log(p)
            }
            return fixed(min(1, h * scale))
        }
    }
}

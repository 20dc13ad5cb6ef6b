/// The energies that make Q at one pixel, per class: Q = softmax(−(U + A)), so the total
/// U + A is −log Q up to the pixel's log-partition constant. Comparing the unary U with the
/// pairwise A shows whether the network or a kernel put a class ahead.
public struct PixelEnergies: Sendable, Equatable {
    /// U(l), after the model's unary calibration.
    public let unary: [Float]
    /// A(l) = Σ_m μ_m · K_m(Q_{t−1})(l); zero at step 0.
    public let pairwise: [Float]

    /// U(l) + A(l), the logit before the softmax (negated).
    public var total: [Float] { zip(unary, pairwise).map { $0 + $1 } }
}

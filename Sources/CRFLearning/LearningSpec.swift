import DenseCRF

/// Which parameters of a dense CRF are learned, and how the training network is unrolled.
///
/// The defaults are those that generalised best to held-out scenes in the experiments the
/// README's learning table reports (`crfview learn` with no flags).
public struct LearningSpec: Sendable, Equatable {
    /// The form each kernel's compatibility is learned in.
    public enum CompatibilityForm: String, Sendable, CaseIterable {
        /// One weight w per kernel, μ = −w·I.
        case potts
        /// One weight per class, μ = diag(v): CRF-RNN's per-class kernel weights.
        case diagonal
        /// A symmetric L×L μ: CRF-RNN's learned label compatibility.
        case matrix
    }

    public var compatibility: CompatibilityForm
    /// Learn the unary calibration U' = a·U + b_l.
    public var unary: Bool
    /// Learn the kernel widths (gaussian sxy, bilateral sxy and srgb).
    public var widths: Bool
    /// A separate set of compatibilities per mean-field step (the paper's ablation).
    public var untied: Bool
    /// Mean-field steps unrolled while training (T = 5 in CRF-RNN).
    public var trainSteps: Int

    public init(compatibility: CompatibilityForm = .matrix, unary: Bool = true, widths: Bool = true,
                untied: Bool = false, trainSteps: Int = 5) {
        self.compatibility = compatibility
        self.unary = unary
        self.widths = widths
        self.untied = untied
        self.trainSteps = trainSteps
    }
}

/// One pairwise potential of the CRF: a kernel over features and the label compatibility that
/// turns its filtered marginals into energies, ψ(x_i, x_j) = μ(x_i, x_j) k(f_i, f_j).
///
/// The kernel (geometry, expensive to build) and the compatibility (weights, free to change)
/// are kept apart so that new weights reuse the kernel; see `KernelGeometry`.
public struct PairwiseTerm: Sendable {
    /// Short name for logs and the viewer ("gaussian", "bilateral", "features 1").
    public let name: String
    public let geometry: KernelGeometry
    public let kernel: DenseKernel
    public let compatibility: LabelCompatibility
    /// Per-step compatibilities of an untied model; empty when tied.
    public let compatibilitySteps: [LabelCompatibility]
    /// The transform of `compatibility`, then those of `compatibilitySteps`.
    let transforms: [CompatibilityTransform]

    public init(
        name: String, geometry: KernelGeometry, kernel: DenseKernel, compatibility: LabelCompatibility,
        steps: [LabelCompatibility] = [], labels: Int
    ) {
        self.name = name
        self.geometry = geometry
        self.kernel = kernel
        self.compatibility = compatibility
        self.compatibilitySteps = steps
        self.transforms = ([compatibility] + steps).map { CompatibilityTransform($0, labels: labels) }
    }

    /// The compatibility transform of mean-field step `step` (1-based), as
    /// `CRFParameters.compatibility(_:steps:at:)` chooses it.
    func transform(step: Int) -> CompatibilityTransform {
        compatibilitySteps.isEmpty ? transforms[0] : transforms[min(max(step, 1), compatibilitySteps.count)]
    }

    /// The largest |μ| entry over all steps.
    var magnitude: Float { transforms.map(\.magnitude).max() ?? 0 }
}

/// One pairwise potential of the CRF: a kernel over features and the label compatibility that
/// turns its filtered marginals into energies, ψ(x_i, x_j) = μ(x_i, x_j) k(f_i, f_j).
public struct PairwiseTerm: Sendable {
    /// Short name for logs and the viewer ("gaussian", "bilateral", "features 1").
    public let name: String
    public let kernel: DenseKernel
    public let compatibility: LabelCompatibility
    let transform: CompatibilityTransform

    public init(name: String, kernel: DenseKernel, compatibility: LabelCompatibility, labels: Int) {
        self.name = name
        self.kernel = kernel
        self.compatibility = compatibility
        self.transform = CompatibilityTransform(compatibility, labels: labels)
    }
}

/// Where a compatibility μ lives in the model: a kernel's tied compatibility (`step` nil),
/// or the one it uses at mean-field step `step` (1-based) in an untied model, where
/// `CRFParameters.compatibility(_:steps:at:)` ignores the tied one.
public struct CompatibilitySlot: Hashable, Sendable {
    public var kernel: KernelID
    public var step: Int?

    public init(kernel: KernelID, step: Int? = nil) {
        self.kernel = kernel
        self.step = step
    }

    /// "bilateral compat", or "bilateral compat step 2".
    public var name: String { "\(kernel.name) compat" + (step.map { " step \($0)" } ?? "") }
}

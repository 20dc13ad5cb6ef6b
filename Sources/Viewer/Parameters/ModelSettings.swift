import DenseCRF

/// Everything the user tunes: the CRF's parameters and how its unaries are made. One value,
/// so a change, an undo step, a run and a pending save all refer to the same thing.
public struct ModelSettings: Equatable, Sendable {
    public var parameters: CRFParameters
    public var unary: UnarySettings

    public init(parameters: CRFParameters, unary: UnarySettings) {
        self.parameters = parameters
        self.unary = unary
    }
}

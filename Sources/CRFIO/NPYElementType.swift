/// How an array's values were stored, which matters after they become Float: uint8 maps are
/// usually probabilities scaled to 0…255, integers cannot hold fractions, and float16 holds
/// only about three significant digits, so sums of its probabilities are off by up to ~1e-3.
public enum NPYElementType: Sendable, Equatable {
    case float, float16, uint8, integer

    /// The relative error of one stored value (half the gap between neighbouring values near 1).
    public var resolution: Float {
        switch self {
        case .float: 1e-6
        case .float16: 4.9e-4
        case .uint8, .integer: 0.5
        }
    }
}

/// An affine recalibration of the unary energies, U'(i, l) = a·U(i, l) + b_l.
///
/// CRF-RNN trains the network jointly with the CRF; with a fixed network the part of that we
/// can still learn is how much to trust it (a, a temperature on its log-probabilities) and a
/// per-class prior (b_l, the bias of the last layer). a = 1, b = 0 is the identity. The result
/// is still a plain unary, so a calibrated model runs unchanged in pydensecrf once U' is
/// computed.
public struct UnaryCalibration: Sendable, Equatable {
    /// The weight a on the network's energies; positive.
    public var weight: Float
    /// The per-class bias b_l, one per label.
    public var bias: [Float]

    public init(weight: Float = 1, bias: [Float]) {
        self.weight = weight
        self.bias = bias
    }

    /// The identity calibration for `labels` classes.
    public static func identity(labels: Int) -> UnaryCalibration {
        UnaryCalibration(weight: 1, bias: [Float](repeating: 0, count: labels))
    }

    public func validate(labels: Int) throws(CRFError) {
        guard weight.isFinite, weight > 0 else { throw CRFError("unary weight must be positive, got \(weight)") }
        guard bias.count == labels else {
            throw CRFError("unary bias has \(bias.count) values but there are \(labels) labels")
        }
        guard bias.allSatisfy(\.isFinite) else { throw CRFError("unary bias has a non-finite value") }
    }

    /// U' for `unary`; fails if a value leaves Float's range.
    public func apply(to unary: UnaryEnergies) throws(CRFError) -> UnaryEnergies {
        let l = unary.labelCount
        var values = unary.values
        for i in 0..<values.count { values[i] = weight * values[i] + bias[i % l] }
        return try UnaryEnergies(pixelMajor: values, labels: l, pixels: unary.pixelCount)
    }
}

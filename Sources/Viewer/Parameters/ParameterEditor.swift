import CRFShared
import DenseCRF

/// How each tunable value changes with `+`/`-` (fine) and `=`/`_` (coarse), and how a typed
/// value is applied. Widths and the unary weight change multiplicatively (a width's effect is
/// relative: 3 → 4 px matters, 80 → 81 does not), weights, biases and probabilities additively;
/// a diagonal, a matrix or a bias vector as a whole is scaled.
public enum ParameterEditor {
    /// The model after one step of `parameter` up or down.
    public static func adjust(_ parameter: TunableParameter, fine: Bool, up: Bool,
                              _ p: CRFParameters, _ u: UnarySettings) -> (CRFParameters, UnarySettings) {
        var p = p, u = u
        let sign: Float = up ? 1 : -1
        let factor: Float = fine ? 1.1 : 2
        func width(_ w: Float) -> Float { max(0.01, up ? w * factor : w / factor) }
        func weight(_ w: Float) -> Float { w + sign * (fine ? 0.5 : 2) }
        switch parameter {
        case .width(let k, let i): p.change(k) { if i < $0.widths.count { $0.widths[i] = width($0.widths[i]) } }
        case .compat(let slot):
            p.change(slot.kernel) { kernel in kernel[slot: slot] = kernel[slot: slot].map { adjustCompat($0, fine: fine, up: up) } }
        case .compatCell(let slot, let r, let c):
            p.change(slot.kernel) { kernel in kernel[slot: slot] = kernel[slot: slot].map { setCell($0, r, c, weight) } }
        case .iterations: p.iterations = max(0, min(200, p.iterations + (up ? 1 : -1) * (fine ? 1 : 5)))
        case .unaryWeight: if let w = p.unaryCalibration?.weight { p.unaryCalibration?.weight = width(w) }
        case .unaryBias: if let b = p.unaryCalibration?.bias { p.unaryCalibration?.bias = b.map { $0 * (up ? factor : 1 / factor) } }
        case .unaryBiasCell(let l):
            if let b = p.unaryCalibration?.bias, l < b.count { p.unaryCalibration?.bias[l] = b[l] + sign * (fine ? 0.1 : 0.5) }
        case .gtProb: u.gtProb = max(0.01, min(0.99, u.gtProb + sign * (fine ? 0.01 : 0.1)))
        case .clip:
            let factor: Float = fine ? 2 : 10
            u.clip = max(1e-12, min(0.5, up ? u.clip * factor : u.clip / factor))
        case .scale: u.scale = max(0.05, min(1, (u.scale ?? 1) + sign * (fine ? 0.05 : 0.2)))
        }
        return (p, u)
    }

    /// A Potts weight moves additively; a diagonal or matrix is scaled as a whole.
    private static func adjustCompat(_ c: LabelCompatibility, fine: Bool, up: Bool) -> LabelCompatibility {
        switch c {
        case .potts(let w): return .potts(w + (up ? 1 : -1) * (fine ? 0.5 : 2))
        case .diagonal, .matrix:
            let factor: Float = fine ? 1.1 : 2
            return c.scaled(by: up ? factor : 1 / factor)
        }
    }

    private static func setCell(_ c: LabelCompatibility, _ r: Int, _ col: Int, _ f: (Float) -> Float) -> LabelCompatibility {
        switch c {
        case .diagonal(var v) where r < v.count:
            v[r] = f(v[r])
            return .diagonal(v)
        case .matrix(var m) where r < m.count && col < m[r].count:
            m[r][col] = f(m[r][col])
            return .matrix(m)
        default: return c
        }
    }

    /// The model with `parameter` set to a typed `text`, or an error message to show. The text
    /// is read as the command line reads it (`ValueText`): for a whole compatibility a comma
    /// list is a diagonal, one entry per label, and for the unary bias a comma list is one
    /// bias per label (a single number scales either). The result is checked as the engine
    /// checks a model (`CRFParameters.validate`) for `labels` labels, so a value the engine
    /// would refuse is refused here with its message.
    public static func set(_ parameter: TunableParameter, to text: String, labels: Int,
                           _ p: CRFParameters, _ u: UnarySettings) -> Result<(CRFParameters, UnarySettings), EditError> {
        let trimmed = text.trimmingWhitespace()
        if parameter == .scale, trimmed == "none" || trimmed.isEmpty {
            var u = u
            u.scale = nil
            return .success((p, u))
        }
        var p = p, u = u
        switch parameter {
        case .compat, .unaryBias:
            guard let typed = ValueText.compatibility(trimmed) else {
                return .failure(EditError("'\(text)' is not a number or a comma list of numbers"))
            }
            if case .compat(let slot) = parameter {
                p.change(slot.kernel) { kernel in
                    guard let current = kernel[slot: slot] else { return }
                    if case .potts(let value) = typed { kernel[slot: slot] = setWhole(current, value) } else { kernel[slot: slot] = typed }
                }
            } else if let bias = p.unaryCalibration?.bias {
                switch typed {
                case .potts(let factor): p.unaryCalibration?.bias = bias.map { $0 * factor }
                case .diagonal(let values): p.unaryCalibration?.bias = values
                case .matrix: break
                }
            }
        default:
            guard let value = ValueText.number(trimmed) else { return .failure(EditError("'\(text)' is not a number")) }
            do {
                try set(parameter, value, &p, &u)
            } catch {
                return .failure(error)
            }
        }
        do {
            try p.validate(labels: labels)
        } catch {
            return .failure(EditError(error.message))
        }
        return .success((p, u))
    }

    /// One typed number applied to a parameter that takes a number.
    private static func set(_ parameter: TunableParameter, _ value: Float, _ p: inout CRFParameters, _ u: inout UnarySettings) throws(EditError) {
        switch parameter {
        case .width(let k, let i):
            do {
                try CRFParameters.checkWidth(value, parameter.name, largestFeature: p.largestFeature(k, width: i))
            } catch {
                throw EditError(error.message)
            }
            p.change(k) { if i < $0.widths.count { $0.widths[i] = value } }
        case .compat, .unaryBias: break
        case .compatCell(let slot, let r, let c):
            p.change(slot.kernel) { kernel in kernel[slot: slot] = kernel[slot: slot].map { setCell($0, r, c) { _ in value } } }
        case .iterations:
            guard value >= 0, value <= 1000, value == value.rounded() else { throw EditError("iterations must be a whole number 0...1000") }
            p.iterations = Int(value)
        case .unaryWeight: p.unaryCalibration?.weight = value
        case .unaryBiasCell(let l):
            if let count = p.unaryCalibration?.bias.count, l < count { p.unaryCalibration?.bias[l] = value }
        case .gtProb:
            guard value > 0, value < 1 else { throw EditError("gt_prob must be in (0, 1)") }
            u.gtProb = value
        case .clip:
            guard value > 0, value < 1 else { throw EditError("clip must be in (0, 1)") }
            u.clip = value
        case .scale:
            guard value > 0, value <= 1 else { throw EditError("scale must be in (0, 1]") }
            u.scale = value
        }
    }

    /// A typed number for a whole compatibility: the Potts weight, or the factor a diagonal or
    /// matrix is scaled by.
    private static func setWhole(_ c: LabelCompatibility, _ value: Float) -> LabelCompatibility {
        switch c {
        case .potts: .potts(value)
        default: c.scaled(by: value)
        }
    }

    /// Why a typed value was refused.
    public struct EditError: Error, Equatable {
        public let message: String
        init(_ message: String) { self.message = message }
    }
}

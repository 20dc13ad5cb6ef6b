import CRFShared
import DenseCRF

/// How each tunable value changes with `+`/`-` (fine) and `=`/`_` (coarse), and how a typed
/// value is applied. Widths change multiplicatively (a width's effect is relative: 3 → 4 px
/// matters, 80 → 81 does not), weights and probabilities additively.
public enum ParameterEditor {
    /// The model after one step of `parameter` up or down.
    public static func adjust(_ parameter: TunableParameter, fine: Bool, up: Bool,
                              _ p: CRFParameters, _ u: UnarySettings) -> (CRFParameters, UnarySettings) {
        var p = p, u = u
        let sign: Float = up ? 1 : -1
        func width(_ w: Float) -> Float {
            let factor: Float = fine ? 1.1 : 2
            return max(0.01, up ? w * factor : w / factor)
        }
        func weight(_ w: Float) -> Float { w + sign * (fine ? 0.5 : 2) }
        switch parameter {
        case .gaussianSxy: if let v = p.gaussian?.sxy { p.gaussian?.sxy = width(v) }
        case .bilateralSxy: if let v = p.bilateral?.sxy { p.bilateral?.sxy = width(v) }
        case .bilateralSrgb: if let v = p.bilateral?.srgb { p.bilateral?.srgb = width(v) }
        case .gaussianCompat: if let c = p.gaussian?.compat { p.gaussian?.compat = adjustCompat(c, fine: fine, up: up) }
        case .bilateralCompat: if let c = p.bilateral?.compat { p.bilateral?.compat = adjustCompat(c, fine: fine, up: up) }
        case .compatCell(let bilateral, let r, let c):
            if bilateral, let m = p.bilateral?.compat { p.bilateral?.compat = setCell(m, r, c) { weight($0) } }
            if !bilateral, let m = p.gaussian?.compat { p.gaussian?.compat = setCell(m, r, c) { weight($0) } }
        case .iterations: p.iterations = max(0, min(200, p.iterations + (up ? 1 : -1) * (fine ? 1 : 5)))
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
        case .diagonal(var v):
            v[r] = f(v[r])
            return .diagonal(v)
        case .matrix(var m):
            m[r][col] = f(m[r][col])
            return .matrix(m)
        case .potts: return c
        }
    }

    /// The model with `parameter` set to a typed `text`, or an error message to show. The text
    /// is read as the command line reads it (`ValueText`): for a whole compatibility a comma
    /// list is a diagonal, one entry per label. The result is checked as the engine checks a
    /// model (`CRFParameters.validate`) for `labels` labels, so a value the engine would
    /// refuse is refused here with its message.
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
        case .gaussianCompat, .bilateralCompat:
            guard let typed = ValueText.compatibility(trimmed) else {
                return .failure(EditError("'\(text)' is not a number or a comma list of numbers"))
            }
            let bilateral = parameter == .bilateralCompat
            guard let current = bilateral ? p.bilateral?.compat : p.gaussian?.compat else { break }
            let c: LabelCompatibility
            if case .potts(let value) = typed { c = setWhole(current, value) } else { c = typed }
            if bilateral { p.bilateral?.compat = c } else { p.gaussian?.compat = c }
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
        func width(dividing largest: Float) throws(EditError) -> Float {
            do { try CRFParameters.checkWidth(value, parameter.name, largestFeature: largest) } catch { throw EditError(error.message) }
            return value
        }
        switch parameter {
        case .gaussianSxy: p.gaussian?.sxy = try width(dividing: CRFParameters.largestCoordinate)
        case .bilateralSxy: p.bilateral?.sxy = try width(dividing: CRFParameters.largestCoordinate)
        case .bilateralSrgb: p.bilateral?.srgb = try width(dividing: CRFParameters.largestColourLevel)
        case .gaussianCompat, .bilateralCompat: break
        case .compatCell(let bilateral, let r, let c):
            if bilateral, let m = p.bilateral?.compat { p.bilateral?.compat = setCell(m, r, c) { _ in value } }
            if !bilateral, let m = p.gaussian?.compat { p.gaussian?.compat = setCell(m, r, c) { _ in value } }
        case .iterations:
            guard value >= 0, value <= 1000, value == value.rounded() else { throw EditError("iterations must be a whole number 0...1000") }
            p.iterations = Int(value)
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

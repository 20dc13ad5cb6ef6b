import DenseCRF

/// A model value the side panel lists and the user can change live.
public enum TunableParameter: Hashable, Sendable {
    case gaussianSxy, gaussianCompat
    case bilateralSxy, bilateralSrgb, bilateralCompat
    /// One cell (row, column) of a diagonal or matrix compatibility.
    case compatCell(bilateral: Bool, row: Int, column: Int)
    case iterations
    case gtProb, clip, scale

    /// The parameters that apply to a model, in panel order: a kernel's entries only when the
    /// kernel is on, the unary setting that matters for the unary source, and the cells of
    /// non-Potts compatibilities.
    public static func list(for p: CRFParameters, source: UnarySource) -> [TunableParameter] {
        var list: [TunableParameter] = []
        if let g = p.gaussian {
            list += [.gaussianSxy, .gaussianCompat]
            list += cells(g.compat, bilateral: false)
        }
        if let b = p.bilateral {
            list += [.bilateralSxy, .bilateralSrgb, .bilateralCompat]
            list += cells(b.compat, bilateral: true)
        }
        list.append(.iterations)
        switch source {
        case .annotation: list.append(.gtProb)
        case .probabilities: list += [.clip, .scale]
        case .energies: break
        }
        return list
    }

    private static func cells(_ c: LabelCompatibility, bilateral: Bool) -> [TunableParameter] {
        switch c {
        case .potts: []
        case .diagonal(let v): v.indices.map { .compatCell(bilateral: bilateral, row: $0, column: $0) }
        case .matrix(let m): m.indices.flatMap { r in m[r].indices.map { .compatCell(bilateral: bilateral, row: r, column: $0) } }
        }
    }

    /// The panel's name for it.
    public var name: String {
        switch self {
        case .gaussianSxy: "gaussian sxy"
        case .gaussianCompat: "gaussian compat"
        case .bilateralSxy: "bilateral sxy"
        case .bilateralSrgb: "bilateral srgb"
        case .bilateralCompat: "bilateral compat"
        case .compatCell(let b, let r, let c): "\(b ? "bilateral" : "gaussian") μ[\(r),\(c)]"
        case .iterations: "iterations"
        case .gtProb: "gt_prob"
        case .clip: "clip"
        case .scale: "scale"
        }
    }

    /// The current value as text.
    public func value(in p: CRFParameters, _ u: UnarySettings) -> String {
        func compat(_ c: LabelCompatibility?) -> String {
            switch c {
            case .potts(let w): NumberFormat.short(w)
            case .diagonal(let v): "diag ×\(v.count)"
            case .matrix(let m): "\(m.count)×\(m.count) matrix"
            case nil: "off"
            }
        }
        switch self {
        case .gaussianSxy: return p.gaussian.map { NumberFormat.short($0.sxy) } ?? "off"
        case .gaussianCompat: return compat(p.gaussian?.compat)
        case .bilateralSxy: return p.bilateral.map { NumberFormat.short($0.sxy) } ?? "off"
        case .bilateralSrgb: return p.bilateral.map { NumberFormat.short($0.srgb) } ?? "off"
        case .bilateralCompat: return compat(p.bilateral?.compat)
        case .compatCell(let b, let r, let c):
            switch b ? p.bilateral?.compat : p.gaussian?.compat {
            case .diagonal(let v): return NumberFormat.short(v[r])
            case .matrix(let m): return NumberFormat.short(m[r][c])
            default: return "-"
            }
        case .iterations: return "\(p.iterations)"
        case .gtProb: return NumberFormat.short(u.gtProb)
        case .clip: return NumberFormat.short(u.clip)
        case .scale: return u.scale.map { NumberFormat.short($0) } ?? "none"
        }
    }
}

import DenseCRF

/// A model value the side panel lists and the user can change live. The list comes from the
/// model itself (`list(for:source:)`): every kernel that is on with its widths and the
/// compatibilities inference uses, the unary calibration when the model has one, and the
/// unary setting that matters for the unary source.
public enum TunableParameter: Hashable, Sendable {
    /// Width `index` of a kernel (see `KernelDescription.widths`).
    case width(KernelID, index: Int)
    /// A whole compatibility: a Potts weight, or a diagonal or matrix scaled as one.
    case compat(CompatibilitySlot)
    /// Entry (row, column) of a diagonal (row = column) or matrix compatibility.
    case compatCell(CompatibilitySlot, row: Int, column: Int)
    case iterations
    /// The unary calibration U' = a·U + b_l: the weight a, the bias vector b as a whole, and
    /// one class's bias b_l.
    case unaryWeight
    case unaryBias
    case unaryBiasCell(label: Int)
    case gtProb, clip, scale

    /// The parameters of a model, in panel order: per kernel its widths, then each
    /// compatibility it uses followed by its cells when not Potts; the iterations; the unary
    /// calibration (weight, bias, the bias per class); the unary setting of the source.
    public static func list(for p: CRFParameters, source: UnarySource) -> [TunableParameter] {
        var list: [TunableParameter] = []
        for kernel in p.kernels {
            list += kernel.widths.indices.map { .width(kernel.id, index: $0) }
            for slot in kernel.slots {
                list.append(.compat(slot))
                list += Self.cells(of: kernel[slot: slot]).map { .compatCell(slot, row: $0.row, column: $0.column) }
            }
        }
        list.append(.iterations)
        if let c = p.unaryCalibration {
            list += [.unaryWeight, .unaryBias] + c.bias.indices.map { .unaryBiasCell(label: $0) }
        }
        switch source {
        case .annotation: list.append(.gtProb)
        case .probabilities: list += [.clip, .scale]
        case .energies: break
        }
        return list
    }

    /// The entry whose grid shows this cell; nil for entries that are not cells.
    public var parent: TunableParameter? {
        switch self {
        case .compatCell(let slot, _, _): .compat(slot)
        case .unaryBiasCell: .unaryBias
        default: nil
        }
    }

    /// The values of a whole compatibility or bias as grid rows (one row for a diagonal or a
    /// bias), with the cell parameter of each position; nil for entries without cells (Potts,
    /// numbers).
    public func grid(in p: CRFParameters) -> (rows: [[Float]], cell: (Int, Int) -> TunableParameter)? {
        switch self {
        case .compat(let slot):
            switch p.kernel(slot.kernel)?[slot: slot] {
            case .diagonal(let v)?: return ([v], { _, c in .compatCell(slot, row: c, column: c) })
            case .matrix(let m)?: return (m, { r, c in .compatCell(slot, row: r, column: c) })
            default: return nil
            }
        case .unaryBias:
            guard let bias = p.unaryCalibration?.bias else { return nil }
            return ([bias], { _, c in .unaryBiasCell(label: c) })
        default: return nil
        }
    }

    /// The cells of a compatibility, row-major; none for Potts.
    private static func cells(of c: LabelCompatibility?) -> [(row: Int, column: Int)] {
        switch c {
        case .diagonal(let v)?: v.indices.map { ($0, $0) }
        case .matrix(let m)?: m.indices.flatMap { r in m[r].indices.map { (r, $0) } }
        default: []
        }
    }

    /// The panel's name for it.
    public var name: String {
        switch self {
        case .width(let k, let i): return "\(k.name) \(k.widthName(i))"
        case .compat(let slot): return slot.name
        case .compatCell(let slot, let r, let c): return "\(slot.kernel.name) " + (slot.step.map { "step \($0) " } ?? "") + "μ[\(r),\(c)]"
        case .iterations: return "iterations"
        case .unaryWeight: return "unary weight"
        case .unaryBias: return "unary bias"
        case .unaryBiasCell(let l): return "unary bias[\(l)]"
        case .gtProb: return "gt_prob"
        case .clip: return "clip"
        case .scale: return "scale"
        }
    }

    /// The current value as text.
    public func value(in p: CRFParameters, _ u: UnarySettings) -> String {
        switch self {
        case .width(let k, let i):
            guard let widths = p.kernel(k)?.widths, i < widths.count else { return "-" }
            return NumberFormat.short(widths[i])
        case .compat(let slot):
            switch p.kernel(slot.kernel)?[slot: slot] {
            case .potts(let w)?: return NumberFormat.short(w)
            case .diagonal(let v)?: return "diag ×\(v.count)"
            case .matrix(let m)?: return "\(m.count)×\(m.count) matrix"
            case nil: return "-"
            }
        case .compatCell(let slot, let r, let c):
            switch p.kernel(slot.kernel)?[slot: slot] {
            case .diagonal(let v)? where r < v.count: return NumberFormat.short(v[r])
            case .matrix(let m)? where r < m.count && c < m[r].count: return NumberFormat.short(m[r][c])
            default: return "-"
            }
        case .iterations: return "\(p.iterations)"
        case .unaryWeight: return p.unaryCalibration.map { NumberFormat.short($0.weight) } ?? "-"
        case .unaryBias: return p.unaryCalibration.map { "\($0.bias.count) classes" } ?? "-"
        case .unaryBiasCell(let l):
            guard let bias = p.unaryCalibration?.bias, l < bias.count else { return "-" }
            return NumberFormat.short(bias[l])
        case .gtProb: return NumberFormat.short(u.gtProb)
        case .clip: return NumberFormat.short(u.clip)
        case .scale: return u.scale.map { NumberFormat.short($0) } ?? "none"
        }
    }
}

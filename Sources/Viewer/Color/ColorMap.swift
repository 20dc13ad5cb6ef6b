/// A continuous colour map for heat maps (marginals, entropy, unary costs).
///
/// Stored as evenly spaced control points and sampled by linear interpolation in sRGB,
/// which is how matplotlib's `ListedColormap` tables are meant to be read. The perceptually
/// uniform maps carry matplotlib's full 256-entry tables.
public struct ColorMap: Hashable, Sendable {
    public let name: String
    /// Colours at t = 0, 1/(n-1), …, 1.
    public let controlPoints: [RGB]

    public init(name: String, controlPoints: [RGB]) {
        precondition(controlPoints.count >= 2, "a colour map needs at least two control points")
        self.name = name
        self.controlPoints = controlPoints
    }

    /// The colour for `t` in 0...1; values outside are clamped and NaN maps to 0, so a
    /// stray value in a field never crashes a frame.
    public func heat(_ t: Float) -> RGB {
        let clamped = t.isNaN ? 0 : min(max(t, 0), 1)
        let position = clamped * Float(controlPoints.count - 1)
        let lower = min(Int(position), controlPoints.count - 2)
        return controlPoints[lower].mixed(with: controlPoints[lower + 1], position - Float(lower))
    }

    public static let viridis = ColorMap(name: "viridis", hexTable: MatplotlibTables.viridis)
    public static let magma = ColorMap(name: "magma", hexTable: MatplotlibTables.magma)
    public static let inferno = ColorMap(name: "inferno", hexTable: MatplotlibTables.inferno)
    public static let cividis = ColorMap(name: "cividis", hexTable: MatplotlibTables.cividis)
    public static let gray = ColorMap(name: "gray", controlPoints: [.black, .white])

    /// The maps a theme can name, viridis first as the default.
    public static let all: [ColorMap] = [.viridis, .magma, .inferno, .cividis, .gray]

    /// The built-in map called `name`, or nil.
    public static func named(_ name: String) -> ColorMap? {
        all.first { $0.name == name }
    }

    /// Builds a map from concatenated `rrggbb` groups (whitespace ignored).
    init(name: String, hexTable: String) {
        let digits = Array(hexTable.filter(\.isHexDigit))
        let colors = stride(from: 0, to: digits.count, by: 6).map { start in
            RGB(hex: String(digits[start..<start + 6]))!
        }
        self.init(name: name, controlPoints: colors)
    }
}

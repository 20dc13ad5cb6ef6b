/// A cell's foreground or background: the terminal's own default, or an exact colour.
///
/// `.default` matters for themes: an empty theme value keeps the user's terminal
/// colours (and transparency) instead of painting over them, as btop does.
public enum CellColor: Hashable, Sendable {
    case `default`
    case rgb(RGB)

    /// `.default` for nil, so optional theme colours drop straight into a style.
    public init(_ color: RGB?) {
        self = color.map(CellColor.rgb) ?? .default
    }

    /// The exact colour, or nil for the terminal default.
    public var rgb: RGB? {
        if case .rgb(let color) = self { return color }
        return nil
    }
}

/// Which characters widgets may draw with.
///
/// `.unicode` needs a UTF-8 locale; when the locale cannot encode block and box
/// characters (ncursesw would print them as blanks or `?`), the backend reports
/// `.ascii` and every widget falls back to plain ASCII through this one type.
public enum GlyphSet: Hashable, Sendable {
    case unicode
    case ascii

    /// The upper half block that puts two image pixels in one cell (fg above, bg below).
    /// ASCII has no such glyph: renderers check `hasHalfBlock` and paint a blank instead.
    public var upperHalfBlock: Character { self == .unicode ? "▀" : " " }
    public var hasHalfBlock: Bool { self == .unicode }

    /// Four glyphs from light to full coverage, for brightness without colour.
    public var shades: [Character] { self == .unicode ? ["░", "▒", "▓", "█"] : [".", ":", "#", "@"] }

    /// Glyphs that stay distinguishable from each other without colour, shades first.
    /// Label maps on mono terminals give each label one of these (see `ShadeRenderer`).
    public var patterns: [Character] {
        switch self {
        case .unicode: ["░", "▒", "▓", "█", "▚", "▞", "▙", "▟", "▛", "▜", "◆", "●", "○", "×", "+", "·"]
        case .ascii: [".", ":", "#", "@", "%", "*", "+", "=", "o", "x", "-", "~", "/", "\\", "|", "O"]
        }
    }

    public var box: BoxGlyphs { self == .unicode ? .unicode : .ascii }
}

/// The characters of a single-line box.
public struct BoxGlyphs: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// Joints where a divider meets a border: ├ ┤ ┬ ┴.
    public var teeRight: Character
    public var teeLeft: Character
    public var teeDown: Character
    public var teeUp: Character

    public static let unicode = BoxGlyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘", teeRight: "├", teeLeft: "┤", teeDown: "┬", teeUp: "┴")
    public static let ascii = BoxGlyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+", teeRight: "+", teeLeft: "+", teeDown: "+", teeUp: "+")
}

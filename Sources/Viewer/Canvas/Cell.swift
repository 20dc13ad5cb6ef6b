/// One terminal cell: a single-column glyph with its colours and attributes.
///
/// The viewer assumes every glyph it draws is one column wide (box drawing, block and
/// shade characters, ASCII), so a cell never spills into its neighbour.
public struct Cell: Hashable, Sendable {
    public var glyph: Character
    public var foreground: CellColor
    public var background: CellColor
    public var attributes: CellAttributes

    public init(_ glyph: Character = " ", foreground: CellColor = .default,
                background: CellColor = .default, attributes: CellAttributes = []) {
        self.glyph = glyph
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public init(_ glyph: Character, style: CellStyle) {
        self.init(glyph, foreground: style.foreground, background: style.background,
                  attributes: style.attributes)
    }

    public var style: CellStyle {
        get { CellStyle(foreground: foreground, background: background, attributes: attributes) }
        set {
            foreground = newValue.foreground
            background = newValue.background
            attributes = newValue.attributes
        }
    }

    /// A space in the terminal's default colours: what a cleared screen holds.
    public static let blank = Cell()
}

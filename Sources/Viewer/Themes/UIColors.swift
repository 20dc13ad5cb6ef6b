/// The colours of the viewer's chrome. Each is optional: nil keeps the terminal's own
/// colour (written `""` in a theme file, like btop's empty theme values).
public struct UIColors: Hashable, Sendable {
    public var background: RGB?
    public var panel: RGB?
    public var text: RGB?
    public var dimText: RGB?
    public var accent: RGB?
    public var statusBackground: RGB?
    public var statusText: RGB?
    public var cursor: RGB?
    public var border: RGB?

    public init(background: RGB? = nil, panel: RGB? = nil, text: RGB? = nil, dimText: RGB? = nil,
                accent: RGB? = nil, statusBackground: RGB? = nil, statusText: RGB? = nil,
                cursor: RGB? = nil, border: RGB? = nil) {
        self.background = background
        self.panel = panel
        self.text = text
        self.dimText = dimText
        self.accent = accent
        self.statusBackground = statusBackground
        self.statusText = statusText
        self.cursor = cursor
        self.border = border
    }

    /// The theme-file key of each colour, in the order theme files list them.
    static var keys: [(key: String, path: WritableKeyPath<UIColors, RGB?>)] { [
        ("background", \.background), ("panel", \.panel), ("text", \.text), ("dim_text", \.dimText),
        ("accent", \.accent), ("status_bg", \.statusBackground), ("status_fg", \.statusText),
        ("cursor", \.cursor), ("border", \.border),
    ] }
}

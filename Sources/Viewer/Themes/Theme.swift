/// Everything colour-related the viewer draws with: chrome, label colours and the heat map.
public struct Theme: Hashable, Sendable {
    /// The theme's identifier, which is also its file's name without `.toml`.
    public var name: String
    public var ui: UIColors
    /// Label `i` is drawn with `labelPalette[i % count]` (see `labelColor(_:)`).
    public var labelPalette: [RGB]
    public var heatMap: ColorMap

    public init(name: String, ui: UIColors = UIColors(), labelPalette: [RGB] = LabelPalette.voc,
                heatMap: ColorMap = .viridis) {
        precondition(!labelPalette.isEmpty, "a label palette needs at least one colour")
        self.name = name
        self.ui = ui
        self.labelPalette = labelPalette
        self.heatMap = heatMap
    }

    /// The colour of `label`. Short palettes repeat (the index is taken modulo the
    /// palette's length, also for negative labels), so any label has a colour.
    public func labelColor(_ label: Int) -> RGB {
        let count = labelPalette.count
        return labelPalette[(label % count + count) % count]
    }
}

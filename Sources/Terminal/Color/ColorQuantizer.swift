import Viewer

/// Reduces canvas colours to what the terminal's `ColorMode` can show.
///
/// - truecolour: colours pass through unchanged.
/// - 256: the nearest of the 240 non-system colours (indices 16–255: the 6×6×6 cube and
///   the 24 greys) by CIEDE2000 on CIELAB. The 16 system colours are skipped because
///   users and themes redefine them, so their RGB is unknown.
/// - 16 / 8: the nearest of xterm's default system colours, also by CIEDE2000.
/// - mono: no colours at all; a cell whose background is brighter than its foreground
///   (relative luminance) toggles reverse video so highlighted bars stay visible.
///
/// Lookups are memoised per exact colour (see `NearestColorTable`). The quantiser is a
/// class because that cache is mutable state owned by one backend; it is not shared
/// between threads.
public final class ColorQuantizer {
    public let mode: ColorMode
    private var table: NearestColorTable?

    public init(mode: ColorMode) {
        self.mode = mode
        switch mode {
        case .palette256:
            table = NearestColorTable(palette: (16...255).map { (UInt8($0), XtermPalette.color(at: $0)) })
        case .ansi16:
            table = NearestColorTable(palette: (0..<16).map { (UInt8($0), XtermPalette.system[$0]) })
        case .ansi8:
            table = NearestColorTable(palette: (0..<8).map { (UInt8($0), XtermPalette.system[$0]) })
        case .truecolor, .mono:
            table = nil
        }
    }

    /// The palette index for `color` in the indexed modes; nil in truecolour and mono.
    public func index(for color: RGB) -> UInt8? {
        table?.nearest(color)
    }

    /// A canvas colour as the terminal is told it in this mode.
    public func terminalColor(for color: CellColor) -> TerminalColor {
        guard case .rgb(let rgb) = color else { return .default }
        switch mode {
        case .truecolor: return .direct(rgb)
        case .mono: return .default
        case .palette256, .ansi16, .ansi8: return .indexed(table!.nearest(rgb))
        }
    }

    /// The colours and attributes the backend writes for `cell`.
    public func terminalStyle(for cell: Cell) -> TerminalStyle {
        let colors = TerminalColorPair(foreground: terminalColor(for: cell.foreground),
                                       background: terminalColor(for: cell.background))
        guard mode == .mono else { return TerminalStyle(colors: colors, attributes: cell.attributes) }
        // The terminal's own colours are taken as light text on a dark background.
        let foreground = cell.foreground.rgb?.luminance ?? 1
        let background = cell.background.rgb?.luminance ?? 0
        var attributes = cell.attributes
        if background > foreground { attributes.formSymmetricDifference(.reverse) }
        return TerminalStyle(colors: colors, attributes: attributes)
    }
}

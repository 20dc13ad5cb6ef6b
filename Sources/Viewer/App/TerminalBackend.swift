/// A terminal the viewer can run in: the ncurses backend, or a fake in tests. The viewer
/// draws RGB cells; what the terminal makes of them (palettes, colour pairs) is the
/// backend's business, and it tells the viewer only what it can show at all.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    /// The characters the terminal can draw (ASCII when the locale is not UTF-8).
    var glyphs: GlyphSet { get }
    /// Whether cell colours show.
    var colorSupport: ColorSupport { get }
    func present(_ canvas: Canvas)
    /// The next input event, waiting at most `timeoutMs` (0 = do not wait).
    func nextEvent(timeoutMs: Int) -> InputEvent?
}

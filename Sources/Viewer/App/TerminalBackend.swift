/// A terminal the viewer can run in: the ncurses backend, or a fake in tests.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    func present(_ canvas: Canvas)
    /// The next input event, waiting at most `timeoutMs` (0 = do not wait).
    func nextEvent(timeoutMs: Int) -> InputEvent?
}

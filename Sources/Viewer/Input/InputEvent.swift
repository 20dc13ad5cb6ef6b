/// What the viewer's event loop reacts to. The terminal backend translates its input
/// into these, so key handling is tested without a terminal.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The terminal changed size; the next frame must be drawn at this size.
    case resize(Size)
    /// SIGINT or SIGTERM arrived: the viewer should leave cleanly.
    case interrupt
}

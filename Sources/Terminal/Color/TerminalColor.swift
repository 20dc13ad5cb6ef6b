import Viewer

/// A colour as the terminal is told it: its default, a palette index, or direct RGB.
public enum TerminalColor: Hashable, Sendable {
    case `default`
    case indexed(UInt8)
    case direct(RGB)
}

/// A colour as the terminal is told it: its default, a palette index, or direct RGB.
public enum TerminalColor: Hashable, Sendable {
    case `default`
    case indexed(UInt8)
    case direct(RGB)
}

/// The foreground/background combination one ncurses colour pair stands for.
public struct TerminalColorPair: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor

    public init(foreground: TerminalColor, background: TerminalColor) {
        self.foreground = foreground
        self.background = background
    }

    /// Both colours default: ncurses' pair 0, which never needs defining.
    public var isDefault: Bool { foreground == .default && background == .default }
}

/// What the backend writes for a cell once its colours are reduced to the terminal's mode.
public struct TerminalStyle: Hashable, Sendable {
    public var colors: TerminalColorPair
    public var attributes: CellAttributes

    public init(colors: TerminalColorPair, attributes: CellAttributes) {
        self.colors = colors
        self.attributes = attributes
    }
}

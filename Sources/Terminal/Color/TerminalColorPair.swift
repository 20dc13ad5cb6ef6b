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

import Viewer

/// What the backend writes for a cell once its colours are reduced to the terminal's mode.
public struct TerminalStyle: Hashable, Sendable {
    public var colors: TerminalColorPair
    public var attributes: CellAttributes

    public init(colors: TerminalColorPair, attributes: CellAttributes) {
        self.colors = colors
        self.attributes = attributes
    }
}

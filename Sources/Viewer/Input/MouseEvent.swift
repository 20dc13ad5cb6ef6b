/// A mouse press at a cell.
public struct MouseEvent: Hashable, Sendable {
    public enum Button: Hashable, Sendable {
        case left, middle, right, scrollUp, scrollDown
    }

    public var button: Button
    public var position: Point

    public init(button: Button, position: Point) {
        self.button = button
        self.position = position
    }
}

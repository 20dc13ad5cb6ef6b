/// A key press, independent of how the terminal encoded it.
public enum Key: Hashable, Sendable {
    /// A printable character, including `?`, `<`, `>`, `[`, `]`, `_`, `=`, `+`, `-` and space.
    case character(Character)
    /// Ctrl with a letter, as the lower-case letter (Ctrl-L is `.control("l")`).
    case control(Character)
    case enter, tab, backTab, escape, backspace, delete, insert
    case up, down, left, right
    case shiftUp, shiftDown, shiftLeft, shiftRight
    case home, end, pageUp, pageDown
    /// F1–F12 as 1–12.
    case function(Int)

    /// The key a terminal sends as this single code point: control codes become named
    /// keys (CR and LF are Enter, DEL and BS are Backspace), everything else a character.
    public init(scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x0D, 0x0A: self = .enter
        case 0x09: self = .tab
        case 0x1B: self = .escape
        case 0x7F, 0x08: self = .backspace
        case 0x01...0x1A: self = .control(Character(Unicode.Scalar(scalar.value + 0x60)!))
        default: self = .character(Character(scalar))
        }
    }
}

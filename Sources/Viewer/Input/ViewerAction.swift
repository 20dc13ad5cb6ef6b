/// What a key press asks the viewer to do; `KeyBindings` maps keys to these, so that key
/// handling is a pure function and the help screen is generated from the same table.
public enum ViewerAction: Hashable, Sendable {
    case quit
    case toggleHelp
    case nextStep, previousStep, firstStep, lastStep
    case togglePlay, slower, faster
    case nextView, nextClass
    case nextTheme
    case selectParameter(Int)
    case adjust(fine: Bool, up: Bool)
    case editValue
    case undo, resetParameters
    case moveCursor(dx: Int, dy: Int)
    case pinBaseline
    case save
    case fullResolution
    case toggleLearning, stopLearning
}

/// The key table: one entry per binding, in the order the help screen lists them.
public enum KeyBindings {
    public struct Binding: Sendable {
        public let keys: [Key]
        public let label: String
        public let action: ViewerAction
        public let help: String
    }

    public static let all: [Binding] = [
        Binding(keys: [.character("n")], label: "n", action: .nextStep, help: "next mean-field step"),
        Binding(keys: [.character("p")], label: "p", action: .previousStep, help: "previous step"),
        Binding(keys: [.character(" ")], label: "space", action: .togglePlay, help: "play / pause the steps"),
        Binding(keys: [.character("<")], label: "<", action: .slower, help: "play slower"),
        Binding(keys: [.character(">")], label: ">", action: .faster, help: "play faster"),
        Binding(keys: [.character("g"), .home], label: "g", action: .firstStep, help: "step 0 (the unaries)"),
        Binding(keys: [.character("G"), .end], label: "G", action: .lastStep, help: "last step"),
        Binding(keys: [.character("v")], label: "v", action: .nextView, help: "cycle the views"),
        Binding(keys: [.character("c")], label: "c", action: .nextClass, help: "cycle the class of the marginal view"),
        Binding(keys: [.character("t")], label: "t", action: .nextTheme, help: "cycle the colour theme"),
        Binding(keys: [.character("]"), .tab], label: "] Tab", action: .selectParameter(1), help: "select the next parameter"),
        Binding(keys: [.character("["), .backTab], label: "[", action: .selectParameter(-1), help: "select the previous parameter"),
        Binding(keys: [.character("+")], label: "+", action: .adjust(fine: true, up: true), help: "increase the parameter (fine)"),
        Binding(keys: [.character("-")], label: "-", action: .adjust(fine: true, up: false), help: "decrease the parameter (fine)"),
        Binding(keys: [.character("=")], label: "=", action: .adjust(fine: false, up: true), help: "increase the parameter (coarse)"),
        Binding(keys: [.character("_")], label: "_", action: .adjust(fine: false, up: false), help: "decrease the parameter (coarse)"),
        Binding(keys: [.enter], label: "Enter", action: .editValue, help: "type a value for the parameter"),
        Binding(keys: [.character("u")], label: "u", action: .undo, help: "undo the last parameter change"),
        Binding(keys: [.character("U")], label: "U", action: .resetParameters, help: "restore the starting parameters"),
        Binding(keys: [.left, .character("h")], label: "←h", action: .moveCursor(dx: -1, dy: 0), help: "move the cursor left (Shift: by 10)"),
        Binding(keys: [.down, .character("j")], label: "↓j", action: .moveCursor(dx: 0, dy: 1), help: "move the cursor down (Shift: by 10)"),
        Binding(keys: [.up, .character("k")], label: "↑k", action: .moveCursor(dx: 0, dy: -1), help: "move the cursor up (Shift: by 10)"),
        Binding(keys: [.right, .character("l")], label: "→l", action: .moveCursor(dx: 1, dy: 0), help: "move the cursor right (Shift: by 10)"),
        Binding(keys: [.shiftLeft, .character("H")], label: "H", action: .moveCursor(dx: -10, dy: 0), help: ""),
        Binding(keys: [.shiftDown, .character("J")], label: "J", action: .moveCursor(dx: 0, dy: 10), help: ""),
        Binding(keys: [.shiftUp, .character("K")], label: "K", action: .moveCursor(dx: 0, dy: -10), help: ""),
        Binding(keys: [.shiftRight], label: "", action: .moveCursor(dx: 10, dy: 0), help: ""),
        Binding(keys: [.character("b")], label: "b", action: .pinBaseline, help: "pin the result as a baseline (diff view)"),
        Binding(keys: [.character("s")], label: "s", action: .save, help: "save labels, overlay, Q, params, snippet"),
        Binding(keys: [.character("F")], label: "F", action: .fullResolution, help: "compute at full resolution"),
        Binding(keys: [.character("L")], label: "L", action: .toggleLearning, help: "learn the parameters from the truth (L or Esc stops)"),
        Binding(keys: [.escape], label: "Esc", action: .stopLearning, help: ""),
        Binding(keys: [.character("?")], label: "?", action: .toggleHelp, help: "this help"),
        Binding(keys: [.character("q")], label: "q", action: .quit, help: "quit"),
    ]

    private static let table: [Key: ViewerAction] = {
        var t: [Key: ViewerAction] = [:]
        for b in all { for k in b.keys { t[k] = b.action } }
        return t
    }()

    /// The action bound to `key`, if any.
    public static func action(for key: Key) -> ViewerAction? { table[key] }
}

/// Why the terminal could not be taken over.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped, redirected, or under CI).
    case notATerminal
    /// ncurses could not start with this terminfo entry (unknown `TERM`).
    case cannotStart(term: String)

    public var description: String {
        switch self {
        case .notATerminal: "standard input and output must be a terminal"
        case .cannotStart(let term): "cannot start the terminal: no usable terminfo entry for TERM='\(term)'"
        }
    }
}

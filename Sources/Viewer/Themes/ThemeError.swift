/// Why a theme could not be loaded, worded for the user.
public enum ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A problem inside a theme file: TOML syntax or a bad value, with its 1-based line.
    case invalid(path: String, line: Int, problem: String)
    /// A file that exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// No built-in or user theme has this name.
    case unknownTheme(name: String, available: [String])

    /// `<path>:<line>: <problem>` for file problems (the form editors jump to), and a list
    /// of the names that do exist for an unknown one.
    public var description: String {
        switch self {
        case .invalid(let path, let line, let problem):
            "\(path):\(line): \(problem)"
        case .unreadable(let path, let reason):
            "\(path): \(reason)"
        case .unknownTheme(let name, let available):
            "unknown theme '\(name)' (available: \(available.joined(separator: ", ")))"
        }
    }
}

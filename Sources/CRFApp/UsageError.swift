/// An ArgumentParser error message ("Unknown option '--gausian-sxy'", "The value 'x' is
/// invalid for '--iterations <T>'…") as crfview's one line `error: <flag>: <problem>`: the
/// subject is the first option or argument the message quotes, else "command line"; only the
/// message's first line is kept (the rest is usage text, which `--help` shows).
public enum UsageError {
    public static func line(for message: String) -> String {
        let first = message.split(separator: "\n").first.map(String.init) ?? message
        let text = first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first
        let problem = text.prefix(1).lowercased() + text.dropFirst()
        return "error: \(subject(in: text)): \(problem)"
    }

    /// The first quoted `--flag` or `<argument>` in the text, without its value name.
    private static func subject(in text: String) -> String {
        for quoted in text.split(separator: "'", omittingEmptySubsequences: false).enumerated() where quoted.offset % 2 == 1 {
            let word = quoted.element.split(separator: " ").first.map(String.init) ?? ""
            if word.hasPrefix("-") || word.hasPrefix("<") {
                return String(word.split(separator: "=").first ?? Substring(word))
            }
        }
        return "command line"
    }
}

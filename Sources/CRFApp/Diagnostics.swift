import Foundation

/// What the user reads on stderr when something goes wrong or needs saying: one line per
/// failure, `error: <subject>: <problem>`, and one per note, `note: <file>: …`.
public enum Diagnostics {
    /// The line for a failure; a `CLIFailure` or `CRFIOError` names its own subject.
    public static func line(for error: Error) -> String { "error: \(error)" }

    /// Prints the line for `error` on stderr.
    public static func report(_ error: Error) {
        FileHandle.standardError.write(Data((line(for: error) + "\n").utf8))
    }

    /// Prints notes about how inputs were read, one line each, on stderr.
    public static func printNotes(_ notes: [String]) {
        for note in notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
    }
}

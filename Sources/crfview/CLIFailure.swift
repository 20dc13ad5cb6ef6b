import ArgumentParser
import CRFIO
import DenseCRF
import Foundation

/// A failure reported to the user as one line, `error: <subject>: <message>`, where the
/// subject is the file (or the flag) the problem is in.
struct CLIFailure: Error, CustomStringConvertible {
    let subject: String
    let message: String

    var description: String { "\(subject): \(message)" }

    init(_ subject: String, _ message: String) {
        self.subject = subject
        self.message = message
    }

    /// Attributes an error to `subject` unless it already names its own file.
    static func wrap(_ error: Error, subject: String) -> CLIFailure {
        switch error {
        case let e as CLIFailure: e
        case let e as CRFIOError: CLIFailure(e.path, e.message)
        case let e as CRFError: CLIFailure(subject, e.message)
        default: CLIFailure(subject, "\(error)")
        }
    }

    /// Runs `body`, attributing whatever it throws to `subject`.
    static func attributing<T>(to subject: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw wrap(error, subject: subject) }
    }
}

/// Prints a failure the way every subcommand does and turns it into a non-zero exit.
func report(_ error: Error) -> ExitCode {
    let line: String
    switch error {
    case let f as CLIFailure: line = "error: \(f)"
    case let e as CRFIOError: line = "error: \(e)"
    default: line = "error: \(error)"
    }
    FileHandle.standardError.write(Data((line + "\n").utf8))
    return ExitCode.failure
}

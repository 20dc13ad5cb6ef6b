import CRFIO
import DenseCRF

/// A failure reported to the user as one line, `error: <subject>: <message>`, where the
/// subject is the file (or the flag) the problem is in.
public struct CLIFailure: Error, CustomStringConvertible, Equatable {
    public let subject: String
    public let message: String

    public var description: String { "\(subject): \(message)" }

    public init(_ subject: String, _ message: String) {
        self.subject = subject
        self.message = message
    }

    /// Attributes an error to `subject` unless it already names its own file.
    public static func wrap(_ error: Error, subject: String) -> CLIFailure {
        switch error {
        case let e as CLIFailure: e
        case let e as CRFIOError: CLIFailure(e.path, e.message)
        case let e as CRFError: CLIFailure(subject, e.message)
        default: CLIFailure(subject, "\(error)")
        }
    }

    /// Runs `body`, attributing whatever it throws to `subject`.
    public static func attributing<T>(to subject: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw wrap(error, subject: subject) }
    }
}

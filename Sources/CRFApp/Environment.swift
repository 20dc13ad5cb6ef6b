import Foundation

/// The environment variables crfview reads, checked once at start so a bad value is an error
/// naming the variable rather than silently ignored.
public enum Environment {
    /// `CRFVIEW_MEMORY_LIMIT`: bytes crfview may use, to cap it on a shared machine.
    public static var memoryLimit: Int? { ProcessInfo.processInfo.environment["CRFVIEW_MEMORY_LIMIT"].flatMap { Int($0) } }

    /// The most worker threads `CRFVIEW_THREADS` or `--threads` may ask for.
    public static let maximumThreads = 1024

    /// Fails on a value the engine or the budget would otherwise ignore.
    public static func check() throws {
        let environment = ProcessInfo.processInfo.environment
        if let text = environment["CRFVIEW_MEMORY_LIMIT"], !(Int(text).map { $0 > 0 } ?? false) {
            throw CLIFailure("CRFVIEW_MEMORY_LIMIT", "expected a positive number of bytes, got '\(text)'")
        }
        if let text = environment["CRFVIEW_THREADS"] {
            try checkThreads(Int(text), text, subject: "CRFVIEW_THREADS")
        }
    }

    /// A worker count must be a whole number from 1 to `maximumThreads`.
    public static func checkThreads(_ value: Int?, _ text: String, subject: String) throws {
        guard let value, (1...maximumThreads).contains(value) else {
            throw CLIFailure(subject, "expected a whole number of threads from 1 to \(maximumThreads), got '\(text)'")
        }
    }
}

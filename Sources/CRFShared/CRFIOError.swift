/// Every failure to read or write a file: one line naming the file and the problem, such as
/// `data/u.npy: truncated: header says 4x240x320 float32 (1228800 bytes) but 1000 bytes follow`.
///
/// The message is written for the person at the terminal, so it says what was found and, where
/// it helps, what was expected; the path is kept apart so callers can show it differently.
public struct CRFIOError: Error, CustomStringConvertible, Equatable, Sendable {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

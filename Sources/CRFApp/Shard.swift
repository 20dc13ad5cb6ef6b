/// The K-th of N parts of a list (`--shard K/N`, K from 1), for cluster array jobs that each
/// take one part with no coordinator: item i belongs to part i mod N + 1. Dealing the items
/// round-robin keeps the parts within one item of each other in size, and a list's images of
/// similar size spread over the parts.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// Parses "K/N" with 1 ≤ K ≤ N.
    public init(_ text: String, flag: String = "--shard") throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
            throw CLIFailure(flag, "expected K/N with 1 <= K <= N (e.g. 2/8), got '\(text)'")
        }
        index = k
        count = n
    }

    public var description: String { "\(index)/\(count)" }

    public func contains(_ item: DatasetItem) -> Bool { item.index % count == index - 1 }
}

/// Where a dataset run's inputs come from, as the command line names them: sample folders,
/// a list file, or a PASCAL VOC root with its split and the folder of network outputs; and
/// which shard of them this process takes.
public struct DatasetSource: Sendable {
    public var list: String?
    public var voc: String?
    public var split: String?
    public var probsDir: String?
    /// What the unary files of a list or VOC run hold: probs, logits or unary.
    public var kind: String?
    /// "K/N": the part of the inputs this process takes.
    public var shard: String?

    public init() {}

    /// Whether a list or a VOC root is given (rather than sample folders).
    public var isGiven: Bool { list != nil || voc != nil }

    /// The inputs: `folders`, or the list, or the VOC split; only this process's shard.
    public func items(folders: [String]) throws -> [DatasetItem] {
        let sources = [!folders.isEmpty, list != nil, voc != nil].filter { $0 }.count
        guard sources == 1 else {
            throw CLIFailure("command line", sources == 0 ? "give sample folders, --list LIST.txt or --voc ROOT --split NAME --probs-dir D"
                : "give only one of: sample folders, --list, --voc")
        }
        let unaryKind = try parsedKind()
        let all: [DatasetItem]
        if let list {
            all = try DatasetList.list(list, kind: unaryKind)
        } else if let voc {
            guard let split else { throw CLIFailure("--voc", "needs --split NAME (e.g. val)") }
            guard let probsDir else { throw CLIFailure("--voc", "needs --probs-dir D, the folder of the network's ID.npy files") }
            all = try DatasetList.voc(root: voc, split: split, mapsDir: probsDir, kind: unaryKind)
        } else {
            all = try DatasetList.folders(folders)
        }
        guard let part = try parsedShard() else { return all }
        return all.filter(part.contains)
    }

    public func parsedKind() throws -> UnaryKind {
        guard let kind else { return .probs }
        guard let k = UnaryKind(rawValue: kind) else { throw CLIFailure("--kind", "expected probs, logits or unary, got '\(kind)'") }
        return k
    }

    public func parsedShard() throws -> Shard? {
        try shard.map { try Shard($0) }
    }
}

import ArgumentParser
import CRFApp

/// The dataset flags of `infer --out-dir` and `eval`: where the inputs are listed and which
/// part of them this process takes.
struct DatasetOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A list of inputs, one 'IMAGE UNARY_FILE [TRUTH]' line each; paths relative to the list's folder.", valueName: "LIST.txt"))
    var list: String?
    @Option(help: ArgumentHelp("A PASCAL VOC root (JPEGImages, SegmentationClass, ImageSets/Segmentation); needs --split and --probs-dir.", valueName: "ROOT"))
    var voc: String?
    @Option(help: ArgumentHelp("The VOC split: ImageSets/Segmentation/NAME.txt.", valueName: "NAME"))
    var split: String?
    @Option(help: ArgumentHelp("For --voc: the folder of network outputs, one ID.npy per image id.", valueName: "D"))
    var probsDir: String?
    @Option(help: ArgumentHelp("What the unary files of --list and --probs-dir hold: probs, logits or unary. (default: probs)", valueName: "kind"))
    var kind: String?
    @Option(help: ArgumentHelp("Process only the K-th of N parts of the inputs (item i is in part i mod N + 1), for cluster array jobs.", valueName: "K/N"))
    var shard: String?

    var isGiven: Bool { list != nil || voc != nil }

    /// The inputs: `folders`, or the --list, or the --voc split; only this process's shard.
    func items(folders: [String]) throws -> [DatasetItem] {
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
        guard let shard else { return all }
        let part = try Shard(shard)
        return all.filter(part.contains)
    }

    func parsedKind() throws -> UnaryKind {
        guard let kind else { return .probs }
        guard let k = UnaryKind(rawValue: kind) else { throw CLIFailure("--kind", "expected probs, logits or unary, got '\(kind)'") }
        return k
    }
}

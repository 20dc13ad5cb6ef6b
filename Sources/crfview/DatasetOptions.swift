import ArgumentParser
import CRFApp

/// The dataset flags of `infer --out-dir` and `eval`: where the inputs are listed and which
/// part of them this process takes (`DatasetSource`).
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

    /// The flags as plain values.
    var source: DatasetSource {
        var d = DatasetSource()
        d.list = list
        d.voc = voc
        d.split = split
        d.probsDir = probsDir
        d.kind = kind
        d.shard = shard
        return d
    }
}

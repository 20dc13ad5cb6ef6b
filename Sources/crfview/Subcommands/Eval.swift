import ArgumentParser
import CRFApp

/// `crfview eval`: how much the CRF improves on its unary, measured against ground truth.
///
/// For each input it scores the unary's argmax (what the network alone says) and the argmax
/// after mean-field inference, with the PASCAL VOC mean IoU and pixel accuracy, then prints one
/// row per input, their mean, and the dataset figure VOC defines (intersections and unions
/// pooled over all images), followed by the per-class IoU.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the unary argmax and the CRF result against the truth: PASCAL VOC mean IoU (per image and pooled) and pixel accuracy.")

    @Argument(help: ArgumentHelp("Sample folders, each with image.png (or .jpg), probs.npy, logits.npy, unary.npy or labels.png (the first found), and truth.png (class indices, 255 = ignore).", valueName: "dir"))
    var folders: [String] = []

    @OptionGroup(title: "Model") var model: ModelOptions
    @OptionGroup(title: "Datasets") var dataset: DatasetOptions

    @Option(help: ArgumentHelp("Layout of the arrays when their shape leaves it open.", valueName: "chw|hwc"))
    var layout: String?
    @Flag(help: "Stretch maps of another aspect ratio to the image (bilinear).")
    var resize = false
    @Option(help: ArgumentHelp("Softmax temperature of logits inputs. (default: 1)", valueName: "T"))
    var temperature: Float?

    @Option(help: ArgumentHelp("Class names by label, comma-separated (default: those of the first input's sample.toml or classes.txt).", valueName: "a,b,c"))
    var classes: String?
    @Flag(help: "Print the scores as JSON: IoU and accuracy as fractions, per-class intersections and unions.")
    var json = false
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Merge the --json reports of shards into the dataset's report.", valueName: "a.json b.json"))
    var merge: [String] = []

    func run() throws {
        let report = try merge.isEmpty ? evaluate() : merged()
        print(json ? try report.json() : report.table, terminator: "")
    }

    private func evaluate() throws -> EvalReport {
        let options = try MapOptions(layoutFlag: layout, temperatureFlag: temperature, resize: resize)
        let items = try dataset.source.items(folders: folders)
        let names = try items.first.map { try SampleFolder.classNames(flag: classes, imagePath: $0.image) } ?? []
        let evaluator = Evaluator(mapOptions: options, model: try model.flags.choice())
        return try evaluator.report(items, classNames: names, shard: try dataset.source.parsedShard())
    }

    private func merged() throws -> EvalReport {
        guard folders.isEmpty, !dataset.source.isGiven, dataset.shard == nil else {
            throw CLIFailure("--merge", "merges finished reports; give only the .json files")
        }
        return try EvalReport.merge(try merge.map { ($0, try EvalReport.read($0)) })
    }
}

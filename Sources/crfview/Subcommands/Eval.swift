import ArgumentParser
import CRFApp
import CRFIO
import DenseCRF
import Foundation

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
        do {
            let report = try merge.isEmpty ? evaluate() : merged()
            print(json ? try report.json() : Self.table(report), terminator: "")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw report(error)
        }
    }

    private func evaluate() throws -> EvalReport {
        var options = MapOptions(temperature: temperature ?? 1, resize: resize)
        if let layout {
            guard let l = ArrayLayout(rawValue: layout.lowercased()) else { throw CLIFailure("--layout", "expected chw or hwc, got '\(layout)'") }
            options.layout = l
        }
        if let t = temperature, !(t > 0 && t.isFinite) { throw CLIFailure("--temperature", "must be positive, got \(t)") }
        let items = try dataset.items(folders: folders)
        let names = try items.first.map { try SampleFolder.classNames(flag: classes, imagePath: $0.image) } ?? []
        let evaluator = Evaluator(mapOptions: options, model: try model.choice())
        return try evaluator.report(items, classNames: names, shard: try dataset.shard.map { try Shard($0) })
    }

    private func merged() throws -> EvalReport {
        guard folders.isEmpty, !dataset.isGiven, dataset.shard == nil else {
            throw CLIFailure("--merge", "merges finished reports; give only the .json files")
        }
        return try EvalReport.merge(try merge.map { ($0, try EvalReport.read($0)) })
    }

    /// The aligned table, percentages with two decimals: a row per input, their mean, the
    /// pooled (VOC dataset) figures, then IoU per class.
    static func table(_ report: EvalReport) -> String {
        let headers = ["unary mIoU", "CRF mIoU", "Δ mIoU", "unary acc", "CRF acc", "Δ acc"]
        func pair(_ a: Double?, _ b: Double?) -> [String] {
            [optional(a), optional(b), a.flatMap { x in b.map { delta($0 - x) } } ?? "-"]
        }
        let mean = ["mean"] + pair(report.meanUnaryMIoU, report.meanCRFMIoU) + pair(report.meanUnaryAccuracy, report.meanCRFAccuracy)
        let pooled = ["pooled"] + pair(report.pooledUnaryMIoU, report.pooledCRFMIoU) + pair(report.pooledUnaryAccuracy, report.pooledCRFAccuracy)
        let u = report.unaryPerClass, c = report.crfPerClass
        var rows = [["sample"] + headers]
        rows += report.samples.map { [$0.name] + pair($0.unaryMIoU, $0.crfMIoU) + pair($0.unaryAccuracy, $0.crfAccuracy) }
        rows += [mean, pooled]
        var text = aligned(rows)
        var classRows = [["class", "unary IoU", "CRF IoU", "Δ IoU"]]
        for (k, name) in report.classes.enumerated() where k < u.iou.count && (u.iou[k] != nil || (k < c.iou.count && c.iou[k] != nil)) {
            classRows.append([name] + pair(u.iou[k], k < c.iou.count ? c.iou[k] : nil))
        }
        text += "\n" + aligned(classRows)
        return text
    }

    /// Rows with the first column left-aligned and the others right-aligned to their header.
    private static func aligned(_ rows: [[String]]) -> String {
        let first = max(6, rows.map { $0[0].count }.max()!)
        let widths = rows[0].dropFirst().map { $0.count + 2 }
        return rows.map { row in
            ([row[0] + String(repeating: " ", count: first - row[0].count)]
                + zip(row.dropFirst(), widths).map { String(repeating: " ", count: max(0, $1 - $0.count)) + $0 }).joined(separator: " ")
        }.joined(separator: "\n") + "\n"
    }

    private static func percent(_ v: Double) -> String { String(format: "%.2f", 100 * v) }
    private static func delta(_ v: Double) -> String { String(format: "%+.2f", 100 * v) }
    private static func optional(_ v: Double?) -> String { v.map(percent) ?? "-" }
}

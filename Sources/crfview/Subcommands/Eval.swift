import ArgumentParser
import CRFApp
import CRFIO
import DenseCRF
import Foundation

/// `crfview eval`: how much the CRF improves on its unary, measured against ground truth.
///
/// For each sample folder it scores the unary's argmax (what the network alone says) and the
/// argmax after mean-field inference, with the PASCAL VOC mean IoU and pixel accuracy of
/// `SegmentationMetrics`, then prints one row per sample and their mean.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the unary argmax and the CRF result against truth.png: PASCAL VOC mean IoU and pixel accuracy.")

    @Argument(help: ArgumentHelp("Sample folders, each with image.png (or .jpg), probs.npy, unary.npy or labels.png (the first found), and truth.png (class indices, 255 = ignore).", valueName: "dir"))
    var folders: [String]

    @OptionGroup(title: "Model") var model: ModelOptions

    @Flag(help: "Print the scores as JSON, IoU and accuracy as fractions.")
    var json = false

    /// One sample's scores, as fractions.
    struct Score: Codable, Equatable {
        var name: String
        var unaryMIoU: Double
        var crfMIoU: Double
        var unaryAccuracy: Double
        var crfAccuracy: Double

        enum CodingKeys: String, CodingKey {
            case name
            case unaryMIoU = "unary_miou"
            case crfMIoU = "crf_miou"
            case unaryAccuracy = "unary_acc"
            case crfAccuracy = "crf_acc"
        }
    }

    /// The `--json` document.
    struct Report: Codable {
        var samples: [Score]
        var meanUnaryMIoU: Double
        var meanCRFMIoU: Double

        enum CodingKeys: String, CodingKey {
            case samples
            case meanUnaryMIoU = "mean_unary_miou"
            case meanCRFMIoU = "mean_crf_miou"
        }
    }

    func run() throws {
        do {
            let scores = try folders.map(score)
            print(json ? try Self.json(scores) : Self.table(scores), terminator: "")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw report(error)
        }
    }

    /// Loads one folder as `infer` would load its files, runs the CRF, and scores both label maps.
    func score(_ folder: String) throws -> Score {
        let sample = try SampleFolder(folder)
        guard let truthPath = sample.truth else { throw CLIFailure(folder, "no truth.png in this folder") }
        let problem = try Problem.load(imagePath: sample.image, unary: sample.unary, model: try model.choice())
        let image = problem.image
        let truth = try TruthFile.read(truthPath, width: image.width, height: image.height)
        let crf = try problem.model()
        let inference = MeanFieldInference(model: crf, tracksEnergy: false)
        inference.run(problem.parameters.iterations)
        let classes = problem.labelCount
        let (before, after) = try CLIFailure.attributing(to: truthPath) {
            (try SegmentationMetrics(truth: truth, prediction: crf.unary.labels(), classes: classes),
             try SegmentationMetrics(truth: truth, prediction: inference.currentLabels, classes: classes))
        }
        guard let unaryMIoU = before.meanIoU, let crfMIoU = after.meanIoU,
              let unaryAccuracy = before.pixelAccuracy, let crfAccuracy = after.pixelAccuracy else {
            throw CLIFailure(truthPath, "every pixel is 255 (ignore); nothing to score")
        }
        let name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        return Score(name: name, unaryMIoU: unaryMIoU, crfMIoU: crfMIoU, unaryAccuracy: unaryAccuracy, crfAccuracy: crfAccuracy)
    }

    static func mean(_ scores: [Score], _ value: (Score) -> Double) -> Double {
        scores.map(value).reduce(0, +) / Double(scores.count)
    }

    static func json(_ scores: [Score]) throws -> String {
        let report = Report(samples: scores, meanUnaryMIoU: mean(scores, \.unaryMIoU), meanCRFMIoU: mean(scores, \.crfMIoU))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    /// The aligned table, percentages with two decimals; the mean row averages the rows.
    static func table(_ scores: [Score]) -> String {
        let meanRow = Score(name: "mean", unaryMIoU: mean(scores, \.unaryMIoU), crfMIoU: mean(scores, \.crfMIoU),
                            unaryAccuracy: mean(scores, \.unaryAccuracy), crfAccuracy: mean(scores, \.crfAccuracy))
        let nameWidth = max(6, (scores + [meanRow]).map(\.name.count).max()!)
        let headers = ["unary mIoU", "CRF mIoU", "Δ mIoU", "unary acc", "CRF acc", "Δ acc"]
        func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, width - s.count))
            return left ? s + fill : fill + s
        }
        func row(_ name: String, _ cells: [String]) -> String {
            ([pad(name, nameWidth, left: true)] + zip(cells, headers).map { pad($0, $1.count + 2) }).joined(separator: " ") + "\n"
        }
        func percent(_ v: Double) -> String { String(format: "%.2f", 100 * v) }
        func delta(_ v: Double) -> String { String(format: "%+.2f", 100 * v) }
        func cells(_ s: Score) -> [String] {
            [percent(s.unaryMIoU), percent(s.crfMIoU), delta(s.crfMIoU - s.unaryMIoU),
             percent(s.unaryAccuracy), percent(s.crfAccuracy), delta(s.crfAccuracy - s.unaryAccuracy)]
        }
        var text = row("sample", headers)
        for s in scores { text += row(s.name, cells(s)) }
        text += row(meanRow.name, cells(meanRow))
        return text
    }
}

import DenseCRF
import Foundation

/// A sample folder with a truth map, loaded for learning: `crfview learn`'s training and
/// validation folders and the viewer's extra folders (`crfview view DIR...`).
public struct LabelledFolder: Sendable {
    /// The folder's name, which names the image in progress and errors.
    public let name: String
    public let problem: Problem
    /// Class per pixel, 255 = ignore; checked against the label count.
    public let truth: [UInt8]

    /// Loads `folder` with `model`; `labels`, when given, is the label count every folder of
    /// a set must share (`setName` says who has it, with its verb: "the training folders have").
    public init(_ folder: String, model: ModelChoice, labels: Int? = nil, setName: String = "the other folders have") throws {
        let sample = try SampleFolder(folder)
        guard let truthPath = sample.truth else { throw CLIFailure(folder, "no truth.png in this folder; learning needs the truth") }
        let problem = try ProblemFiles.load(imagePath: sample.image, unary: sample.unary, model: model).problem
        if let labels, problem.labelCount != labels {
            throw CLIFailure(folder, "has \(problem.labelCount) labels but \(setName) \(labels); all folders must share one class set")
        }
        let truth = try TruthFile.read(truthPath, width: problem.image.width, height: problem.image.height)
        if let bad = truth.first(where: { $0 != 255 && Int($0) >= problem.labelCount }) {
            throw CLIFailure(truthPath, "has class \(bad) but there are \(problem.labelCount) labels (0...\(problem.labelCount - 1), 255 = ignore)")
        }
        name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        self.problem = problem
        self.truth = truth
    }
}

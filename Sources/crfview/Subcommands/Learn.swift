import ArgumentParser
import CRFApp
import CRFIO
import CRFLearning
import DenseCRF
import Foundation

/// `crfview learn`: CRF-RNN parameter learning (Zheng et al. 2015) on folders with truth.
///
/// The mean-field steps are unrolled into a recurrent network and the pixel cross-entropy of
/// its output is back-propagated through them to the compatibilities, the unary calibration
/// and (numerically) the kernel widths. The result is a params file that `infer`, `eval` and
/// `view` load with `--params`.
struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Learn CRF parameters (compatibilities, unary calibration, widths) from folders with truth, as CRF-RNN does.")

    @Argument(help: ArgumentHelp("Training folders, as for eval: an image, a unary source (probs.npy, unary.npy or labels.png) and truth.png.", valueName: "dir"))
    var folders: [String]
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Validation folders: scored every epoch; the best parameters on them are kept.", valueName: "dir"))
    var val: [String] = []

    @OptionGroup(title: "Model (the starting point)") var model: ModelOptions

    @Option(help: ArgumentHelp("Form of the learned compatibilities: potts (a weight per kernel), diagonal (a weight per class and kernel) or matrix (a symmetric LxL per kernel). (default: matrix)", valueName: "form"))
    var learn: String = "matrix"
    @Flag(inversion: .prefixedNo, help: "Learn the unary calibration U' = a*U + b_l.")
    var learnUnary = true
    @Flag(inversion: .prefixedNo, help: "Learn the kernel widths (by a numerical derivative; about twice the time).")
    var learnWidths = true
    @Flag(help: "A separate set of compatibilities per mean-field step (CRF-RNN's ablation).")
    var untied = false
    @Flag(help: "Weigh classes by median frequency in the cross-entropy.")
    var classBalanced = false
    @Option(help: ArgumentHelp("jaccard (soft IoU, the mean IoU's surrogate), ce (pixel cross-entropy, CRF-RNN's) or both (their sum).", valueName: "name"))
    var loss = "jaccard"
    @Option(help: ArgumentHelp("Mean-field steps unrolled while training.", valueName: "T"))
    var trainIterations = 5
    @Option(help: ArgumentHelp("Training epochs (passes over the training folders).", valueName: "N"))
    var epochs = 15
    @Option(help: ArgumentHelp("adam (per image) or lbfgs (full batch).", valueName: "name"))
    var optimizer = "adam"
    @Option(help: ArgumentHelp("Step size in parameter units. (default: 0.1 for adam, 1 for lbfgs)", valueName: "R"))
    var learningRate: Double?
    @Option(help: ArgumentHelp("Seed of the image order.", valueName: "S"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Where to write the learned parameters (params JSON).", valueName: "learned.json"))
    var out: String?
    @Option(help: ArgumentHelp("CSV log, one row per epoch.", valueName: "learn.csv"))
    var log: String?
    @Flag(help: "Print a JSON summary (before/after mIoU, history) on stdout.")
    var json = false

    func run() throws {
        do {
            try learnParameters()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw report(error)
        }
    }

    private func learnParameters() throws {
        guard let form = LearningSpec.CompatibilityForm(rawValue: learn) else {
            throw CLIFailure("--learn", "expected potts, diagonal or matrix, got '\(learn)'")
        }
        guard let method = TrainingOptions.Optimizer(rawValue: optimizer) else {
            throw CLIFailure("--optimizer", "expected adam or lbfgs, got '\(optimizer)'")
        }
        guard let objective = TrainingOptions.Loss(rawValue: loss) else {
            throw CLIFailure("--loss", "expected ce, jaccard or both, got '\(loss)'")
        }
        guard trainIterations >= 1 else { throw CLIFailure("--train-iterations", "must be at least 1, got \(trainIterations)") }
        guard epochs >= 1 else { throw CLIFailure("--epochs", "must be at least 1, got \(epochs)") }
        if let r = learningRate, !(r > 0 && r.isFinite) { throw CLIFailure("--learning-rate", "must be positive, got \(r)") }
        try OutputFiles.check(outputs: [("--out", out), ("--log", log)].compactMap { flag, path in path.map { (flag: flag, path: $0) } },
                              inputs: try model.inputFiles())

        let choice = try model.choice()
        let (training, parameters, settings) = try load(folders, choice: choice)
        let (validation, _, _) = try load(val, choice: choice, labels: training[0].labelCount)
        let spec = LearningSpec(compatibility: form, unary: learnUnary, widths: learnWidths, untied: untied, trainSteps: trainIterations)
        let layout = ParameterLayout(base: parameters, spec: spec, labels: training[0].labelCount)
        let options = TrainingOptions(
            optimizer: method, loss: objective, learningRate: learningRate ?? (method == .adam ? 0.1 : 1), epochs: epochs, seed: seed,
            classBalanced: classBalanced, inferenceSteps: parameters.iterations)
        let trainer = try CLIFailure.attributing(to: "dir") { try Trainer(layout: layout, training: training, validation: validation, options: options) }

        Interruption.install()
        let progress = LearnProgress(epochs: epochs, images: training.count)
        let started = DispatchTime.now().uptimeNanoseconds
        let result = try CLIFailure.attributing(to: "dir") {
            try trainer.run(onImage: progress.imageDone, onEpoch: progress.epochDone, shouldStop: { Interruption.requested })
        }
        progress.finish()

        var files = OutputFiles()
        if let out {
            let file = ParamsFile(parameters: result.parameters, unary: settings, labels: layout.labels)
            try files.stage(out) { Array(file.json().utf8) }
        }
        if let log {
            try files.stage(log) { Array(LearnProgress.csv(result.history).utf8) }
        }
        try files.commit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if json {
            print(try LearnSummary(result: result, seconds: seconds).json(), terminator: "")
        } else {
            print(LearnSummary(result: result, seconds: seconds).line + (out.map { "; wrote \($0)" } ?? "; no --out given, nothing written"))
        }
        if Interruption.requested { throw ExitCode(128 + Interruption.received) }
    }

    /// Loads folders as training examples; all must have the same label count (the first
    /// folder's, or `labels`).
    private func load(_ folders: [String], choice: ModelChoice, labels: Int? = nil) throws -> ([TrainingExample], CRFParameters, UnarySettings) {
        var examples: [TrainingExample] = []
        var parameters = CRFParameters()
        var settings = UnarySettings()
        var expected = labels
        for folder in folders {
            let sample = try SampleFolder(folder)
            guard let truthPath = sample.truth else { throw CLIFailure(folder, "no truth.png in this folder; learning needs the truth") }
            let problem = try Problem.load(imagePath: sample.image, unary: sample.unary, model: choice)
            if let expected, problem.labelCount != expected {
                throw CLIFailure(folder, "has \(problem.labelCount) labels but \(examples.first?.name ?? "the training folders") \(examples.isEmpty ? "have" : "has") \(expected); all folders must share one class set")
            }
            expected = problem.labelCount
            let truth = try TruthFile.read(truthPath, width: problem.image.width, height: problem.image.height)
            if let bad = truth.first(where: { $0 != 255 && Int($0) >= problem.labelCount }) {
                throw CLIFailure(truthPath, "has class \(bad) but there are \(problem.labelCount) labels (0...\(problem.labelCount - 1), 255 = ignore)")
            }
            // The unaries before calibration (the model applies it): learning calibrates them.
            let unary = try problem.unaryEnergies()
            let name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
            examples.append(try CLIFailure.attributing(to: folder) {
                try TrainingExample(name: name, image: problem.image, unary: unary, truth: truth)
            })
            parameters = problem.parameters
            settings = problem.unarySettings
        }
        return (examples, parameters, settings)
    }
}

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

    @OptionGroup(title: "Learning") var learning: LearningOptions

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
        let (spec, resolvedOptions) = try learning.resolved()
        var options = resolvedOptions
        try OutputFiles.check(outputs: [("--out", out), ("--log", log)].compactMap { flag, path in path.map { (flag: flag, path: $0) } },
                              inputs: try model.inputFiles())

        let choice = try model.choice()
        let (training, parameters, settings) = try load(folders, choice: choice)
        let (validation, _, _) = try load(val, choice: choice, labels: training[0].labelCount)
        options.inferenceSteps = parameters.iterations
        let layout = ParameterLayout(base: parameters, spec: spec, labels: training[0].labelCount)
        let trainer = try CLIFailure.attributing(to: "dir") { try Trainer(layout: layout, training: training, validation: validation, options: options) }

        Interruption.install()
        let progress = LearnProgress(epochs: options.epochs, images: training.count)
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
            let setName = examples.first.map { "\($0.name) has" } ?? "the training folders have"
            let loaded = try LabelledFolder(folder, model: choice, labels: expected, setName: setName)
            expected = loaded.problem.labelCount
            // The unaries before calibration (the model applies it): learning calibrates them.
            let unary = try loaded.problem.unaryEnergies()
            examples.append(try CLIFailure.attributing(to: folder) {
                try TrainingExample(name: loaded.name, image: loaded.problem.image, unary: unary, truth: loaded.truth)
            })
            parameters = loaded.problem.parameters
            settings = loaded.problem.unarySettings
        }
        return (examples, parameters, settings)
    }
}

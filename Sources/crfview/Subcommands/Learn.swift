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
        let (spec, resolvedOptions) = try learning.resolved()
        var options = resolvedOptions
        let epochs = options.epochs
        try OutputFiles.check(outputs: [("--out", out), ("--log", log)].compactMap { flag, path in path.map { (flag: flag, path: $0) } },
                              inputs: try model.flags.inputFiles())

        let choice = try model.flags.choice()
        let (training, parameters, settings) = try TrainingSet.load(folders, choice: choice)
        let (validation, _, _) = try TrainingSet.load(val, choice: choice, labels: training[0].labelCount)
        options.inferenceSteps = parameters.iterations
        let layout = ParameterLayout(base: parameters, spec: spec, labels: training[0].labelCount)
        let trainer = try CLIFailure.attributing(to: "dir") { try Trainer(layout: layout, training: training, validation: validation, options: options) }

        // Ctrl-C stops after the current epoch and keeps the best parameters so far.
        Interruption.install()
        func bar(_ epoch: Int) -> ProgressBar { ProgressBar(total: training.count, label: "epoch \(epoch)/\(epochs)") }
        var progress: ProgressBar? = bar(1)
        let clock = ContinuousClock()
        let started = clock.now
        let result = try CLIFailure.attributing(to: "dir") {
            try trainer.run(onImage: { _ in progress?.advance() }, onEpoch: { report in
                progress?.log(LearnSummary.epochLine(report, of: epochs))
                progress?.finish()
                progress = report.epoch < epochs ? bar(report.epoch + 1) : nil
            }, shouldStop: { Interruption.requested })
        }
        progress?.finish()

        var files = OutputFiles()
        if let out {
            let file = ParamsFile(parameters: result.parameters, unary: settings, labels: layout.labels)
            try files.stage(out) { Array(file.json().utf8) }
        }
        if let log {
            try files.stage(log) { Array(LearnSummary.csv(result.history).utf8) }
        }
        try files.commit()
        let seconds = (clock.now - started).milliseconds / 1e3
        if json {
            print(try LearnSummary(result: result, seconds: seconds).json(), terminator: "")
        } else {
            print(LearnSummary(result: result, seconds: seconds).line + (out.map { "; wrote \($0)" } ?? "; no --out given, nothing written"))
        }
        if Interruption.requested { throw ExitCode(128 + Interruption.received) }
    }
}

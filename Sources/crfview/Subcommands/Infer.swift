import ArgumentParser
import CRFApp
import CRFIO
import Foundation

/// `crfview infer`: the headless run, for scripts and for checking against pydensecrf.
struct Infer: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run mean-field inference on an image, or on a dataset with --out-dir, and write labels, marginals and energies.")

    @Argument(help: ArgumentHelp("The image (PNG or JPEG); with --out-dir, sample folders.", valueName: "image|dir"))
    var paths: [String] = []

    @OptionGroup(title: "Unaries") var unary: UnaryOptions
    @OptionGroup(title: "Model") var model: ModelOptions
    @OptionGroup(title: "Datasets") var dataset: DatasetOptions

    @Option(help: ArgumentHelp("Run a dataset: each input NAME gets OUT/NAME/labels.png; inputs whose outputs exist are skipped.", valueName: "OUT"))
    var outDir: String?
    @Flag(help: "With --out-dir: also write OUT/NAME/probs.npy.")
    var withProbs = false
    @Flag(help: "With --out-dir: also write OUT/NAME/overlay.png.")
    var withOverlay = false
    @Flag(help: "With --out-dir: redo inputs whose outputs exist.")
    var overwrite = false
    @Option(help: ArgumentHelp("With --out-dir: inputs processed at a time. (default: every core, as memory allows)", valueName: "J"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Write the labels as a palette PNG whose pixel values are class indices.", valueName: "L.png"))
    var outLabels: String?
    @Option(help: ArgumentHelp("Write the marginals Q as (L,H,W) .npy (float32, or see --probs-dtype).", valueName: "Q.npy"))
    var outProbs: String?
    @Option(help: ArgumentHelp("Element type of --out-probs and --with-probs: float32, or float16 for half the size. (default: float32)", valueName: "float32|float16"))
    var probsDtype: String = "float32"
    @Option(help: ArgumentHelp("Write the image with the label colours blended over it.", valueName: "O.png"))
    var outOverlay: String?
    @Option(help: ArgumentHelp("Write per-step energies as CSV: iteration,kl,map_energy,changed.", valueName: "E.csv"))
    var energyLog: String?
    @Flag(help: "Print load, build, iterate and save times (ms) on stderr.")
    var timing = false

    func run() throws {
        guard ["float32", "float16"].contains(probsDtype) else {
            throw CLIFailure("--probs-dtype", "expected float32 or float16, got '\(probsDtype)'")
        }
        if outDir != nil { try inferDataset() } else { try infer() }
    }

    private func inferDataset() throws {
        let out = outDir!
        if unary.givenCount > 0 { throw CLIFailure("--out-dir", "each input brings its own unary file; leave out --probs, --logits, --unary, --labels and --kmeans") }
        for (value, flag) in [(outLabels, "--out-labels"), (outProbs, "--out-probs"), (outOverlay, "--out-overlay"), (energyLog, "--energy-log")] where value != nil {
            throw CLIFailure(flag, "writes one image's result; with --out-dir use --with-probs and --with-overlay")
        }
        if let j = jobs, j < 1 { throw CLIFailure("--jobs", "must be at least 1, got \(j)") }
        let items = try dataset.source.items(folders: paths)
        try DatasetList.requireUniqueNames(items, source: dataset.list ?? dataset.voc ?? "command line")
        try OutputFiles.checkFolder(PathName.folder(of: out), subject: out)
        try CLIFailure.attributing(to: out) { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
        let runner = BatchRunner(items: items, outputs: .init(folder: out, probs: withProbs, float16: probsDtype == "float16", overlay: withOverlay, overwrite: overwrite),
                                 mapOptions: try unary.mapOptions(batch: true), model: try model.flags.choice())
        var count = jobs ?? 1
        if jobs == nil, let first = items.first(where: { !runner.isDone($0) }) {
            let sample = try ProblemFiles.load(imagePath: first.image, unary: first.unary, mapOptions: runner.mapOptions, model: runner.model)
            count = BatchRunner.defaultJobs(for: sample.problem)
        }
        let progress = ProgressBar(total: items.count)
        // Ctrl-C ends the run at once (it is resumable, and files are written atomically),
        // ending the bar's line first.
        EndingSignals.setLineOpen(progress.isShown)
        let summary = runner.run(jobs: count, progress: progress)
        EndingSignals.setLineOpen(false)
        FileHandle.standardError.write(Data("infer: \(summary.line)\n".utf8))
        if summary.failed > 0 { throw ExitCode.failure }
    }

    private func infer() throws {
        if dataset.source.isGiven || dataset.shard != nil {
            throw CLIFailure(dataset.list != nil ? "--list" : dataset.voc != nil ? "--voc" : "--shard", "runs a dataset; give --out-dir OUT for the results")
        }
        guard paths.count == 1 else {
            throw CLIFailure("command line", paths.isEmpty ? "give an image (or --out-dir OUT with a dataset)" : "give one image, or --out-dir OUT to run several")
        }
        let imagePath = paths[0]
        let clock = ContinuousClock()
        let started = clock.now
        var run = ImageRun()
        (run.labels, run.probs, run.overlay, run.energyLog, run.float16) = (outLabels, outProbs, outOverlay, energyLog, probsDtype == "float16")
        let outputs = [("--out-labels", outLabels), ("--out-probs", outProbs), ("--out-overlay", outOverlay), ("--energy-log", energyLog)]
            .compactMap { flag, path in path.map { (flag: flag, path: $0) } }
        let spec = try unary.spec()
        try OutputFiles.check(outputs: outputs, inputs: [imagePath] + spec.inputFiles + model.flags.inputFiles())
        let (problem, notes) = try ProblemFiles.load(imagePath: imagePath, unary: spec, mapOptions: try unary.mapOptions(), model: try model.flags.choice())
        Diagnostics.printNotes(notes)
        let read = (clock.now - started).milliseconds
        let result = try run.run(consume problem)
        let load = read + result.unary
        if !run.writesFiles {
            print(ResultSummary.line(labels: result.labels, unary: result.unaryLabels, milliseconds: load + result.build + result.iterate))
        }
        if timing {
            let line = String(format: "timing: load=%.1f build=%.1f iterate=%.1f save=%.1f\n", load, result.build, result.iterate, result.save)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}

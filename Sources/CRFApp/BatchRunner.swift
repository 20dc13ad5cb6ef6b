import CRFIO
import DenseCRF
import Foundation

/// `infer` over a dataset: each input NAME gets OUT/NAME/labels.png (plus probs.npy and
/// overlay.png when asked), several inputs at a time.
///
/// - Resumable: an input whose requested files all exist is skipped unless `overwrite`. Files
///   are written atomically and labels.png last, so an input interrupted half-way has no
///   labels.png and is redone.
/// - A failing input is reported (one `error:` line) and the others go on.
/// - Parallel: `jobs` inputs at a time, the engine's own loops sharing the cores among them.
public struct BatchRunner: Sendable {
    public struct Outputs: Sendable {
        public var folder: String
        public var probs: Bool
        /// Write probs.npy as float16.
        public var float16: Bool
        public var overlay: Bool
        public var overwrite: Bool

        public init(folder: String, probs: Bool, float16: Bool = false, overlay: Bool, overwrite: Bool) {
            self.folder = folder
            self.probs = probs
            self.float16 = float16
            self.overlay = overlay
            self.overwrite = overwrite
        }
    }

    /// How a run went.
    public struct Summary: Sendable, Equatable {
        public var written = 0, skipped = 0, failed = 0

        /// "100 inputs: 97 written, 2 skipped (outputs exist; --overwrite redoes them), 1 failed"
        public var line: String {
            var parts = ["\(written) written"]
            if skipped > 0 { parts.append("\(skipped) skipped (outputs exist; --overwrite redoes them)") }
            if failed > 0 { parts.append("\(failed) failed") }
            let total = written + skipped + failed
            return "\(total) input\(total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
        }
    }

    public let items: [DatasetItem]
    public let outputs: Outputs
    public let mapOptions: MapOptions
    public let model: ModelChoice

    public init(items: [DatasetItem], outputs: Outputs, mapOptions: MapOptions, model: ModelChoice) {
        self.items = items
        self.outputs = outputs
        self.mapOptions = mapOptions
        self.model = model
    }

    /// The files input `item` gets, labels.png last.
    public func files(of item: DatasetItem) -> [String] {
        let folder = "\(outputs.folder)/\(item.name)"
        return (outputs.probs ? ["\(folder)/probs.npy"] : []) + (outputs.overlay ? ["\(folder)/overlay.png"] : []) + ["\(folder)/labels.png"]
    }

    /// Whether `item` can be skipped.
    public func isDone(_ item: DatasetItem) -> Bool {
        !outputs.overwrite && files(of: item).allSatisfy { FileManager.default.fileExists(atPath: $0) }
    }

    /// Runs every input, `jobs` at a time, reporting to `progress`. Notes about how inputs were
    /// read are shown once, for the first input that has them, not once per image.
    public func run(jobs: Int, progress: ProgressBar) -> Summary {
        let state = RunState()
        let jobs = max(1, min(jobs, items.count))
        Parallelism.setWorkerCount(max(1, ProcessInfo.processInfo.activeProcessorCount / jobs))
        defer { Parallelism.setWorkerCount(nil) }
        let group = DispatchGroup()
        for _ in 0..<jobs {
            group.enter()
            let worker = Thread {
                while let item = state.next(items) {
                    if isDone(item) {
                        state.count { $0.skipped += 1 }
                        progress.advance(skipped: true)
                        continue
                    }
                    do {
                        let notes = try process(item)
                        if !notes.isEmpty, state.firstNotes() {
                            for note in notes { progress.log("note: \(note) (shown for the first input only)") }
                        }
                        state.count { $0.written += 1 }
                        progress.advance()
                    } catch {
                        state.count { $0.failed += 1 }
                        progress.log("error: \(CLIFailure.wrap(error, subject: item.image))")
                        progress.advance(failed: true)
                    }
                }
                group.leave()
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
        group.wait()
        progress.finish()
        return state.summary
    }

    /// Infers one input and writes its files; returns the notes on how it was read.
    func process(_ item: DatasetItem) throws -> [String] {
        let (problem, notes) = try ProblemFiles.load(imagePath: item.image, unary: item.unary, mapOptions: mapOptions, model: model)
        let (image, labelCount) = (problem.image, problem.labelCount)
        let crf = try (consume problem).model()
        let inference = MeanFieldInference(model: crf, tracksEnergy: false, oneShot: true)
        inference.run(crf.parameters.iterations)
        let labels = inference.currentLabels
        let folder = "\(outputs.folder)/\(item.name)"
        try CLIFailure.attributing(to: folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var files = OutputFiles()
        if outputs.probs {
            inference.releaseStepBuffers()
            try inference.withMarginals { q in
                try files.stage("\(folder)/probs.npy", contents: { ResultFiles.marginals(q, labels: labelCount, image: image, float16: outputs.float16) })
            }
        }
        if outputs.overlay {
            try files.stage("\(folder)/overlay.png") { try ResultFiles.overlay(labels, image: image, path: "\(folder)/overlay.png") }
        }
        try files.stage("\(folder)/labels.png") {
            try ResultFiles.labels(labels, count: labelCount, image: image, path: "\(folder)/labels.png")
        }
        try files.commit()
        return notes
    }

    /// The default number of inputs at a time: every core, but no more than the memory holds
    /// for problems the size of `sample` (twice its estimate, for decoding and writing).
    public static func defaultJobs(for sample: Problem) -> Int {
        let need = 2 * DenseCRF.estimatedMemory(pixels: sample.image.pixelCount, labels: sample.labelCount, parameters: sample.parameters)
        return max(1, min(ProcessInfo.processInfo.activeProcessorCount, MemoryBudget.availableBytes / max(1, need)))
    }
}

/// The queue position and the counts, shared by the workers.
private final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private var position = 0
    private var noted = false
    private(set) var summary = BatchRunner.Summary()

    func next(_ items: [DatasetItem]) -> DatasetItem? {
        lock.withLock {
            guard position < items.count else { return nil }
            defer { position += 1 }
            return items[position]
        }
    }

    func count(_ change: (inout BatchRunner.Summary) -> Void) { lock.withLock { change(&summary) } }

    /// True the first time only.
    func firstNotes() -> Bool {
        lock.withLock {
            defer { noted = true }
            return !noted
        }
    }
}

import CRFIO
import DenseCRF
import Foundation

/// `infer` on one image: builds the model, runs mean-field inference and writes the outputs
/// asked for, all or none (`OutputFiles`), timing each stage as `--timing` reports it.
public struct ImageRun {
    /// Where each output goes; nil leaves it out.
    public var labels: String?
    public var probs: String?
    public var overlay: String?
    public var energyLog: String?
    /// Write the marginals as float16.
    public var float16 = false

    public init() {}

    /// Whether any output was asked for.
    public var writesFiles: Bool { [labels, probs, overlay, energyLog].contains { $0 != nil } }

    /// What a run did: the result's labels, the unary argmax it started from, and the
    /// milliseconds of each stage (`unary`: making the energies, part of loading).
    public struct Result {
        public var labels: [Int32]
        public var unaryLabels: [Int32]
        public var unary: Double
        public var build: Double
        public var iterate: Double
        public var save: Double
    }

    /// Runs `problem`, using it up: with the caller's last use passed, its unary source is
    /// freed once the energies are made (see `Problem.model()`).
    public func run(_ problem: consuming Problem) throws -> Result {
        let (image, parameters, labelCount, name) = (problem.image, problem.parameters, problem.labelCount, problem.imagePath ?? problem.title)
        if let labels, labelCount > 256 {
            throw CLIFailure(labels, "\(labelCount) labels cannot be stored in an 8-bit label PNG (at most 256); use --out-probs instead")
        }
        let clock = ContinuousClock()
        var t = clock.now
        func lap() -> Double {
            let now = clock.now
            defer { t = now }
            return (now - t).milliseconds
        }
        let unaryEnergies = try problem.unaryEnergies()
        _ = consume problem
        let unary = lap()
        let crf = try CLIFailure.attributing(to: name) { try DenseCRF(image: image, unary: unaryEnergies, parameters: parameters) }
        let build = lap()
        let inference = MeanFieldInference(model: crf, tracksEnergy: energyLog != nil, oneShot: true)
        inference.run(parameters.iterations)
        let iterate = lap()

        var files = OutputFiles()
        let argmax = inference.currentLabels
        let statistics = inference.statistics
        inference.releaseStepBuffers()
        if let path = labels {
            try files.stage(path) { try ResultFiles.labels(argmax, count: labelCount, image: image, path: path) }
        }
        if let path = overlay {
            try files.stage(path) { try ResultFiles.overlay(argmax, image: image, path: path) }
        }
        if let path = probs {
            try inference.withMarginals { q in
                try files.stage(path, contents: { ResultFiles.marginals(q, labels: labelCount, image: image, float16: float16) })
            }
        }
        if let path = energyLog {
            let rows = statistics.map { "\($0.iteration),\($0.kl),\($0.mapEnergy),\($0.changed)" }
            let text = (["iteration,kl,map_energy,changed"] + rows).joined(separator: "\n") + "\n"
            try files.stage(path) { Array(text.utf8) }
        }
        try files.commit()
        return Result(labels: argmax, unaryLabels: unaryEnergies.labels(), unary: unary, build: build, iterate: iterate, save: lap())
    }
}

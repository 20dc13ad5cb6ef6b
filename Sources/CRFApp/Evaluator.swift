import DenseCRF
import Foundation
import Metrics

/// Scores inputs against their truth: the unary's argmax (what the network alone says) and the
/// argmax after mean-field inference, per image and pooled over all of them.
public struct Evaluator: Sendable {
    public let mapOptions: MapOptions
    public let model: ModelChoice

    public init(mapOptions: MapOptions, model: ModelChoice) {
        self.mapOptions = mapOptions
        self.model = model
    }

    /// One input's scores and the confusion counts of both label maps.
    public func score(_ item: DatasetItem) throws -> (score: EvalReport.Score, unary: SegmentationMetrics, crf: SegmentationMetrics) {
        let truthPath = try item.truthPath()
        let problem = try ProblemFiles.load(imagePath: item.image, unary: item.unary, mapOptions: mapOptions, model: model).problem
        let image = problem.image
        let truth = try TruthFile.read(truthPath, width: image.width, height: image.height)
        let crf = try problem.model()
        let inference = MeanFieldInference(model: crf, tracksEnergy: false, oneShot: true)
        inference.run(problem.parameters.iterations)
        let classes = problem.labelCount
        let (before, after) = try CLIFailure.attributing(to: truthPath) {
            // The network alone: its own unaries, before any learned calibration.
            (try SegmentationMetrics(truth: truth, prediction: try problem.unaryEnergies().labels(), classes: classes),
             try SegmentationMetrics(truth: truth, prediction: inference.currentLabels, classes: classes))
        }
        guard let unaryMIoU = before.meanIoU, let crfMIoU = after.meanIoU,
              let unaryAccuracy = before.pixelAccuracy, let crfAccuracy = after.pixelAccuracy else {
            throw CLIFailure(truthPath, "every pixel is 255 (ignore); nothing to score")
        }
        let score = EvalReport.Score(index: item.index, name: item.name, unaryMIoU: unaryMIoU, crfMIoU: crfMIoU,
                                     unaryAccuracy: unaryAccuracy, crfAccuracy: crfAccuracy)
        return (score, before, after)
    }

    /// Scores every input in order; the first failure ends the run (a score with an input
    /// missing would be silently wrong).
    public func report(_ items: [DatasetItem], classNames: [String], shard: Shard?) throws -> EvalReport {
        var scores: [EvalReport.Score] = []
        var unary = ClassCounts(), crf = ClassCounts()
        for item in items {
            let (s, u, c) = try score(item)
            scores.append(s)
            unary.add(u)
            crf.add(c)
        }
        return EvalReport(samples: scores, unary: unary, crf: crf, classNames: classNames, shard: shard)
    }
}

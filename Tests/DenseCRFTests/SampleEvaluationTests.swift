import CRFIO
import Foundation
import Testing
import DenseCRF
import Metrics

/// The engine on a bundled sample with the default model: the scores `crfview eval` reports
/// for it, pinned so that a change to the engine or the metrics that moves them is noticed.
@Suite struct SampleEvaluationTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/birds-on-wire").path

    @Test func birdsOnWireScores() throws {
        let image = try ImageFile.readRGB(Self.folder + "/image.png")
        let probs = try NPYFile.read(Self.folder + "/probs.npy")
        guard case .indices(_, _, let truth) = try LabelImageFile.read(Self.folder + "/truth.png") else {
            Issue.record("truth.png is not an index PNG")
            return
        }
        let labels = probs.shape[0]
        let unary = try UnaryEnergies(probabilities: probs.values, labels: labels, pixels: image.pixelCount)
        let parameters = CRFParameters()
        let inference = MeanFieldInference(model: try DenseCRF(image: image, unary: unary, parameters: parameters), tracksEnergy: false)
        inference.run(parameters.iterations)
        let before = try SegmentationMetrics(truth: truth, prediction: unary.labels(), classes: labels)
        let after = try SegmentationMetrics(truth: truth, prediction: inference.currentLabels, classes: labels)

        #expect(abs(before.meanIoU! - 0.790) < 0.0005)
        #expect(abs(after.meanIoU! - 0.928) < 0.0005)
        #expect(abs(before.pixelAccuracy! - 0.983) < 0.0005)
        #expect(abs(after.pixelAccuracy! - 0.993) < 0.0005)
        // Every class gains: the birds' outlines snap to their edges, the blobs where the
        // network saw aeroplane on a bird are outvoted, and the airliner's wings come back.
        for (u, c) in zip(before.intersectionOverUnion, after.intersectionOverUnion) {
            if let u, let c { #expect(c > u) }
        }
    }
}

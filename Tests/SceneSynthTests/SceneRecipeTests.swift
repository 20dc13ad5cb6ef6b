import DenseCRF
import SceneSynth
import Testing
import Metrics

/// What the samples are for: the CRF with default parameters beats the simulated network.
@Suite struct SceneRecipeTests {
    /// The CRF with default parameters improves the coarse prediction on a generated scene.
    @Test func crfImprovesTheSimulatedNetwork() throws {
        let s = SampleCatalog.recipe(named: "farm-animals")!.render(seed: SampleCatalog.defaultSeed)
        let l = s.classes.count, n = s.image.pixelCount
        let unary = try UnaryEnergies(probabilities: s.probabilities, labels: l, pixels: n)
        let inference = MeanFieldInference(model: try DenseCRF(image: s.image, unary: unary, parameters: CRFParameters()), tracksEnergy: false)
        inference.run(10)
        let before = try SegmentationMetrics(truth: s.truth, prediction: unary.labels(), classes: l).meanIoU!
        let after = try SegmentationMetrics(truth: s.truth, prediction: inference.currentLabels, classes: l).meanIoU!
        #expect(after > before + 0.03, "mIoU \(before) -> \(after)")
    }
}

import DenseCRF
import SceneSynth
import Testing

/// The sample generator is deterministic and produces what the samples issue asks for.
@Suite struct SceneRecipeTests {
    @Test(arguments: SampleCatalog.recipes.map(\.name))
    func sameSeedSameSample(_ name: String) {
        let recipe = SampleCatalog.recipe(named: name)!
        let a = recipe.render(seed: SampleCatalog.defaultSeed)
        let b = recipe.render(seed: SampleCatalog.defaultSeed)
        #expect(a == b)
    }

    @Test func differentSeedsDiffer() {
        let recipe = SampleCatalog.recipes[0]
        #expect(recipe.render(seed: 1).image != recipe.render(seed: 2).image)
    }

    @Test(arguments: SampleCatalog.recipes.map(\.name))
    func shapesSizesAndProbabilities(_ name: String) {
        let s = SampleCatalog.recipe(named: name)!.render(seed: SampleCatalog.defaultSeed)
        let (w, h, l) = (s.image.width, s.image.height, s.classes.count)
        #expect(min(w, h) >= 240 && max(w, h) <= 500)
        #expect(s.truth.count == w * h)
        #expect(s.probabilities.count == l * w * h)
        #expect(s.truth.allSatisfy { Int($0) < l || $0 == SegmentationMetrics.ignoreLabel })
        // Probabilities per pixel sum to one.
        for i in stride(from: 0, to: w * h, by: 997) {
            let sum = (0..<l).reduce(Float(0)) { $0 + s.probabilities[$1 * w * h + i] }
            #expect(abs(sum - 1) < 1e-3)
        }
        #expect(s.present.count >= 2)
    }

    @Test func catalogHasSixSamplesOneWithTwentyOneClasses() {
        #expect(SampleCatalog.recipes.count >= 6)
        let counts = SampleCatalog.recipes.map { $0.render(seed: SampleCatalog.defaultSeed).classes.count }
        #expect(counts.contains(21))
    }

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

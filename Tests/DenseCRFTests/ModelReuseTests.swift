@testable import DenseCRF
import Testing
import Randomness

/// Weights apart from geometry: a model with new weights reuses its lattices and computes
/// exactly what a fresh model computes; per-step (untied) compatibilities act at their step.
@Suite struct ModelReuseTests {
    static func problem() throws -> (RGBImage, UnaryEnergies) {
        var rng = SplitMix64(seed: 11)
        let (w, h, l) = (20, 15, 3)
        let pixels = (0..<(w * h * 3)).map { i in UInt8((i / 3 % w < 10 ? 60 : 190) + rng.index(below: 40)) }
        let u = (0..<(w * h * l)).map { _ in Float(rng.uniform(0, 2)) }
        return (RGBImage(width: w, height: h, pixels: pixels), try UnaryEnergies(pixelMajor: u, labels: l, pixels: w * h))
    }

    static func marginals(_ model: DenseCRF, steps: Int) -> [Float] {
        let inference = MeanFieldInference(model: model, tracksEnergy: false)
        inference.run(steps)
        return inference.marginals.values
    }

    @Test func newWeightsReuseTheLatticesAndMatchAFreshModel() throws {
        let (image, unary) = try Self.problem()
        let first = try DenseCRF(image: image, unary: unary, parameters: CRFParameters())
        var p = CRFParameters()
        p.bilateral?.compat = .matrix([[-3, 1, 0], [1, -2, 0.5], [0, 0.5, -4]])
        p.unaryCalibration = UnaryCalibration(weight: 0.8, bias: [0, 0.3, -0.2])
        p.iterations = 3
        let reused = try DenseCRF(image: image, unary: unary, parameters: p, reusing: first)
        #expect(reused.terms[0].kernel === first.terms[0].kernel)
        #expect(reused.terms[1].kernel === first.terms[1].kernel)
        let fresh = try DenseCRF(image: image, unary: unary, parameters: p)
        #expect(Self.marginals(reused, steps: 3) == Self.marginals(fresh, steps: 3))
    }

    @Test func aNewWidthRebuildsOnlyItsKernel() throws {
        let (image, unary) = try Self.problem()
        let first = try DenseCRF(image: image, unary: unary, parameters: CRFParameters())
        var p = CRFParameters()
        p.bilateral?.srgb = 20
        let second = try DenseCRF(image: image, unary: unary, parameters: p, reusing: first)
        #expect(second.terms[0].kernel === first.terms[0].kernel)
        #expect(second.terms[1].kernel !== first.terms[1].kernel)
        #expect(Self.marginals(second, steps: 2) == Self.marginals(try DenseCRF(image: image, unary: unary, parameters: p), steps: 2))
    }

    @Test func calibrationIsAppliedToTheUnaries() throws {
        let (image, unary) = try Self.problem()
        var p = CRFParameters()
        p.unaryCalibration = UnaryCalibration(weight: 2, bias: [1, 0, -1])
        let model = try DenseCRF(image: image, unary: unary, parameters: p)
        #expect(model.unary.values[0] == 2 * unary.values[0] + 1)
        #expect(model.unary.values[5] == 2 * unary.values[5] - 1)
        p.unaryCalibration = UnaryCalibration(weight: -1, bias: [0, 0, 0])
        #expect(throws: CRFError.self) { try DenseCRF(image: image, unary: unary, parameters: p) }
    }

    @Test func untiedStepsUseTheirOwnCompatibility() throws {
        let (image, unary) = try Self.problem()
        let a = LabelCompatibility.potts(4), b = LabelCompatibility.diagonal([1, -6, 2])
        var tiedA = CRFParameters(), untied = CRFParameters()
        tiedA.bilateral?.compat = a
        untied.bilateral?.compat = a
        untied.bilateral?.compatSteps = [a, b]
        let mu = try DenseCRF(image: image, unary: unary, parameters: untied)
        let ta = try DenseCRF(image: image, unary: unary, parameters: tiedA)
        #expect(Self.marginals(mu, steps: 1) == Self.marginals(ta, steps: 1))
        #expect(Self.marginals(mu, steps: 2) != Self.marginals(ta, steps: 2))
        // The trace steps the same model through caller-owned buffers (its Potts terms take
        // the unfused path, so agreement is to rounding, not to the bit).
        let trace = MeanFieldTrace(model: mu, steps: 3)
        let traced = trace.withMarginals { Array($0) }
        let largest = zip(traced, Self.marginals(mu, steps: 3)).map { abs($0 - $1) }.max()!
        #expect(largest < 1e-6)
    }
}

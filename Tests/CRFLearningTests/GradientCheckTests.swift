@testable import CRFLearning
import DenseCRF
import Testing
import Randomness

/// The reverse pass against central finite differences of the loss, on tiny images where a
/// forward pass is cheap: every learnable kind, every normalisation, tied and untied.
@Suite struct GradientCheckTests {
    /// A 9×7 image of two colour regions with noise, 3 labels, unaries that disagree with the
    /// regions in places, and a truth map with a few ignored pixels.
    static func example(labels: Int = 3, seed: UInt64 = 7) throws -> TrainingExample {
        var rng = SplitMix64(seed: seed)
        let (w, h) = (9, 7)
        var pixels = [UInt8](repeating: 0, count: w * h * 3)
        var truth = [UInt8](repeating: 0, count: w * h)
        var u = [Float](repeating: 0, count: w * h * labels)
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x
                let cls = (x + y / 2) % labels
                truth[i] = rng.chance(0.08) ? 255 : UInt8(cls)
                for c in 0..<3 { pixels[3 * i + c] = UInt8(40 + 70 * ((cls + c) % 3) + rng.index(below: 20)) }
                for k in 0..<labels { u[i * labels + k] = Float(rng.uniform(0.2, 2.5)) - (k == cls ? 0.6 : 0) }
            }
        }
        return try TrainingExample(name: "tiny", image: RGBImage(width: w, height: h, pixels: pixels),
                                   unary: UnaryEnergies(pixelMajor: u, labels: labels, pixels: w * h), truth: truth)
    }

    static func base(_ norm: KernelNormalization) -> CRFParameters {
        CRFParameters(
            gaussian: GaussianKernelParameters(sxy: 2, compat: .potts(1.5), normalization: norm),
            bilateral: BilateralKernelParameters(sxy: 4, srgb: 40, compat: .diagonal([-2, -1, -2.5]), normalization: norm),
            iterations: 4, unaryCalibration: UnaryCalibration(weight: 0.9, bias: [0.1, -0.2, 0.05]))
    }

    /// Largest |analytic − numeric| over the coordinates, relative to the largest |numeric|.
    static func check(_ spec: LearningSpec, _ norm: KernelNormalization, balanced: Bool = false) throws -> Double {
        let example = try example()
        let layout = ParameterLayout(base: base(norm), spec: spec, labels: 3)
        let trainer = try Trainer(layout: layout, training: [example],
                                  options: TrainingOptions(loss: .crossEntropy, classBalanced: balanced))
        // A point away from the start, so matrix off-diagonals and biases are not special.
        var rng = SplitMix64(seed: 3)
        let theta = layout.initial.map { $0 + rng.uniform(-0.3, 0.3) }
        let (worst, scale) = try Self.fivePointCheck(trainer, example, theta: theta, skipping: Set(layout.widths.map(\.index)))
        #expect(scale > 1e-3, "the loss must depend on the parameters for the check to mean anything")
        return worst / scale
    }

    /// The largest |analytic − numeric| over θ's coordinates (but `skipping`) and the largest
    /// |numeric|. Five-point central difference, O(h⁴): the unnormalised kernel makes the loss
    /// curved enough that the three-point rule's O(h²) error shows at any h Float noise allows.
    static func fivePointCheck(_ trainer: Trainer, _ example: TrainingExample, theta: [Double],
                               skipping: Set<Int> = []) throws -> (worst: Double, scale: Double) {
        let analytic = try trainer.lossAndGradient(example, theta: theta).gradient
        let h = 2e-3
        func loss(_ k: Int, _ offset: Double) throws -> Double {
            var t = theta
            t[k] += offset
            return try trainer.lossOnly(example, theta: t, probe: true)
        }
        var worst = 0.0, scale = 0.0
        for k in theta.indices where !skipping.contains(k) {
            let numeric = (try -loss(k, 2 * h) + 8 * loss(k, h) - 8 * loss(k, -h) + loss(k, -2 * h)) / (12 * h)
            worst = max(worst, abs(analytic[k] - numeric))
            scale = max(scale, abs(numeric))
        }
        return (worst, scale)
    }

    @Test(arguments: LearningSpec.CompatibilityForm.allCases, KernelNormalization.allCases)
    func everyFormAndNormalization(form: LearningSpec.CompatibilityForm, norm: KernelNormalization) throws {
        let error = try Self.check(LearningSpec(compatibility: form, unary: true, widths: false, trainSteps: 3), norm)
        #expect(error <= 1e-3, "relative error \(error) for \(form), \(norm)")
    }

    @Test func untiedSteps() throws {
        let error = try Self.check(LearningSpec(compatibility: .matrix, unary: false, widths: false, untied: true, trainSteps: 3), .symmetric)
        #expect(error <= 1e-3, "relative error \(error)")
    }

    @Test func classBalancedLoss() throws {
        let error = try Self.check(LearningSpec(compatibility: .diagonal, unary: true, widths: false, trainSteps: 2), .symmetric, balanced: true)
        #expect(error <= 1e-3, "relative error \(error)")
    }
}

/// The other objectives through the same reverse pass.
@Suite struct ObjectiveGradientTests {
    @Test(arguments: [TrainingOptions.Loss.jaccard, .both])
    func objectiveGradients(loss: TrainingOptions.Loss) throws {
        let example = try GradientCheckTests.example()
        let layout = ParameterLayout(base: GradientCheckTests.base(.symmetric), spec: LearningSpec(compatibility: .matrix, widths: false, trainSteps: 3), labels: 3)
        let trainer = try Trainer(layout: layout, training: [example], options: TrainingOptions(loss: loss))
        let (worst, scale) = try GradientCheckTests.fivePointCheck(trainer, example, theta: layout.initial)
        #expect(scale > 1e-4)
        #expect(worst / scale <= 1e-3, "relative error \(worst / scale)")
    }
}

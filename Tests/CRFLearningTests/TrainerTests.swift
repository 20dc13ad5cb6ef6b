@testable import CRFLearning
import DenseCRF
import Testing
import Metrics
import Randomness

/// The training loop on small synthetic scenes: it must lower the loss it descends, keep its
/// parameters in range, stop when asked, and be deterministic for a seed.
@Suite struct TrainerTests {
    /// A 32×24 scene of three colour blocks whose unaries are right in the middle of each block
    /// and confused near the edges, where a pairwise term that follows colour helps.
    static func scene(seed: UInt64) throws -> TrainingExample {
        var rng = SplitMix64(seed: seed)
        let (w, h, l) = (32, 24, 3)
        var pixels = [UInt8](repeating: 0, count: w * h * 3)
        var truth = [UInt8](repeating: 0, count: w * h)
        var u = [Float](repeating: 0, count: w * h * l)
        let split1 = 8 + rng.index(below: 6), split2 = 20 + rng.index(below: 6)
        let colours: [[Int]] = [[200, 60, 50], [60, 170, 70], [50, 80, 200]]
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x
                let cls = x < split1 ? 0 : (x < split2 ? 1 : 2)
                truth[i] = UInt8(cls)
                for c in 0..<3 { pixels[3 * i + c] = UInt8(max(0, min(255, colours[cls][c] + rng.index(below: 30) - 15))) }
                let edge = min(abs(x - split1), abs(x - split2))
                let wrong = edge < 4 ? (cls + 1 + rng.index(below: 2)) % l : cls
                for k in 0..<l { u[i * l + k] = k == wrong ? 0.4 : 1.2 + Float(rng.uniform(0, 0.3)) }
            }
        }
        return try TrainingExample(name: "scene \(seed)", image: RGBImage(width: w, height: h, pixels: pixels),
                                   unary: UnaryEnergies(pixelMajor: u, labels: l, pixels: w * h), truth: truth)
    }

    static let base = CRFParameters(
        gaussian: GaussianKernelParameters(sxy: 2, compat: .potts(0.5)),
        bilateral: BilateralKernelParameters(sxy: 10, srgb: 20, compat: .potts(0.5)), iterations: 5)

    static func meanLoss(_ trainer: Trainer, _ parameters: CRFParameters, _ examples: [TrainingExample]) throws -> Double {
        let layout = ParameterLayout(base: parameters, spec: trainer.layout.spec, labels: 3)
        let probe = try Trainer(layout: layout, training: examples, options: trainer.options)
        return try examples.map { try probe.lossOnly($0, theta: layout.initial, probe: true) }.reduce(0, +) / Double(examples.count)
    }

    @Test(arguments: [LearningSpec.CompatibilityForm.potts, .matrix], [TrainingOptions.Optimizer.adam, .lbfgs])
    func learningLowersTheTrainingLoss(form: LearningSpec.CompatibilityForm, optimizer: TrainingOptions.Optimizer) throws {
        let examples = try (1...3).map { try Self.scene(seed: $0) }
        let layout = ParameterLayout(base: Self.base, spec: LearningSpec(compatibility: form, unary: true, widths: false, trainSteps: 3), labels: 3)
        let trainer = try Trainer(layout: layout, training: examples,
                                  options: TrainingOptions(optimizer: optimizer, learningRate: optimizer == .adam ? 0.2 : 1, epochs: 6))
        let before = try Self.meanLoss(trainer, Self.base, examples)
        let result = try trainer.run()
        let after = try Self.meanLoss(trainer, result.parameters, examples)
        #expect(after < 0.9 * before, "loss \(before) → \(after)")
        #expect(result.history.count == 6)
    }

    @Test func widthsMoveDownhillAndStayPositive() throws {
        let examples = try (1...2).map { try Self.scene(seed: $0) }
        var start = Self.base
        start.bilateral?.srgb = 400   // far too wide: colour edges are ignored
        let layout = ParameterLayout(base: start, spec: LearningSpec(compatibility: .potts, unary: false, widths: true, trainSteps: 3), labels: 3)
        let trainer = try Trainer(layout: layout, training: examples, options: TrainingOptions(epochs: 1))
        let theta = layout.initial
        let g = try trainer.widthGradient(theta: theta, examples: examples)
        let srgb = layout.widths.first { $0.width == .bilateralSrgb }!.index
        #expect(g[srgb] > 0, "a narrower colour width should lower the loss, got ∂L/∂log srgb = \(g[srgb])")
        var down = theta
        for (index, _) in layout.widths { down[index] -= 0.3 * (g[index] > 0 ? 1 : -1) }
        let lossAt = { (t: [Double]) in try examples.map { try trainer.lossOnly($0, theta: t, probe: true) }.reduce(0, +) }
        #expect(try lossAt(down) < lossAt(theta))
        // Widths are exp(θ): any step keeps them positive.
        var wild = theta
        for (index, _) in layout.widths { wild[index] = -60 }
        let p = layout.parameters(wild, iterations: 5)
        #expect(p.bilateral!.srgb > 0 && p.gaussian!.sxy > 0)
    }

    @Test func stopsWhenAskedAndKeepsTheBest() throws {
        let examples = try (1...3).map { try Self.scene(seed: $0) }
        let layout = ParameterLayout(base: Self.base, spec: LearningSpec(compatibility: .diagonal, widths: false, trainSteps: 2), labels: 3)
        let trainer = try Trainer(layout: layout, training: examples, validation: [try Self.scene(seed: 9)],
                                  options: TrainingOptions(epochs: 50))
        var images = 0
        let result = try trainer.run(onImage: { _ in images += 1 }, shouldStop: { images >= 5 })
        #expect(result.stopped)
        #expect(result.history.count == 2, "the epoch in progress is finished at the stop, then no more")
        #expect(result.validationAfter! >= result.validationBefore!)
    }

    @Test func deterministicForASeed() throws {
        let examples = try (1...2).map { try Self.scene(seed: $0) }
        let layout = ParameterLayout(base: Self.base, spec: LearningSpec(compatibility: .matrix, widths: false, trainSteps: 2), labels: 3)
        func train() throws -> CRFParameters {
            try Trainer(layout: layout, training: examples, options: TrainingOptions(epochs: 2, seed: 5)).run().parameters
        }
        #expect(try train() == train())
    }

    @Test func refusesMismatchedLabelCounts() throws {
        let layout = ParameterLayout(base: Self.base, spec: LearningSpec(), labels: 4)
        #expect(throws: CRFError.self) { try Trainer(layout: layout, training: [try Self.scene(seed: 1)], options: TrainingOptions()) }
    }
}

/// Finite inputs give finite gradients, however extreme: certain unaries (Q underflows to 0
/// for the truth), huge compatibilities (pairwise clamp), a degenerate calibration.
@Suite struct GradientSafetyTests {
    @Test(arguments: [TrainingOptions.Loss.crossEntropy, .jaccard, .both])
    func extremeInputsGiveFiniteGradients(loss: TrainingOptions.Loss) throws {
        let example = try TrainerTests.scene(seed: 4)
        var u = example.unary.values
        for i in u.indices { u[i] = i % 3 == 0 ? 0 : 87 }   // exp(−87): Q of the truth underflows
        let extreme = try TrainingExample(name: "extreme", image: example.image,
                                          unary: UnaryEnergies(pixelMajor: u, labels: 3, pixels: u.count / 3), truth: example.truth)
        let base = CRFParameters(
            gaussian: GaussianKernelParameters(sxy: 1e-3, compat: .potts(1e6)),
            bilateral: BilateralKernelParameters(sxy: 1e4, srgb: 1e-2, compat: .matrix([[1e5, -1e5, 0], [-1e5, 3, 0], [0, 0, -1e6]])),
            iterations: 3, unaryCalibration: UnaryCalibration(weight: 1e-3, bias: [50, -50, 0]))
        let layout = ParameterLayout(base: base, spec: LearningSpec(trainSteps: 3), labels: 3)
        let trainer = try Trainer(layout: layout, training: [extreme], options: TrainingOptions(loss: loss))
        let result = try trainer.lossAndGradient(extreme, theta: layout.initial)
        #expect(result.loss.isFinite)
        let widths = try trainer.widthGradient(theta: layout.initial, examples: [extreme])
        let bad = (result.gradient + widths).filter { !$0.isFinite }.count
        #expect(bad == 0)
    }
}

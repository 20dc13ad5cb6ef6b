@testable import DenseCRF
import Testing

/// The first step's kernel responses K_m(Q_0) carried from run to run (the viewer's weight
/// edits): a model that shares kernels and unaries with an earlier one steps exactly as if it
/// had filtered them itself, and responses of other kernels or unaries are never used.
@Suite struct FirstResponsesTests {
    static func marginals(_ model: DenseCRF, _ responses: FirstResponses?, steps: Int = 3) -> [Float] {
        let inference = MeanFieldInference(model: model, tracksEnergy: false, firstResponses: responses)
        inference.run(steps)
        return inference.marginals.values
    }

    /// Q of `model` computed with the responses path but nothing carried over.
    static func alone(_ model: DenseCRF) -> [Float] { marginals(model, FirstResponses()) }

    @Test func aCompatibilityEditReusesTheResponses() throws {
        let (image, unary) = try ModelReuseTests.problem()
        let responses = FirstResponses()
        let first = try DenseCRF(image: image, unary: unary, parameters: CRFParameters())
        #expect(Self.marginals(first, responses) == Self.alone(first))
        #expect(responses.kernelCount == 2)

        var p = CRFParameters()
        p.gaussian?.compat = .potts(5)
        p.bilateral?.compat = .matrix([[-3, 1, 0], [1, -2, 0.5], [0, 0.5, -4]])
        let second = try DenseCRF(image: image, unary: unary, parameters: p, reusing: first)
        // Q_0 is the kept copy, identical to a softmax of its own.
        #expect(MeanFieldInference(model: second, firstResponses: responses).marginals == MeanFieldInference(model: second).marginals)
        let q = Self.marginals(second, responses)
        #expect(q == Self.alone(second))
        #expect(responses.kernelCount == 2)
        // The responses path weights after filtering, the plain one (Potts) while slicing:
        // the same sums in another order.
        let plain = Self.marginals(second, nil)
        #expect(zip(q, plain).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(Marginals(values: q, labels: 3, pixels: unary.pixelCount).labels()
                == Marginals(values: plain, labels: 3, pixels: unary.pixelCount).labels())
    }

    /// Q_0's free energy after a weight edit comes from its kept unary part and Σ Q_0·A:
    /// within 1e-6 (relative) of the full sum a model without kept responses computes; the
    /// first run and a run on new unaries compute it in full, as a fresh cache does.
    @Test func theStartFreeEnergyKeepsItsUnaryPart() throws {
        func startEnergy(_ model: DenseCRF, _ responses: FirstResponses?) -> Double {
            MeanFieldInference(model: model, tracksEnergy: false, firstResponses: responses).freeEnergy()
        }
        let (image, unary) = try ModelReuseTests.problem()
        let responses = FirstResponses()
        let first = try DenseCRF(image: image, unary: unary, parameters: CRFParameters())
        #expect(startEnergy(first, responses) == startEnergy(first, FirstResponses()))
        var p = CRFParameters()
        p.gaussian?.compat = .potts(5)
        p.bilateral?.compat = .matrix([[-3, 1, 0], [1, -2, 0.5], [0, 0.5, -4]])
        let second = try DenseCRF(image: image, unary: unary, parameters: p, reusing: first)
        let kept = startEnergy(second, responses)
        let full = startEnergy(second, nil)
        #expect(kept != startEnergy(first, nil))
        #expect(abs(kept - full) <= 1e-6 * abs(full), "\(kept) against \(full)")
        p.unaryCalibration = UnaryCalibration(weight: 0.5, bias: [0, 1, -1])
        let third = try DenseCRF(image: image, unary: unary, parameters: p, reusing: second)
        #expect(startEnergy(third, responses) == startEnergy(third, FirstResponses()))
    }

    /// The viewer's step (`freeEnergyAndStep`) takes the first step from kept responses in one
    /// pass: the same Q, labels, changed count and last messages as `freeEnergy()` then
    /// `step()`, and the same free energy up to the order of its sums; on a first run (the
    /// energy in full), after a Potts edit and after a matrix edit, and on later steps.
    @Test func theFusedFirstStepMatchesFreeEnergyThenStep() throws {
        let (image, unary) = try ModelReuseTests.problem()
        let (fused, separate) = (FirstResponses(), FirstResponses())
        let first = try DenseCRF(image: image, unary: unary, parameters: CRFParameters())
        var potts = CRFParameters()
        potts.gaussian?.compat = .potts(5)
        var matrix = potts
        matrix.bilateral?.compat = .matrix([[-3, 1, 0], [1, -2, 0.5], [0, 0.5, -4]])
        let models = [first, try DenseCRF(image: image, unary: unary, parameters: potts, reusing: first),
                      try DenseCRF(image: image, unary: unary, parameters: matrix, reusing: first)]
        for (m, model) in models.enumerated() {
            let a = MeanFieldInference(model: model, tracksEnergy: false, firstResponses: fused)
            let b = MeanFieldInference(model: model, tracksEnergy: false, firstResponses: separate)
            for t in 0..<3 {
                let e = a.freeEnergyAndStep()
                let f = b.freeEnergy()
                b.step()
                #expect(abs(e - f) <= 1e-9 * abs(f), "model \(m) step \(t): \(e) against \(f)")
                #expect(a.marginals == b.marginals, "model \(m) step \(t)")
                #expect(a.currentLabels == b.currentLabels && a.changedInLastStep == b.changedInLastStep)
                #expect(a.withLastPairwise { $0.map(Array.init) } == b.withLastPairwise { $0.map(Array.init) })
            }
        }
    }

    @Test func aWidthEditFiltersOnlyTheRebuiltKernelAndDropsTheOld() throws {
        let (image, unary) = try ModelReuseTests.problem()
        let responses = FirstResponses()
        let first = try DenseCRF(image: image, unary: unary, parameters: CRFParameters())
        _ = Self.marginals(first, responses)
        var p = CRFParameters()
        p.bilateral?.srgb = 20
        let second = try DenseCRF(image: image, unary: unary, parameters: p, reusing: first)
        #expect(Self.marginals(second, responses) == Self.alone(second))
        #expect(responses.kernelCount == 2)
    }

    @Test func newUnariesAreNeverAnsweredWithOldResponses() throws {
        let (image, unary) = try ModelReuseTests.problem()
        let responses = FirstResponses()
        let first = try DenseCRF(image: image, unary: unary, parameters: CRFParameters())
        _ = Self.marginals(first, responses)
        var p = CRFParameters()
        p.unaryCalibration = UnaryCalibration(weight: 0.5, bias: [0, 1, -1])
        let second = try DenseCRF(image: image, unary: unary, parameters: p, reusing: first)
        #expect(second.terms[0].kernel === first.terms[0].kernel)
        #expect(Self.marginals(second, responses) == Self.alone(second))
    }
}

import CRFTestSupport
import RealModule
import Testing
@testable import DenseCRF

@Suite struct MeanFieldInferenceTests {
    static func model(_ parameters: CRFParameters = CRFParameters(), labels: Int = 3, width: Int = 24, height: Int = 16) throws -> DenseCRF {
        let image = TestImages.twoRegions(width: width, height: height)
        let p = TestImages.noisyProbabilities(width: width, height: height, labels: labels)
        let unary = try UnaryEnergies(probabilities: p, labels: labels, pixels: width * height)
        return try DenseCRF(image: image, unary: unary, parameters: parameters)
    }

    @Test func stepZeroIsSoftmaxOfMinusUnary() throws {
        let m = try Self.model()
        let q = MeanFieldInference(model: m).marginals
        for i in [0, 100, 383] {
            let u = m.unary.values[(i * 3)..<(i * 3 + 3)]
            let z = u.reduce(0) { $0 + Float.exp(-$1) }
            for (k, e) in u.enumerated() { #expect(abs(q.values[i * 3 + k] - Float.exp(-e) / z) < 1e-6) }
        }
    }

    @Test func marginalsStayNormalisedAndFreeEnergyFalls() throws {
        let inference = MeanFieldInference(model: try Self.model())
        inference.run(10)
        let q = inference.marginals
        for i in 0..<q.pixelCount {
            let s = q.pixel(i).reduce(0, +)
            #expect(abs(s - 1) < 1e-5)
        }
        let kl = inference.statistics.map(\.kl)
        #expect(kl.count == 11)
        #expect(kl[10] < kl[0])
        #expect(inference.statistics.map(\.iteration) == Array(0...10))
    }

    @Test func crfCleansNoisyLabels() throws {
        let m = try Self.model(labels: 3, width: 40, height: 30)
        let inference = MeanFieldInference(model: m)
        let truth = (0..<m.pixelCount).map { Int32($0 % 40 < 20 ? 0 : 1) }
        let before = zip(m.unary.labels(), truth).filter { $0 == $1 }.count
        inference.run(10)
        let after = zip(inference.currentLabels, truth).filter { $0 == $1 }.count
        #expect(after > before)
        #expect(after == m.pixelCount, "CRF result has \(m.pixelCount - after) errors")
    }

    @Test func energyTrackingDoesNotChangeMarginals() throws {
        let m = try Self.model()
        let a = MeanFieldInference(model: m, tracksEnergy: true)
        let b = MeanFieldInference(model: m, tracksEnergy: false)
        a.run(5)
        b.run(5)
        #expect(a.marginals == b.marginals)
        #expect(b.statistics.isEmpty)
    }

    @Test func changedCountsMatchArgmaxDifferences() throws {
        let inference = MeanFieldInference(model: try Self.model())
        var previous = inference.currentLabels
        for _ in 0..<4 {
            inference.step()
            let now = inference.currentLabels
            #expect(inference.statistics.last!.changed == zip(previous, now).filter { $0 != $1 }.count)
            previous = now
        }
    }

    /// The MAP energy against its definition, computed pair by pair with the kernel's own
    /// filter: E(x) = Σ U(x_i) + Σ_i Σ_l' μ(x_i, l') [K onehot(x)](i, l').
    @Test func mapEnergyMatchesDefinition() throws {
        let m = try Self.model(CRFParameters(gaussian: GaussianKernelParameters(sxy: 2, compat: .diagonal([-1, -2, -0.5])), bilateral: nil))
        let inference = MeanFieldInference(model: m)
        let x = inference.currentLabels
        let l = m.labelCount
        var hot = [Float](repeating: 0, count: m.pixelCount * l)
        for (i, v) in x.enumerated() { hot[i * l + Int(v)] = 1 }
        let k = PermutohedralLatticeTests.lattice(m.terms[0].kernel, hot, channels: l)
        let mu: [Float] = [-1, -2, -0.5]
        var e = 0.0
        for i in 0..<m.pixelCount {
            let xi = Int(x[i])
            e += Double(m.unary.values[i * l + xi]) + Double(mu[xi] * k[i * l + xi])
        }
        #expect(abs(inference.statistics[0].mapEnergy - e) < 1e-6 * abs(e))
    }

    /// The largest accepted compatibilities and the smallest accepted widths.
    @Test func hugeCompatibilityAndTinyWidthsStayFinite() throws {
        let big = CRFParameters.maximumCompatibility
        let cases: [CRFParameters] = [
            CRFParameters(gaussian: GaussianKernelParameters(sxy: 3, compat: .potts(big)), bilateral: BilateralKernelParameters(sxy: 80, srgb: 1e-6, compat: .potts(big))),
            CRFParameters(gaussian: GaussianKernelParameters(sxy: 2.8e-20, compat: .potts(-big)), bilateral: BilateralKernelParameters(sxy: 1e-9, srgb: 7.5e-37, compat: .matrix([[big, -big, 1], [-big, big, 0], [1, 0, big]]))),
            CRFParameters(gaussian: GaussianKernelParameters(sxy: 1e30, compat: .potts(5)), bilateral: BilateralKernelParameters(sxy: 1e30, srgb: 1e30, compat: .potts(5))),
        ]
        for parameters in cases {
            let inference = MeanFieldInference(model: try Self.model(parameters))
            inference.run(5)
            #expect(inference.marginals.values.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
            #expect(inference.statistics.allSatisfy { $0.kl.isFinite && $0.mapEnergy.isFinite }, "\(inference.statistics)")
        }
    }

    @Test func featureKernelOnExtraChannels() throws {
        // A depth-like feature that splits the image in two agrees with the colour split.
        let (w, h) = (24, 16)
        let depth = (0..<(w * h)).map { Float($0 % w < w / 2 ? 1 : 9) }
        let kernel = FeatureKernelParameters(features: depth, dimension: 1, widths: [0.5], compat: .potts(5))
        let m = try Self.model(CRFParameters(gaussian: nil, bilateral: nil, featureKernels: [kernel]), width: w, height: h)
        #expect(m.terms.map(\.name) == ["features 1"])
        let inference = MeanFieldInference(model: m)
        inference.run(5)
        let truth = (0..<(w * h)).map { Int32($0 % w < w / 2 ? 0 : 1) }
        #expect(zip(inference.currentLabels, truth).filter { $0 != $1 }.count == 0)
    }

    /// `run(t)` is t steps of the mean-field recurrence (CRF-RNN eq. 5–8), written out here
    /// from the model's kernels and compatibilities: Q_0 = softmax(−U), Q_t = softmax(−U −
    /// Σ_m μ_m K_m(Q_{t−1})), with a Potts and a full-matrix term. Each step moves Q by more
    /// than the tolerance, so a step too many or too few would show.
    @Test func oneCallInferenceEqualsSteps() throws {
        let parameters = CRFParameters(gaussian: GaussianKernelParameters(sxy: 3, compat: .potts(3)),
                                       bilateral: BilateralKernelParameters(sxy: 20, srgb: 13, compat: .matrix([[-5, 1, 2], [1, -4, 0.5], [2, 0.5, -6]])))
        let m = try Self.model(parameters)
        let (n, l) = (m.pixelCount, m.labelCount)
        func softmax(_ logits: [Float]) -> [Float] {
            var q = logits
            for i in 0..<n {
                let top = logits[(i * l)..<((i + 1) * l)].max()!
                let e = (0..<l).map { Float.exp(logits[i * l + $0] - top) }
                let total = e.reduce(0, +)
                for k in 0..<l { q[i * l + k] = e[k] / total }
            }
            return q
        }
        var reference = softmax(m.unary.values.map { -$0 })
        var steps = [reference]
        for _ in 0..<3 {
            var pairwise = [Float](repeating: 0, count: n * l)
            for term in m.terms {
                var filtered = [Float](repeating: 0, count: n * l)
                reference.withUnsafeBufferPointer { q in
                    filtered.withUnsafeMutableBufferPointer { f in
                        term.kernel.apply(q.baseAddress!, into: f.baseAddress!, channels: l, workspace: LatticeWorkspace())
                    }
                }
                let mu = term.compatibility.dense(labels: l)
                for i in 0..<n {
                    for a in 0..<l {
                        for b in 0..<l { pairwise[i * l + a] += mu[a * l + b] * filtered[i * l + b] }
                    }
                }
            }
            reference = softmax(zip(m.unary.values, pairwise).map { -$0 - $1 })
            steps.append(reference)
        }
        for t in 1...3 {
            let inference = MeanFieldInference(model: m)
            inference.run(t)
            #expect(inference.iteration == t)
            let worst = zip(inference.marginals.values, steps[t]).map { abs($0 - $1) }.max()!
            #expect(worst < 1e-5, "step \(t): largest |Q − reference| \(worst)")
            #expect(zip(steps[t], steps[t - 1]).map { abs($0 - $1) }.max()! > 1e-3, "step \(t) moved Q")
        }
    }

    /// A one-shot run steps in Q's own buffer where every term is Potts, and the usual way where
    /// one is not, and takes the argmax only when asked: the same Q and labels to the bit at
    /// every step, for a Potts model, a model with a full matrix, an untied model
    /// whose second step is not Potts, a model of one kernel, and huge weights (clamped).
    @Test(arguments: 0..<5)
    func steppingInPlaceChangesNothing(_ variant: Int) throws {
        var parameters = CRFParameters()
        switch variant {
        case 1: parameters.bilateral?.compat = .matrix([[-5, 1, 2], [1, -4, 0.5], [2, 0.5, -6]])
        case 2: parameters.bilateral?.compatSteps = [.potts(2), .diagonal([-1, -2, -3]), .potts(7)]
        case 3: parameters.bilateral = nil
        case 4: parameters.gaussian?.compat = .potts(1e20)
        default: break
        }
        let m = try Self.model(parameters, labels: 3, width: 40, height: 30)
        let kept = MeanFieldInference(model: m, tracksEnergy: false)
        let inPlace = MeanFieldInference(model: m, tracksEnergy: false, oneShot: true)
        for t in 1...4 {
            kept.step()
            inPlace.step()
            #expect(inPlace.marginals == kept.marginals, "step \(t)")
            #expect(inPlace.currentLabels == kept.currentLabels, "step \(t)")
        }
        #expect(inPlace.withLastPairwise { $0 == nil } == MeanFieldStep.stepsInPlace(m, step: 4))
        #expect(inPlace.freeEnergy() == kept.freeEnergy())
    }

    /// The last step's pairwise energies are the messages of the Q before it, with that step's
    /// compatibilities (an untied model tells step 1 from step 2), and −U − A is Q's logit:
    /// softmax(−U − A_t) = Q_t. There are none before the first step, nor once the buffer
    /// holds the next step's messages.
    @Test func lastPairwiseIsWhatTheStepAdded() throws {
        var parameters = CRFParameters()
        parameters.bilateral?.compatSteps = [.potts(2), .potts(7)]
        let m = try Self.model(parameters)
        let (n, l) = (m.pixelCount, m.labelCount)
        let inference = MeanFieldInference(model: m, tracksEnergy: false)
        #expect(inference.withLastPairwise { $0 == nil })
        let workspace = LatticeWorkspace()
        let expected = UnsafeMutablePointer<Float>.allocate(capacity: n * l)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: n * l)
        defer { expected.deallocate(); scratch.deallocate() }
        for t in 1...2 {
            let before = inference.marginals.values
            before.withUnsafeBufferPointer {
                MeanFieldStep.messages(m, step: t, of: $0.baseAddress!, into: expected, scratch: { scratch }, workspace: workspace)
            }
            inference.step()
            let q = inference.marginals.values
            let a = try #require(inference.withLastPairwise { $0.map(Array.init) })
            #expect(a.count == n * l)
            #expect(zip(a, UnsafeBufferPointer(start: expected, count: n * l)).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
            #expect(a.contains { abs($0) > 0.1 }, "a non-trivial pairwise term")
            for i in [0, 77, n - 1] {
                let logits = (0..<l).map { -m.unary.values[i * l + $0] - a[i * l + $0] }
                let top = logits.max()!
                let z = logits.reduce(Float(0)) { $0 + Float.exp($1 - top) }
                for k in 0..<l { #expect(abs(Float.exp(logits[k] - top) / z - q[i * l + k]) < 1e-5) }
            }
        }
        _ = inference.freeEnergy()   // now the buffer holds step 3's messages
        #expect(inference.withLastPairwise { $0 == nil })
        let tracked = MeanFieldInference(model: m, tracksEnergy: true)
        tracked.step()
        #expect(tracked.withLastPairwise { $0 == nil })
    }
}

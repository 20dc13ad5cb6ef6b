import DenseCRF
import Foundation
import Testing
@testable import Viewer

/// The views that explain errors: the energies frames keep (checked against mean-field run by
/// hand), the loss view and its mean, and what the inspector and the pane title show.
@Suite struct ErrorViewsTests {
    static let calibration = UnaryCalibration(weight: 0.7, bias: [0.1, -0.2, 0.3])
    static let iterations = 3

    /// The fixture with a unary calibration, so the frames must show the calibrated unary.
    static func job(keepsEnergies: Bool, frameGrid: Size? = nil) -> InferenceRunner.Job {
        let p = ViewerFixture.problem()
        var parameters = p.parameters
        parameters.iterations = iterations
        parameters.unaryCalibration = calibration
        return InferenceRunner.Job(image: p.image, source: p.source, unarySettings: p.unarySettings, parameters: parameters,
                                   frameGrid: frameGrid, keepsEnergies: keepsEnergies)
    }

    static func frames(_ job: InferenceRunner.Job) -> [StepFrame] {
        let scheduler = ManualScheduler()
        let runner = InferenceRunner(scheduler: scheduler)
        runner.start(job)
        scheduler.runNext()
        return runner.drain().compactMap { if case .step(_, let f) = $0 { f } else { nil } }
    }

    /// Mean-field of the fixture by hand: U' = a·U + b computed here, a model given U' with no
    /// calibration of its own, and `MeanFieldStep` called step by step.
    struct HandRun {
        let unary: [Float]
        /// A_t and Q_t by step (A_0 all zero).
        var pairwise: [[Float]] = []
        var q: [[Float]] = []

        init() throws {
            let p = ViewerFixture.problem()
            let (n, l) = (p.image.pixelCount, p.labelCount)
            let raw = try p.source.energies(pixels: n, settings: p.unarySettings)
            let c = ErrorViewsTests.calibration
            unary = raw.values.enumerated().map { i, u in c.weight * u + c.bias[i % l] }
            let model = try DenseCRF(image: p.image, unary: UnaryEnergies(pixelMajor: unary, labels: l, pixels: n),
                                     parameters: p.parameters)
            var q = [Float](repeating: 0, count: n * l), a = q, scratch = q
            let workspace = LatticeWorkspace()
            q.withUnsafeMutableBufferPointer { MeanFieldStep.update(model, pairwise: nil, into: $0.baseAddress!) }
            pairwise.append(a)
            self.q.append(q)
            for t in 1...ErrorViewsTests.iterations {
                q.withUnsafeBufferPointer { qq in
                    a.withUnsafeMutableBufferPointer { aa in
                        scratch.withUnsafeMutableBufferPointer { ss in
                            let buffer = ss.baseAddress!
                            MeanFieldStep.messages(model, step: t, of: qq.baseAddress!, into: aa.baseAddress!,
                                                   scratch: { buffer }, workspace: workspace)
                        }
                    }
                }
                a.withUnsafeBufferPointer { aa in
                    q.withUnsafeMutableBufferPointer { MeanFieldStep.update(model, pairwise: aa.baseAddress!, into: $0.baseAddress!) }
                }
                pairwise.append(a)
                self.q.append(q)
            }
        }
    }

    /// Half the spacing of Float16 values around `x`: the most rounding to Float16 moves it.
    static func halfUlp(_ x: Float) -> Float { Float(Float16(x).ulp) / 2 }

    static func softmax(_ logits: [Float]) -> [Float] {
        let top = logits.max()!
        let e = logits.map { Foundation.exp($0 - top) }
        let z = e.reduce(0, +)
        return e.map { $0 / z }
    }

    @Test func framesKeepTheCalibratedUnaryAndEachStepsPairwise() throws {
        let hand = try HandRun()
        let frames = Self.frames(Self.job(keepsEnergies: true))
        let l = ViewerFixture.labels
        #expect(frames.count == Self.iterations + 1)
        #expect(frames[0].pairwise == nil)
        for frame in frames {
            let t = frame.iteration
            let unary = try #require(frame.unary)
            #expect(zip(unary, hand.unary).allSatisfy { abs($0 - $1) <= 1e-6 })
            guard t > 0 else { continue }
            let a = try #require(frame.pairwise)
            // Float16 of what the step added, to within its rounding.
            #expect(zip(a, hand.pairwise[t]).allSatisfy { abs(Float($0) - $1) <= 2 * Self.halfUlp($1) + 1e-6 })
            #expect(hand.pairwise[t].contains { abs($0) > 1 }, "the kernels change the energies")
        }
        // U + A is Q's logit: softmax(−U − A) gives the frame's Q, to the fixed point's half
        // step plus what Float16 rounding of A can move a softmax (|ΔQ_k| ≤ 2·Q_k·max_j δ_j).
        for frame in frames {
            for (x, y) in [(0, 0), (7, 5), (8, 5), (15, 11)] {
                let e = try #require(frame.energies(x: x, y: y))
                if frame.iteration == 0 { #expect(e.pairwise == [0, 0, 0]) }
                let i = (y * ViewerFixture.width + x) * l
                let q = frame.marginals(x: x, y: y)
                let expected = Self.softmax(e.total.map { -$0 })
                let delta = e.pairwise.map(Self.halfUlp).max()!
                for k in 0..<l {
                    #expect(abs(expected[k] - q[k]) <= 0.5 / 65535 + 2.1 * q[k] * delta + 1e-6, "step \(frame.iteration) (\(x), \(y)) class \(k)")
                    #expect(abs(q[k] - hand.q[frame.iteration][i + k]) <= 0.5 / 65535 + 1e-6)
                }
            }
        }
    }

    @Test func framesKeepNoEnergiesUnlessAsked() {
        for frame in Self.frames(Self.job(keepsEnergies: false)) {
            #expect(frame.unary == nil && frame.pairwise == nil)
            #expect(frame.energies(x: 3, y: 3) == nil)
        }
    }

    /// On a smaller frame grid (a full-resolution run) the energies are area-averaged like Q:
    /// 16×12 onto 8×6, so each frame pixel is the mean of a 2×2 block.
    @Test func energiesOnASmallerGridAreBlockMeans() throws {
        let hand = try HandRun()
        let frames = Self.frames(Self.job(keepsEnergies: true, frameGrid: Size(width: 8, height: 6)))
        let (w, l) = (ViewerFixture.width, ViewerFixture.labels)
        for frame in frames {
            for (x, y) in [(0, 0), (3, 2), (4, 2), (7, 5)] {
                let e = try #require(frame.energies(x: x, y: y))
                let block = [(2 * x, 2 * y), (2 * x + 1, 2 * y), (2 * x, 2 * y + 1), (2 * x + 1, 2 * y + 1)].map { ($1 * w + $0) * l }
                for k in 0..<l {
                    let u = block.map { hand.unary[$0 + k] }.reduce(0, +) / 4
                    let a = block.map { hand.pairwise[frame.iteration][$0 + k] }.reduce(0, +) / 4
                    #expect(abs(e.unary[k] - u) <= 1e-5)
                    #expect(abs(e.pairwise[k] - a) <= 2 * Self.halfUlp(a) + 1e-5)
                }
            }
        }
    }

    // MARK: - Loss

    /// Three pixels, two classes: Q(truth) 32768/65535, then 0 (clamped to 1e-6), then ignore.
    static let lossFrame = StepFrame(iteration: 0, changed: 0, width: 3, height: 1, labelCount: 2, labels: [0, 0, 0],
                                     q: [32768, 32767, 65535, 0, 100, 65435])
    static let lossTruth: [UInt8] = [0, 1, 255]

    @Test func lossMeanIsTheMeanOfMinusLogQTruthOverLabelledPixels() throws {
        let renderer = ViewRenderer(image: RGBImage(width: 3, height: 1, pixels: [UInt8](repeating: 90, count: 9)), truth: Self.lossTruth)
        let loss = try #require(renderer.loss(history: [Self.lossFrame], step: 0, generation: 1))
        let expected = (-Foundation.log(32768.0 / 65535) - Foundation.log(1e-6)) / 2
        #expect(abs(try #require(loss.mean) - expected) < 1e-5)
        #expect(loss.values[2] == nil)
        let theme = Theme(name: "t")
        let pixels = try #require(renderer.pixels(.loss, history: [Self.lossFrame], step: 0, generation: 1, selectedClass: 0,
                                                  baseline: nil, baselineVersion: 0, theme: theme, target: Size(width: 3, height: 1)))
        #expect(pixels == [theme.heatMap.heat(Float(-Foundation.log(32768.0 / 65535)) / 5), theme.heatMap.heat(1), ViewRenderer.ignore])
    }

    @Test func lossViewOnlyWithTruth() {
        #expect(ViewKind.available(hasTruth: true, hasBaseline: false).contains(.loss))
        #expect(!ViewKind.available(hasTruth: false, hasBaseline: false).contains(.loss))
    }

    // MARK: - Screen

    let t0 = ViewerFixture.start

    /// The fixture's session, its run computed, showing step 2, and its screen.
    func sessionAtStepTwo() throws -> (ViewerSession, ViewerScreen) {
        let (s, scheduler) = try ViewerFixture.session()
        scheduler.runNext()
        s.tick(now: t0)
        s.handle(ViewerFixture.key("n"), now: t0)
        s.handle(ViewerFixture.key("n"), now: t0)
        return (s, ViewerScreen(session: s))
    }

    /// `v` reaches the loss view, whose title has the step and the mean loss of that step's
    /// frame against the truth, computed here from the frame's Q.
    @Test func vReachesTheLossViewWithItsMeanInTheTitle() throws {
        let (s, screen) = try sessionAtStepTwo()
        var presses = 0
        while !screen.render(size: Size(width: 90, height: 24)).snapshotText().split(separator: "\n")[1].hasPrefix(" loss") {
            s.handle(ViewerFixture.key("v"), now: t0)
            presses += 1
            try #require(presses <= s.views.count)
        }
        #expect(s.currentView == .loss)
        let frame = s.history[2]
        let truth = try #require(s.problem.truth)
        let losses = truth.indices.map { -Foundation.log(max(Double(frame.q[$0 * 3 + Int(truth[$0])]) / 65535, 1e-6)) }
        let mean = losses.reduce(0, +) / Double(losses.count)
        let title = screen.render(size: Size(width: 90, height: 24)).snapshotText().split(separator: "\n")[1]
        #expect(title.hasPrefix(" loss · step 2 · mean \(String(format: "%.3f", mean)) · scale 0-5"))
    }

    /// With a truth map the inspector lists U, A and U + A of the cursor pixel at the shown
    /// step, with the truth class marked.
    @Test func inspectorShowsTheEnergyColumns() throws {
        let (s, screen) = try sessionAtStepTwo()
        let lines = screen.render(size: Size(width: 90, height: 24)).snapshotText().split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix(" step") })
        #expect(header.hasPrefix(" step 2  Q           U     A   U+A"))
        let c = s.workingCursor
        let e = try #require(s.history[2].energies(x: c.x, y: c.y))
        #expect(e.pairwise.contains { $0 != 0 })
        let sand = try #require(lines.first { $0.contains(" ✓sand ") })   // the truth at (8, 6) is sand
        // 34 columns at 90×24: numbers of 5 characters (4 digits at most) in columns of 6.
        let values = [e.unary[2], e.pairwise[2], e.unary[2] + e.pairwise[2]].map { NumberFormat.fitting(Double($0), width: 5, digits: 4) }
        #expect(sand.contains(String(format: " %.3f ", s.history[2].marginals(x: c.x, y: c.y)[2]) + values.map { $0.leftPadding(toLength: 6) }.joined()),
                "\(sand) shows \(values)")
        let grass = try #require(lines.first { $0.contains(" grass ") })
        #expect(!grass.contains("✓"))
    }

    /// Energies keep 4 significant digits (Float16's), right-aligned; −log 1 = −0 shows as 0.
    @Test func energyColumnsFormat() {
        #expect(InspectorPanel.energy(-Float.zero, width: 6) == "     0")
        #expect(InspectorPanel.energy(-5.19141, width: 8) == "  -5.191")
        #expect(InspectorPanel.energy(-5.19141, width: 6) == " -5.19")
        #expect(InspectorPanel.energy(123456, width: 8) == " 1.2e+05")
    }

    /// With room for one class only, the row goes to the truth class when Q ranks another
    /// first: the inspector is there to explain the error, which needs the truth's energies.
    @Test func inspectorAlwaysListsTheTruthClass() throws {
        let (s, scheduler) = try ViewerFixture.session()
        scheduler.runNext()
        s.tick(now: t0)
        let frame = s.history[0]
        let truth = try #require(s.problem.truth)
        let wrong = try #require(truth.indices.first { Int(frame.labels[$0]) != Int(truth[$0]) }, "a pixel the unary gets wrong")
        let cursor = Point(x: wrong % ViewerFixture.width, y: wrong / ViewerFixture.width)
        var canvas = Canvas(size: Size(width: 40, height: 4))
        InspectorPanel(problem: s.problem, cursor: cursor, frameCursor: cursor, frames: s.history, frame: frame,
                       theme: s.theme, style: ViewerStyle(s.theme))
            .draw(into: &canvas, rect: canvas.bounds)
        let row = canvas.snapshotText().split(separator: "\n").map(String.init)[3]
        #expect(row.hasPrefix(" ✓" + s.problem.className(Int(truth[wrong])).prefix(6)), "\(row)")
    }
}

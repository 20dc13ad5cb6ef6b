import DenseCRF
import Testing
@testable import Viewer

/// The side panel's parameters come from the model: a learned model's matrices, per-step
/// compatibilities, feature kernels and unary calibration are listed, drawn and edited like
/// the standard kernels' values.
@Suite struct ModelPanelTests {
    let t0 = ViewerFixture.start

    /// The fixture's problem with a learned model: an untied gaussian kernel (Potts at step 1,
    /// a diagonal at step 2), a bilateral matrix, a two-dimensional feature kernel and a unary
    /// calibration.
    static func learnedProblem() -> Problem {
        var problem = ViewerFixture.problem()
        let n = ViewerFixture.width * ViewerFixture.height
        problem.parameters.gaussian?.compatSteps = [.potts(3), .diagonal([1, 2, 3])]
        problem.parameters.bilateral?.compat = .matrix([[0, 1, 2], [1, 0, 1], [2, 1, 0]])
        let features = (0..<n).flatMap { [Float($0 % ViewerFixture.width), Float($0 / ViewerFixture.width) * 2] }
        problem.parameters.featureKernels = [FeatureKernelParameters(features: features, dimension: 2, widths: [4, 6], compat: .potts(1))]
        problem.parameters.unaryCalibration = UnaryCalibration(weight: 1.5, bias: [0.25, 0.5, -0.5])
        return problem
    }

    func session() throws -> (ViewerSession, ManualScheduler) {
        let scheduler = ManualScheduler()
        let themes = ThemeLoader(userThemeDirectory: nil)
        let s = ViewerSession(problem: Self.learnedProblem(), runner: InferenceRunner(scheduler: scheduler), themes: themes,
                              theme: try themes.theme(named: "dark"), workSize: nil)
        scheduler.runNext()
        s.tick(now: t0)
        return (s, scheduler)
    }

    func select(_ parameter: TunableParameter, in s: ViewerSession) {
        for _ in 0..<s.parameterList.count where s.currentParameter != parameter { s.handle(ViewerFixture.key("]"), now: t0) }
        #expect(s.currentParameter == parameter)
    }

    @Test func everyPartOfTheModelIsListed() throws {
        let p = Self.learnedProblem()
        let g1 = CompatibilitySlot(kernel: .gaussian, step: 1), g2 = CompatibilitySlot(kernel: .gaussian, step: 2)
        let b = CompatibilitySlot(kernel: .bilateral), f = CompatibilitySlot(kernel: .feature(0))
        let matrixCells = (0..<3).flatMap { r in (0..<3).map { TunableParameter.compatCell(b, row: r, column: $0) } }
        let expected: [TunableParameter] = [.width(.gaussian, index: 0), .compat(g1), .compat(g2)]
            + (0..<3).map { .compatCell(g2, row: $0, column: $0) }
            + [.width(.bilateral, index: 0), .width(.bilateral, index: 1), .compat(b)] + matrixCells
            + [.width(.feature(0), index: 0), .width(.feature(0), index: 1), .compat(f), .iterations,
               .unaryWeight, .unaryBias, .unaryBiasCell(label: 0), .unaryBiasCell(label: 1), .unaryBiasCell(label: 2), .clip, .scale]
        #expect(TunableParameter.list(for: p.parameters, source: p.source) == expected)
        #expect(expected.map(\.name).contains("gaussian compat step 2"))
        #expect(TunableParameter.width(.feature(0), index: 1).name == "feature kernel 1 width 2")
        #expect(TunableParameter.compatCell(g2, row: 1, column: 1).name == "gaussian step 2 μ[1,1]")
        #expect(TunableParameter.unaryBiasCell(label: 2).value(in: p.parameters, p.unarySettings) == "-0.5")
    }

    @Test func thePanelShowsTheLearnedModel() throws {
        let (s, _) = try session()
        select(.unaryBias, in: s)
        let lines = ViewerScreen(session: s).render(size: Size(width: 120, height: 40)).snapshotText().split(separator: "\n")
        func row(_ name: String) -> String? { lines.first { $0.contains("│ " + name + " ") }.map(String.init) }
        #expect(row("gaussian compat step 1")?.hasSuffix(" 3") == true)
        #expect(row("gaussian compat step 2")?.hasSuffix(" diag ×3") == true)
        #expect(row("bilateral compat")?.hasSuffix(" 3×3 matrix") == true)
        #expect(row("feature kernel 1 width 2")?.hasSuffix(" 6") == true)
        #expect(row("unary weight")?.hasSuffix(" 1.5") == true)
        #expect(row("unary bias")?.hasSuffix(" 3 classes") == true)
        // The selected bias is drawn as a grid under its entry.
        let bias = lines.firstIndex { $0.contains("│ unary bias ") }!
        #expect(lines[bias + 1].hasSuffix("│   0.25   0.5  -0.5"))
    }

    @Test func learnedValuesAreEditedInPlace() throws {
        let (s, _) = try session()
        let start = s.parameters
        // + on the step-1 compatibility changes that step only.
        select(.compat(CompatibilitySlot(kernel: .gaussian, step: 1)), in: s)
        s.handle(ViewerFixture.key("+"), now: t0)
        #expect(s.parameters.gaussian?.compatSteps == [.potts(3.5), .diagonal([1, 2, 3])])
        #expect(s.parameters.gaussian?.compat == start.gaussian?.compat)
        // One class's bias moves by 0.1; a comma list sets all of them, a number scales them.
        select(.unaryBiasCell(label: 1), in: s)
        s.handle(ViewerFixture.key("+"), now: t0)
        #expect(s.parameters.unaryCalibration?.bias == [0.25, 0.6, -0.5])
        select(.unaryBias, in: s)
        func type(_ text: String) {
            s.handle(.key(.enter), now: t0)
            for c in text { s.handle(ViewerFixture.key(c), now: t0) }
            s.handle(.key(.enter), now: t0)
        }
        type("1,2,3")
        #expect(s.parameters.unaryCalibration?.bias == [1, 2, 3])
        type("2")
        #expect(s.parameters.unaryCalibration?.bias == [2, 4, 6])
        type("1,2")
        #expect(s.message == "unary bias has 2 values but there are 3 labels")
        select(.unaryWeight, in: s)
        type("0")
        #expect(s.message == "unary weight must be positive, got 0.0")
        // A feature width is checked against that dimension's largest feature (22).
        select(.width(.feature(0), index: 1), in: s)
        s.handle(ViewerFixture.key("_"), now: t0)
        #expect(s.parameters.featureKernels[0].widths == [4, 3])
        type("1e-39")
        #expect(s.message?.hasPrefix("feature kernel 1 width 2 must be at least ") == true)
        #expect(s.parameters.featureKernels[0].widths == [4, 3])
        // Undo walks back through every one of these changes to the learned model.
        for _ in 0..<5 { s.handle(ViewerFixture.key("u"), now: t0) }
        #expect(s.parameters == start)
    }

    @Test func aLearnedModelRuns() throws {
        let (s, _) = try session()
        #expect(s.history.count == s.iterations + 1)
        #expect(s.runs.current.failure == nil)
    }
}

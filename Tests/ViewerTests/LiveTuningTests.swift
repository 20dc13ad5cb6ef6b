import DenseCRF
import Foundation
import Testing
@testable import Viewer

/// Issue 4's state rules, with inference under explicit control: a change cancels the run
/// and only new results are drawn; undo restores the exact model; the inspector's numbers.
@Suite struct LiveTuningTests {
    let t0 = ViewerFixture.start

    func finished() throws -> (ViewerSession, ManualScheduler) {
        let (s, scheduler) = try ViewerFixture.session()
        scheduler.runNext()
        s.tick(now: t0)
        return (s, scheduler)
    }

    @Test func aChangeDuringARunCancelsItAndOnlyNewResultsAreDrawn() throws {
        let (s, scheduler) = try ViewerFixture.session()
        let before = s.runs.current.generation
        // Select gaussian sxy and raise it while the first run has not delivered anything.
        #expect(s.currentParameter == TunableParameter.width(.gaussian, index: 0))
        s.handle(ViewerFixture.key("+"), now: t0)
        #expect(s.parameters.gaussian?.sxy == Float(2) * 1.1)
        #expect(s.runs.current.generation > before)
        #expect(s.playback.following)
        scheduler.runNext()        // the old job: stale, computes nothing
        #expect(!s.tick(now: t0))
        #expect(s.history.isEmpty)
        scheduler.runNext()        // the new job
        s.tick(now: t0)
        #expect(s.history.count == 6)
        #expect(s.displayedStep == 5)   // the display followed the run to the end

        // Its frames are those of the new model, computed directly.
        let p = s.problem
        var params = p.parameters
        params.gaussian?.sxy = Float(2) * 1.1
        let model = try DenseCRF(image: p.image, unary: try p.source.energies(pixels: p.image.pixelCount, settings: p.unarySettings), parameters: params)
        let inference = MeanFieldInference(model: model)
        inference.run(5)
        #expect(s.history[5].labels == inference.currentLabels.map { UInt16($0) })
        #expect(s.history[5].statistics == inference.statistics.last)
    }

    @Test func restartShowsStepZeroThenFollows() throws {
        let (s, scheduler) = try finished()
        s.handle(ViewerFixture.key("]"), now: t0)   // gaussian compat
        s.handle(ViewerFixture.key("="), now: t0)
        #expect(s.parameters.gaussian?.compat == .potts(5))
        #expect(s.displayedStep == 0 && s.history.isEmpty)
        scheduler.runNext()
        s.tick(now: t0)
        #expect(s.displayedStep == 5)
    }

    @Test func undoRestoresTheExactPreviousModel() throws {
        let (s, _) = try finished()
        let start = s.parameters
        s.handle(ViewerFixture.key("+"), now: t0)
        s.handle(ViewerFixture.key("]"), now: t0)
        s.handle(ViewerFixture.key("]"), now: t0)
        s.handle(ViewerFixture.key("_"), now: t0)   // bilateral sxy halved
        let middle = s.parameters
        s.handle(ViewerFixture.key("]"), now: t0)
        s.handle(ViewerFixture.key("-"), now: t0)   // bilateral srgb
        s.handle(ViewerFixture.key("u"), now: t0)
        #expect(s.parameters == middle)
        s.handle(ViewerFixture.key("U"), now: t0)
        #expect(s.parameters == start)
        s.handle(ViewerFixture.key("u"), now: t0)
        #expect(s.parameters == middle)
    }

    @Test func typedValuesAndTheirErrors() throws {
        let (s, _) = try finished()
        s.handle(.key(.enter), now: t0)
        for c in "4.5" { s.handle(ViewerFixture.key(c), now: t0) }
        #expect(s.editText == "4.5")
        s.handle(.key(.enter), now: t0)
        #expect(s.parameters.gaussian?.sxy == 4.5)
        s.handle(.key(.enter), now: t0)
        for c in "-1" { s.handle(ViewerFixture.key(c), now: t0) }
        s.handle(.key(.enter), now: t0)
        #expect(s.parameters.gaussian?.sxy == 4.5)
        #expect(s.message == "gaussian sxy must be positive and finite, got -1.0")
        s.handle(.key(.enter), now: t0)
        s.handle(ViewerFixture.key("9"), now: t0)
        s.handle(.key(.escape), now: t0)
        #expect(s.editText == nil && s.parameters.gaussian?.sxy == 4.5)
    }

    /// Typed values are read as the command line reads them: a comma list is a diagonal (not
    /// "1,5" → 15), and what the engine would refuse is refused with the engine's words.
    @Test func typedValuesFollowTheCommandLine() throws {
        let (s, _) = try finished()
        func type(_ text: String) {
            s.handle(.key(.enter), now: t0)
            for c in text { s.handle(ViewerFixture.key(c), now: t0) }
            s.handle(.key(.enter), now: t0)
        }
        while s.currentParameter != .compat(CompatibilitySlot(kernel: .gaussian)) { s.handle(ViewerFixture.key("]"), now: t0) }
        type("1, 2,3")
        #expect(s.parameters.gaussian?.compat == .diagonal([1, 2, 3]))
        type("1,5")
        #expect(s.parameters.gaussian?.compat == .diagonal([1, 2, 3]))
        #expect(s.message == "diagonal compatibility has 2 values but there are 3 labels")
        type("1e21")
        #expect(s.message == "gaussian compat must be at most 1e+20 in magnitude (larger weights swamp every label alike), got 1e+21")
        while s.currentParameter != .width(.gaussian, index: 0) { s.handle(ViewerFixture.key("["), now: t0) }
        type("1e-37")
        #expect(s.parameters.gaussian?.sxy == 2)
        #expect(s.message == "gaussian sxy must be at least 2.710506e-20 (smaller widths make the scaled features overflow), got 1e-37")
        type("1,5")
        #expect(s.message == "'1,5' is not a number")
    }

    @Test func matrixCompatibilityCellsAndScaling() throws {
        var problem = ViewerFixture.problem()
        problem.parameters.bilateral?.compat = .matrix([[0, 1, 2], [1, 0, 1], [2, 1, 0]])
        let scheduler = ManualScheduler()
        let themes = ThemeLoader(userThemeDirectory: nil)
        let s = ViewerSession(problem: problem, runner: InferenceRunner(scheduler: scheduler), themes: themes,
                              theme: try themes.theme(named: "dark"), workSize: nil)
        let list = s.parameterList
        #expect(list.contains(.compatCell(CompatibilitySlot(kernel: .bilateral), row: 2, column: 0)))
        while s.currentParameter != .compatCell(CompatibilitySlot(kernel: .bilateral), row: 0, column: 2) { s.handle(ViewerFixture.key("]"), now: t0) }
        s.handle(ViewerFixture.key("+"), now: t0)
        #expect(s.parameters.bilateral?.compat == .matrix([[0, 1, 2.5], [1, 0, 1], [2, 1, 0]]))
        while s.currentParameter != .compat(CompatibilitySlot(kernel: .bilateral)) { s.handle(ViewerFixture.key("["), now: t0) }
        s.handle(ViewerFixture.key("="), now: t0)
        #expect(s.parameters.bilateral?.compat == .matrix([[0, 2, 5], [2, 0, 2], [4, 2, 0]]))
    }

    /// Without a truth map the grass row shows the unary probability and Q at the last step;
    /// with one (marked as the truth there), Q and the unary energy U.
    @Test(arguments: [false, true]) func inspectorShowsTheCursorPixelsNumbers(truth: Bool) throws {
        let (s, scheduler) = try ViewerFixture.session(truth: truth)
        scheduler.runNext()
        s.tick(now: t0)
        s.handle(ViewerFixture.key("G"), now: t0)
        s.placeCursor(at: Point(x: 3, y: 4))
        let screen = ViewerScreen(session: s)
        let text = screen.render(size: Size(width: 120, height: 40)).snapshotText()
        let p = s.problem
        let model = try DenseCRF(image: p.image, unary: try p.source.energies(pixels: p.image.pixelCount, settings: p.unarySettings), parameters: p.parameters)
        let inference = MeanFieldInference(model: model)
        let q0 = Array(inference.marginals.pixel(4 * 16 + 3))
        inference.run(5)
        let q = Array(inference.marginals.pixel(4 * 16 + 3))
        let rgb = p.image.rgb(x: 3, y: 4)
        #expect(text.contains("INSPECTOR (3, 4)  rgb \(rgb.r),\(rgb.g),\(rgb.b)"))
        #expect(text.contains("argmax grass"))
        #expect(text.contains("truth grass") == truth)
        let grassRow = text.split(separator: "\n").first { $0.contains((truth ? " ✓" : "  ") + "grass ") && $0.contains("0.") }
        #expect(grassRow?.contains(String(format: "%.3f", q[1])) == true, "\(grassRow ?? "")")
        let unary = truth ? NumberFormat.fitting(Double(model.unary.values[(4 * 16 + 3) * 3 + 1]), width: 7, digits: 4) : String(format: "%.3f", q0[1])
        #expect(grassRow?.contains(unary) == true, "\(grassRow ?? "") shows \(unary)")
    }

    @Test func baselineDiffCountsDifferingPixels() throws {
        let (s, scheduler) = try finished()
        s.handle(ViewerFixture.key("b"), now: t0)   // pins step 0 (the unary labels)
        #expect(s.views.contains(.diff))
        s.handle(ViewerFixture.key("G"), now: t0)
        let expected = zip(s.history[0].labels, s.history[5].labels).filter { $0 != $1 }.count
        #expect(s.baselineDifference == expected)
        #expect(expected > 0)
        _ = scheduler
    }

    final class RecordingExporter: ViewerExporter {
        var requests: [ExportRequest] = []
        func export(_ request: ExportRequest) throws -> String {
            requests.append(request)
            return "saved to test"
        }
    }

    @Test func saveExportsTheFullResolutionResult() throws {
        let (s, scheduler) = try ViewerFixture.session(workSize: 8)
        #expect(s.runs.working.isReduced)
        #expect(s.runs.working.image.width == 8 && s.runs.working.image.height == 6)
        #expect(s.runs.working.workingParameters(s.parameters).gaussian?.sxy == 1)
        let exporter = RecordingExporter()
        s.exporter = exporter
        scheduler.runNext()
        s.tick(now: t0)
        s.handle(ViewerFixture.key("s"), now: t0)   // needs a full-resolution run first
        #expect(exporter.requests.isEmpty && s.runs.current.fullResolution)
        scheduler.runNext()
        s.tick(now: t0)
        #expect(exporter.requests.count == 1)
        #expect(exporter.requests[0].labels.count == 16 * 12)
        #expect(s.message == "saved to test")
        #expect(s.history.last?.width == 8)   // the history stays at the working resolution
    }

    /// A pending `s` saves the parameters it was pressed with: a change before the
    /// full-resolution result arrives cancels it (and says so), so neither the working-copy
    /// run of the new parameters nor any later run is exported in its place.
    @Test func aParameterChangeCancelsAPendingSave() throws {
        let (s, scheduler) = try ViewerFixture.session(workSize: 8)
        let exporter = RecordingExporter()
        s.exporter = exporter
        scheduler.runNext()
        s.tick(now: t0)
        s.handle(ViewerFixture.key("s"), now: t0)   // waits for a full-resolution run
        s.handle(ViewerFixture.key("+"), now: t0)   // gaussian sxy changes before it arrives
        #expect(s.message == "save cancelled: the parameters changed (s saves the new ones)")
        while scheduler.pending > 0 { scheduler.runNext() }
        s.tick(now: t0)
        #expect(!s.isComputing)
        #expect(exporter.requests.count == 0)
        s.handle(ViewerFixture.key("F"), now: t0)   // a full-resolution run of the new parameters
        scheduler.runNext()
        s.tick(now: t0)
        #expect(exporter.requests.count == 0)
    }

    /// `F` while a save waits restarts the same settings at full resolution: the save stays
    /// pending and writes that run's result, once.
    @Test func aFullResolutionRestartKeepsAPendingSave() throws {
        let (s, scheduler) = try ViewerFixture.session(workSize: 8)
        let exporter = RecordingExporter()
        s.exporter = exporter
        scheduler.runNext()
        s.tick(now: t0)
        s.handle(ViewerFixture.key("s"), now: t0)
        s.handle(ViewerFixture.key("F"), now: t0)
        while scheduler.pending > 0 { scheduler.runNext() }
        s.tick(now: t0)
        #expect(exporter.requests.count == 1)
        #expect(exporter.requests.first?.labels.count == 16 * 12)
        #expect(exporter.requests.first?.parameters == s.parameters)
        #expect(s.exports.pending == nil)
    }
}

import DenseCRF
import Foundation

/// The viewer's model: the problem, the inference history, and the UI state, changed only
/// by `handle(_:now:)` (input) and `tick(now:)` (time and background results).
///
/// It is a plain class used from one thread (the UI loop); the only concurrency is the
/// `InferenceRunner`, which it polls. Everything it shows comes from `history`, so drawing
/// never waits for computation.
public final class ViewerSession {
    public let problem: ViewerProblem
    public let working: WorkingCopy
    public let runner: InferenceRunner
    public let themes: ThemeLoader
    public private(set) var theme: Theme
    public var exporter: ViewerExporter?

    /// Model parameters in original-image pixels, as the user sees and edits them.
    public private(set) var parameters: CRFParameters
    public private(set) var unarySettings: UnarySettings
    private var undoStack: [(CRFParameters, UnarySettings)] = []

    /// Frames of the current run, by step.
    public private(set) var history: [StepFrame] = []
    public private(set) var runGeneration = 0
    public private(set) var buildMilliseconds: Double?
    public private(set) var runMilliseconds: Double?
    public private(set) var failure: String?
    /// Whether the current run is at full resolution (`F`) rather than on the working copy.
    public private(set) var fullResolution = false
    /// The last step of the current run at full precision, once it has finished.
    private var result: InferenceRunner.Result?
    private var saveWhenDone = false
    /// The labels pinned with `b`, and the step they were taken at.
    public private(set) var baseline: StepFrame?
    /// Counts pins, so cached diff views know when the baseline changed.
    public private(set) var baselineVersion = 0

    // UI state.
    public private(set) var targetStep = 0
    /// Whether the display follows the computation to the last step (after a restart).
    public private(set) var following = false
    public private(set) var playing = false
    public private(set) var speedIndex = PlaybackSpeed.defaultIndex
    public private(set) var viewIndex = 0
    public private(set) var selectedClass = 0
    public private(set) var selectedParameter = 0
    /// The text being typed for the selected parameter (after Enter), nil when not editing.
    public private(set) var editText: String?
    public private(set) var showHelp = false
    public private(set) var quitRequested = false
    public private(set) var message: String?

    /// Shows `text` on the status line (as the viewer's own notices are shown).
    public func show(_ text: String) { message = text }
    /// The inspected pixel, in original-image coordinates.
    public private(set) var cursor: Point
    private var lastAdvance: ContinuousClock.Instant?

    public init(problem: ViewerProblem, runner: InferenceRunner, themes: ThemeLoader, theme: Theme,
                workSize: Int?, settings: ViewerSettings = ViewerSettings()) {
        self.problem = problem
        self.runner = runner
        self.themes = themes
        self.theme = theme
        self.parameters = problem.parameters
        self.unarySettings = problem.unarySettings
        self.working = WorkingCopy(problem: problem, workSize: workSize)
        selectedClass = min(1, problem.labelCount - 1)
        cursor = Point(x: problem.image.width / 2, y: problem.image.height / 2)
        speedIndex = max(0, min(PlaybackSpeed.intervals.count - 1, settings.speedIndex ?? speedIndex))
        if let view = settings.view, let index = views.firstIndex(where: { $0.rawValue == view }) { viewIndex = index }
        restart()
    }

    // MARK: - What is shown

    /// The step on screen: the target step once computed, else the latest computed one.
    public var displayedStep: Int { min(targetStep, max(0, history.count - 1)) }
    public var displayedFrame: StepFrame? { history.isEmpty ? nil : history[displayedStep] }
    public var iterations: Int { parameters.iterations }
    public var isComputing: Bool { runMilliseconds == nil && failure == nil }
    public var views: [ViewKind] { ViewKind.available(hasTruth: problem.truth != nil, hasBaseline: baseline != nil) }
    public var currentView: ViewKind { views[viewIndex % views.count] }
    public var playInterval: Int { PlaybackSpeed.intervals[speedIndex] }
    public var parameterList: [TunableParameter] { TunableParameter.list(for: parameters, source: problem.source) }
    public var currentParameter: TunableParameter {
        let list = parameterList
        return list[min(selectedParameter, list.count - 1)]
    }
    /// The settings worth keeping for next time.
    public var settings: ViewerSettings {
        ViewerSettings(theme: theme.name, colors: nil, speedIndex: speedIndex, view: currentView.rawValue)
    }
    /// The cursor in working-copy pixels.
    public var workingCursor: Point {
        Point(x: min(working.image.width - 1, Int(Float(cursor.x) * working.scale)),
              y: min(working.image.height - 1, Int(Float(cursor.y) * working.scale)))
    }
    /// Pixels where the displayed labels differ from the baseline.
    public var baselineDifference: Int? {
        guard let baseline, let frame = displayedFrame, baseline.labels.count == frame.labels.count else { return nil }
        return zip(baseline.labels, frame.labels).filter { $0 != $1 }.count
    }

    // MARK: - Input

    /// Applies one input event; returns whether the screen needs redrawing.
    @discardableResult
    public func handle(_ event: InputEvent, now: ContinuousClock.Instant) -> Bool {
        switch event {
        case .resize: return true
        case .interrupt:
            quitRequested = true
            return true
        case .mouse: return false
        case .key(let key):
            if editText != nil { return edit(key) }
            if showHelp, key != .character("?"), key != .character("q") {
                showHelp = false
                return true
            }
            guard let action = KeyBindings.action(for: key) else { return false }
            perform(action, now: now)
            return true
        }
    }

    func perform(_ action: ViewerAction, now: ContinuousClock.Instant) {
        message = nil
        switch action {
        case .quit: quitRequested = true
        case .toggleHelp: showHelp.toggle()
        case .nextStep: goTo(displayedStep + 1)
        case .previousStep: goTo(displayedStep - 1)
        case .firstStep: goTo(0)
        case .lastStep: goTo(iterations)
        case .togglePlay:
            following = false
            playing.toggle()
            if playing, displayedStep >= iterations { targetStep = 0 }
            lastAdvance = now
        case .slower: speedIndex = max(0, speedIndex - 1)
        case .faster: speedIndex = min(PlaybackSpeed.intervals.count - 1, speedIndex + 1)
        case .nextView: viewIndex = (viewIndex + 1) % views.count
        case .nextClass: selectedClass = (selectedClass + 1) % problem.labelCount
        case .nextTheme: cycleTheme()
        case .selectParameter(let delta):
            let count = parameterList.count
            selectedParameter = ((selectedParameter + delta) % count + count) % count
        case .adjust(let fine, let up):
            let (p, u) = ParameterEditor.adjust(currentParameter, fine: fine, up: up, parameters, unarySettings)
            apply(p, u)
        case .editValue: editText = ""
        case .undo:
            guard let (p, u) = undoStack.popLast() else {
                message = "nothing to undo"
                return
            }
            change(to: p, u)
            message = "undone"
        case .resetParameters:
            guard parameters != problem.parameters || unarySettings != problem.unarySettings else { return }
            apply(problem.parameters, problem.unarySettings)
            message = "starting parameters restored"
        case .moveCursor(let dx, let dy):
            placeCursor(at: Point(x: cursor.x + dx, y: cursor.y + dy))
        case .pinBaseline:
            guard let frame = displayedFrame else { return }
            baseline = frame
            baselineVersion += 1
            message = "baseline pinned (step \(frame.iteration)); the diff view compares with it"
        case .save: save()
        case .fullResolution:
            guard working.isReduced else {
                message = "already at full resolution"
                return
            }
            restart(fullResolution: true)
            message = "computing at full resolution \(problem.image.width)×\(problem.image.height)"
        }
    }

    /// Typing a value after Enter: digits, signs, commas and spaces append, Backspace deletes, Enter applies,
    /// Escape cancels.
    private func edit(_ key: Key) -> Bool {
        switch key {
        case .escape:
            editText = nil
        case .backspace:
            if let text = editText, !text.isEmpty { editText = String(text.dropLast()) }
        case .enter:
            let text = editText ?? ""
            editText = nil
            switch ParameterEditor.set(currentParameter, to: text, labels: problem.labelCount, parameters, unarySettings) {
            case .success(let (p, u)): apply(p, u)
            case .failure(let error): message = error.message
            }
        case .character(let c) where c.isNumber || "+-.eE, ".contains(c) || c.isLetter:
            editText?.append(c)
        default:
            return false
        }
        return true
    }

    private func goTo(_ step: Int) {
        following = false
        playing = false
        targetStep = max(0, min(iterations, step))
    }

    private func cycleTheme() {
        let name = themes.name(after: theme.name)
        do {
            theme = try themes.theme(named: name)
            message = "theme \(theme.name)"
        } catch {
            message = "\(error)"
        }
    }

    /// Moves the inspector cursor, clamped to the image; returns whether it moved.
    @discardableResult
    public func placeCursor(at point: Point) -> Bool {
        let clamped = Point(x: max(0, min(problem.image.width - 1, point.x)), y: max(0, min(problem.image.height - 1, point.y)))
        defer { cursor = clamped }
        return clamped != cursor
    }

    // MARK: - Parameter changes

    /// A user change: remembered for undo, then the model restarts.
    private func apply(_ p: CRFParameters, _ u: UnarySettings) {
        guard p != parameters || u != unarySettings else { return }
        undoStack.append((parameters, unarySettings))
        change(to: p, u)
    }

    private func change(to p: CRFParameters, _ u: UnarySettings) {
        parameters = p
        unarySettings = u
        selectedParameter = min(selectedParameter, parameterList.count - 1)
        restart()
    }

    /// Starts inference from step 0 with the current parameters, cancelling the old run;
    /// the display follows the new run as its steps complete.
    func restart(fullResolution full: Bool = false) {
        history.removeAll()
        buildMilliseconds = nil
        runMilliseconds = nil
        failure = nil
        result = nil
        fullResolution = full
        playing = false
        following = runGeneration > 0
        targetStep = 0
        let job = full
            ? InferenceRunner.Job(image: problem.image, source: problem.source, unarySettings: unarySettings,
                                  parameters: parameters, frameGrid: working.size)
            : InferenceRunner.Job(image: working.image, source: working.source, unarySettings: unarySettings,
                                  parameters: working.workingParameters(parameters))
        runGeneration = runner.start(job)
    }

    // MARK: - Export

    /// `s`: saves the full-resolution result of the current parameters, computing it first
    /// when the run so far was on a reduced working copy.
    private func save() {
        guard exporter != nil else {
            message = "saving is not available here"
            return
        }
        if let result, !working.isReduced || fullResolution {
            write(result)
        } else {
            saveWhenDone = true
            if !(fullResolution && isComputing) { restart(fullResolution: true) }
            message = "computing at full resolution to save…"
        }
    }

    private func write(_ r: InferenceRunner.Result) {
        guard let exporter else { return }
        let request = ExportRequest(problem: problem, title: problem.title, image: problem.image, labels: r.labels, marginals: r.marginals,
                                    parameters: parameters, unarySettings: unarySettings, palette: theme.labelPalette)
        do {
            message = try exporter.export(request)
        } catch {
            message = "save failed: \(error)"
        }
    }

    // MARK: - Time and results

    /// Takes in finished steps and advances playback; returns whether anything changed.
    @discardableResult
    public func tick(now: ContinuousClock.Instant) -> Bool {
        var changed = false
        for event in runner.drain() {
            changed = true
            switch event {
            case .built(_, let ms, _): buildMilliseconds = ms
            case .step(_, let frame):
                if frame.iteration == history.count { history.append(frame) }
                if following { targetStep = frame.iteration }
            case .energy(_, let step, let kl, let map):
                guard step < history.count else { break }
                if let kl { history[step].kl = kl }
                if let map { history[step].mapEnergy = map }
            case .finished(_, let ms, let r):
                runMilliseconds = ms
                result = r
                following = false
                if saveWhenDone {
                    saveWhenDone = false
                    write(r)
                }
            case .failed(_, let text): failure = text
            }
        }
        if playing, let last = lastAdvance, now - last >= .milliseconds(playInterval) {
            if displayedStep < iterations {
                if targetStep < history.count { targetStep += 1 }
                lastAdvance = now
            } else {
                playing = false
            }
            changed = true
        }
        return changed
    }
}

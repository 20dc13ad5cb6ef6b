import DenseCRF
import Foundation

/// The viewer's model, changed only by `handle(_:now:)` (input) and `tick(now:)` (time and
/// background results). It coordinates parts that each have one job: `tuning` (the settings
/// and their undo), `runs` (inference on the working copy or the full image), `playback`
/// (which step is on screen), `baseline` (the pinned labels), `exports` (`s`) and `learning`
/// (`L`); what is left here is the UI state that keys move (view, class, parameter, cursor,
/// theme, help).
///
/// It is a plain class used from one thread (the UI loop); the only concurrency is the
/// `InferenceRunner` and the `LearningRunner`, which it polls. Everything it shows comes from the current run's frames,
/// so drawing never waits for computation.
public final class ViewerSession {
    public let problem: Problem
    public let themes: ThemeLoader
    public private(set) var theme: Theme

    public private(set) var tuning: ParameterHistory
    public private(set) var runs: Runs
    public private(set) var playback: Playback
    public private(set) var baseline = Baseline()
    public private(set) var exports = Exports()
    public private(set) var learning: Learning
    /// The settings the last learning run handed over, while they are the current ones.
    public private(set) var learned: ModelSettings?

    // UI state.
    public private(set) var viewIndex = 0
    public private(set) var selectedClass = 0
    public private(set) var selectedParameter = 0
    /// The text being typed for the selected parameter (after Enter), nil when not editing.
    public private(set) var editText: String?
    public private(set) var showHelp = false
    public private(set) var quitRequested = false
    public private(set) var message: String?
    /// The inspected pixel, in original-image coordinates.
    public private(set) var cursor: Point

    public init(problem: Problem, runner: InferenceRunner, themes: ThemeLoader, theme: Theme,
                workSize: Int?, settings: ViewerSettings = ViewerSettings(),
                learner: LearningRunner = LearningRunner(), learning: LearningSetup = LearningSetup()) {
        self.problem = problem
        self.themes = themes
        self.theme = theme
        let start = ModelSettings(parameters: problem.parameters, unary: problem.unarySettings)
        tuning = ParameterHistory(start: start)
        runs = Runs(problem: problem, runner: runner, workSize: workSize, settings: start)
        playback = Playback(speedIndex: settings.speedIndex ?? PlaybackSpeed.defaultIndex)
        self.learning = Learning(runner: learner, setup: learning)
        selectedClass = min(1, problem.labelCount - 1)
        cursor = Point(x: problem.image.width / 2, y: problem.image.height / 2)
        if let view = settings.view, let index = views.firstIndex(where: { $0.rawValue == view }) { viewIndex = index }
    }

    /// Writes `s` exports; the command line sets it, so the viewer itself stays free of files.
    public var exporter: ViewerExporter? {
        get { exports.exporter }
        set { exports.exporter = newValue }
    }

    /// Shows `text` on the status line (as the viewer's own notices are shown).
    public func show(_ text: String) { message = text }

    // MARK: - What is shown

    /// The settings on screen: the latest learned epoch's while learning, else the tuned ones.
    public var shownSettings: ModelSettings { learning.preview ?? tuning.current }
    /// The model parameters in original-image pixels, as the user sees and edits them.
    public var parameters: CRFParameters { shownSettings.parameters }
    public var unarySettings: UnarySettings { shownSettings.unary }
    public var iterations: Int { parameters.iterations }
    /// Frames of the current run, by step.
    public var history: [StepFrame] { runs.current.frames }
    public var isComputing: Bool { runs.current.isComputing }
    /// The step on screen: the target step once computed, else the latest computed one.
    public var displayedStep: Int { playback.displayedStep(computed: history.count) }
    public var displayedFrame: StepFrame? { history.isEmpty ? nil : history[displayedStep] }
    public var views: [ViewKind] { ViewKind.available(hasTruth: problem.truth != nil, hasBaseline: baseline.frame != nil) }
    public var currentView: ViewKind { views[viewIndex % views.count] }
    public var parameterList: [TunableParameter] { TunableParameter.list(for: parameters, source: problem.source) }
    public var currentParameter: TunableParameter {
        let list = parameterList
        return list[min(selectedParameter, list.count - 1)]
    }
    /// The settings worth keeping for next time.
    public var settings: ViewerSettings {
        ViewerSettings(theme: theme.name, colors: nil, speedIndex: playback.speedIndex, view: currentView.rawValue)
    }
    /// The cursor in working-copy pixels.
    public var workingCursor: Point {
        let working = runs.working
        return Point(x: min(working.image.width - 1, Int(Float(cursor.x) * working.scale)),
                     y: min(working.image.height - 1, Int(Float(cursor.y) * working.scale)))
    }
    /// Pixels where the displayed labels differ from the baseline.
    public var baselineDifference: Int? { baseline.difference(from: displayedFrame) }

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
        case .nextStep: playback.go(to: displayedStep + 1, last: iterations)
        case .previousStep: playback.go(to: displayedStep - 1, last: iterations)
        case .firstStep: playback.go(to: 0, last: iterations)
        case .lastStep: playback.go(to: iterations, last: iterations)
        case .togglePlay: playback.togglePlay(now: now, displayed: displayedStep, last: iterations)
        case .slower: playback.slower()
        case .faster: playback.faster()
        case .nextView: viewIndex = (viewIndex + 1) % views.count
        case .nextClass: selectedClass = (selectedClass + 1) % problem.labelCount
        case .nextTheme: cycleTheme()
        case .selectParameter(let delta):
            let count = parameterList.count
            selectedParameter = ((selectedParameter + delta) % count + count) % count
        case .adjust(let fine, let up):
            stopLearning(because: "a parameter changed")
            let (p, u) = ParameterEditor.adjust(currentParameter, fine: fine, up: up, parameters, unarySettings)
            apply(ModelSettings(parameters: p, unary: u))
        case .editValue:
            stopLearning(because: "a value is being typed")
            editText = ""
        case .undo:
            if stopLearning(because: "u") { return }
            guard tuning.undo() else {
                message = "nothing to undo"
                return
            }
            message = "undone"
            settingsChanged()
        case .resetParameters:
            stopLearning(because: "U")
            guard tuning.apply(tuning.start) else { return }
            message = "starting parameters restored"
            settingsChanged()
        case .moveCursor(let dx, let dy):
            placeCursor(at: Point(x: cursor.x + dx, y: cursor.y + dy))
        case .pinBaseline:
            guard let frame = displayedFrame else { return }
            baseline.pin(frame)
            message = "baseline pinned (step \(frame.iteration)); the diff view compares with it"
        case .save: save()
        case .fullResolution:
            guard runs.working.isReduced else {
                message = "already at full resolution"
                return
            }
            restart(fullResolution: true)
            message = "computing at full resolution \(problem.image.width)×\(problem.image.height)"
        case .toggleLearning:
            if !stopLearning(because: "L") { startLearning() }
        case .stopLearning:
            if !stopLearning(because: "Esc") { message = "not learning (L learns the parameters from the truth)" }
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
            case .success(let (p, u)): apply(ModelSettings(parameters: p, unary: u))
            case .failure(let error): message = error.message
            }
        case .character(let c) where c.isNumber || "+-.eE, ".contains(c) || c.isLetter:
            editText?.append(c)
        default:
            return false
        }
        return true
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

    // MARK: - Learning

    /// `L`: learns from the current settings on the open image and the other folders given.
    private func startLearning() {
        guard let truth = problem.truth else {
            message = "learning needs a truth map (truth.png in the folder, or --truth)"
            return
        }
        let open = TrainingImage(title: problem.title, image: problem.image, source: problem.source, truth: truth)
        let images = [open] + learning.setup.otherImages
        learning.begin(from: tuning.current, images: images)
        learned = nil
        message = "learning on \(images.count) image\(images.count == 1 ? "" : "s") (Esc stops and keeps the best so far)"
    }

    /// Stops learning if it runs, making its best parameters so far current as one undoable
    /// change (the hand-set ones are one `u` away); returns whether it was running. `reason`
    /// names what stopped it, for the status line.
    @discardableResult
    private func stopLearning(because reason: String) -> Bool {
        guard learning.isRunning else { return false }
        let epoch = learning.best?.epoch
        guard let kept = learning.stop() else { return false }
        adopt(kept)
        if let epoch {
            message = "learning stopped (\(reason)) after epoch \(learning.epochs.count); kept epoch \(epoch)'s parameters (u restores the hand-set ones)"
        } else {
            message = "learning stopped (\(reason)) after epoch \(learning.epochs.count); no epoch beat the starting parameters, kept"
        }
        return true
    }

    /// Makes learned settings current as one change (none when they are the current ones) and
    /// runs them in place of the last epoch's preview.
    private func adopt(_ settings: ModelSettings) {
        learned = tuning.apply(settings) ? settings : nil
        settingsChanged()
    }

    // MARK: - Settings changes and runs

    /// A user change: remembered for undo, then the model restarts.
    private func apply(_ settings: ModelSettings) {
        guard tuning.apply(settings) else { return }
        settingsChanged()
    }

    private func settingsChanged() {
        selectedParameter = min(selectedParameter, parameterList.count - 1)
        restart()
    }

    /// Starts inference from step 0 with the current settings, cancelling the old run; the
    /// display follows the new run as its steps complete. A save waiting for a run of other
    /// settings is cancelled, and the status line says so.
    private func restart(fullResolution: Bool = false) {
        runs.start(shownSettings, fullResolution: fullResolution)
        playback.restart(follow: true)
        if exports.runStarted(runs.current) {
            message = "save cancelled: the parameters changed (s saves the new ones)"
        }
    }

    /// `s`: saves the full-resolution result of the current settings, computing it first
    /// when the run so far was on a reduced working copy.
    private func save() {
        guard exporter != nil else {
            message = "saving is not available here"
            return
        }
        if let result = runs.current.result, runs.isFullSize {
            message = exports.write(result, of: runs.current.settings, problem: problem, palette: theme.labelPalette)
            return
        }
        if !(runs.current.fullResolution && runs.current.isComputing) { restart(fullResolution: true) }
        exports.wait(for: shownSettings)
        message = "computing at full resolution to save…"
    }

    // MARK: - Time and results

    /// Takes in finished steps and advances playback; returns whether anything changed.
    @discardableResult
    public func tick(now: ContinuousClock.Instant) -> Bool {
        var changed = false
        for event in runs.poll() {
            changed = true
            switch event {
            case .step(_, let frame): playback.arrived(step: frame.iteration)
            case .finished(_, _, let result):
                playback.runFinished()
                if exports.takePending(finished: runs.current) {
                    message = exports.write(result, of: runs.current.settings, problem: problem, palette: theme.labelPalette)
                }
            case .built, .energy, .failed: break
            }
        }
        for update in learning.poll() {
            changed = true
            switch update {
            case .epoch: restart()
            case .done(let best):
                adopt(best)
                message = "learning finished; u restores the hand-set parameters"
            case .failed(let text):
                restart()
                message = "learning failed: \(text)"
            }
        }
        if playback.advance(now: now, computed: history.count, last: iterations) { changed = true }
        return changed
    }
}

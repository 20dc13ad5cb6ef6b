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
    public private(set) var working: WorkingCopy
    public let runner: InferenceRunner
    public let themes: ThemeLoader
    public private(set) var theme: Theme
    public var colorMode: ColorMode
    public var glyphs: GlyphSet

    /// Model parameters in original-image pixels, as the user sees and edits them.
    public private(set) var parameters: CRFParameters
    public private(set) var unarySettings: UnarySettings

    /// Frames of the current run, by step.
    public private(set) var history: [StepFrame] = []
    public private(set) var runGeneration = 0
    public private(set) var buildMilliseconds: Double?
    public private(set) var runMilliseconds: Double?
    public private(set) var failure: String?

    // UI state.
    public private(set) var targetStep = 0
    /// Whether the display follows the computation to the last step (after a restart).
    public private(set) var following = false
    public private(set) var playing = false
    public private(set) var speedIndex = PlaybackSpeed.defaultIndex
    public private(set) var viewIndex = 0
    public private(set) var selectedClass = 0
    public private(set) var showHelp = false
    public private(set) var quitRequested = false
    public private(set) var message: String?
    /// The inspected pixel, in original-image coordinates.
    public private(set) var cursor: Point
    private var lastAdvance: ContinuousClock.Instant?

    public init(problem: ViewerProblem, runner: InferenceRunner, themes: ThemeLoader, theme: Theme,
                colorMode: ColorMode, glyphs: GlyphSet, workSize: Int?) {
        self.problem = problem
        self.runner = runner
        self.themes = themes
        self.theme = theme
        self.colorMode = colorMode
        self.glyphs = glyphs
        self.parameters = problem.parameters
        self.unarySettings = problem.unarySettings
        self.working = WorkingCopy(problem: problem, workSize: workSize)
        selectedClass = min(1, problem.labelCount - 1)
        cursor = Point(x: problem.image.width / 2, y: problem.image.height / 2)
        restart()
    }

    // MARK: - What is shown

    /// The step on screen: the target step once computed, else the latest computed one.
    public var displayedStep: Int { min(targetStep, max(0, history.count - 1)) }
    public var displayedFrame: StepFrame? { history.isEmpty ? nil : history[displayedStep] }
    public var iterations: Int { parameters.iterations }
    public var isComputing: Bool { runMilliseconds == nil && failure == nil }
    public var views: [ViewKind] { ViewKind.available(hasTruth: problem.truth != nil, hasBaseline: false) }
    public var currentView: ViewKind { views[viewIndex % views.count] }
    public var playInterval: Int { PlaybackSpeed.intervals[speedIndex] }

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
        case .moveCursor(let dx, let dy):
            placeCursor(at: Point(x: cursor.x + dx, y: cursor.y + dy))
        default: message = "not available yet"
        }
    }

    /// Moves the inspector cursor, clamped to the image; returns whether it moved.
    @discardableResult
    public func placeCursor(at point: Point) -> Bool {
        let clamped = Point(x: max(0, min(problem.image.width - 1, point.x)), y: max(0, min(problem.image.height - 1, point.y)))
        defer { cursor = clamped }
        return clamped != cursor
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

    // MARK: - Time and results

    /// Takes in finished steps and advances playback; returns whether anything changed.
    @discardableResult
    public func tick(now: ContinuousClock.Instant) -> Bool {
        var changed = false
        for event in runner.drain() {
            changed = true
            switch event {
            case .built(_, let ms): buildMilliseconds = ms
            case .step(_, let frame):
                if frame.iteration == history.count { history.append(frame) }
                if following { targetStep = frame.iteration }
            case .finished(_, let ms): runMilliseconds = ms
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

    /// Starts inference from step 0 with the current parameters, dropping the old run.
    func restart() {
        history.removeAll()
        buildMilliseconds = nil
        runMilliseconds = nil
        failure = nil
        let job = InferenceRunner.Job(image: working.image, source: working.source, unarySettings: unarySettings,
                                      parameters: working.workingParameters(parameters))
        runGeneration = runner.start(job)
    }
}

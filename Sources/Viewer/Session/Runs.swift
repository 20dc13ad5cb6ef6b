import DenseCRF

/// The session's inference runs: each starts on the working copy while tuning, or on the full
/// image for `F` and saves, and cancels the one before it (see `InferenceRunner`). Only the
/// current run is kept; the runner drops events of older generations.
public struct Runs {
    /// The grid runs use while tuning.
    public let working: WorkingCopy
    private let problem: Problem
    private let runner: InferenceRunner
    public private(set) var current: RunState

    /// Starts the first run, of `settings` on the working copy.
    init(problem: Problem, runner: InferenceRunner, workSize: Int?, settings: ModelSettings) {
        self.problem = problem
        self.runner = runner
        working = WorkingCopy(problem: problem, workSize: workSize)
        current = RunState(generation: 0, settings: settings, fullResolution: false)
        start(settings, fullResolution: false)
    }

    /// Whether the current run computes the image at its own size, which is what `s` saves.
    public var isFullSize: Bool { !working.isReduced || current.fullResolution }

    /// Cancels the current run and starts one of `settings`. A full-resolution run keeps its
    /// frames at the working resolution, so the screen's caches and views stay the same.
    /// Frames keep their energies only when there is a truth map to explain errors against.
    mutating func start(_ settings: ModelSettings, fullResolution: Bool) {
        let explains = problem.truth != nil
        let job = fullResolution
            ? InferenceRunner.Job(image: problem.image, source: problem.source, unarySettings: settings.unary,
                                  parameters: settings.parameters, frameGrid: working.size, keepsEnergies: explains)
            : InferenceRunner.Job(image: working.image, source: working.source, unarySettings: settings.unary,
                                  parameters: working.workingParameters(settings.parameters), keepsEnergies: explains)
        current = RunState(generation: runner.start(job), settings: settings, fullResolution: fullResolution)
    }

    /// The current run's events since the last poll, oldest first, already taken into `current`.
    mutating func poll() -> [InferenceRunner.Event] {
        let events = runner.drain()
        for event in events { current.take(event) }
        return events
    }
}

import CRFLearning
import DenseCRF

/// Learning mode (`L`): CRF-RNN training on the open image (and the other folders given) in
/// the background, starting from the current settings.
///
/// While it runs, each epoch's parameters are the `preview` the screen shows and runs; the
/// settings the user tuned stay untouched. When it finishes or is stopped, the best parameters
/// so far are handed back once, for the session to make current as one undoable change.
public struct Learning {
    private let runner: LearningRunner
    public let setup: LearningSetup
    /// The generation of the learning run in progress, nil when none is.
    private var generation: Int?
    /// The settings learning started from (the hand-set ones).
    public private(set) var start: ModelSettings?
    /// Every epoch so far, of the current or the last learning run.
    public private(set) var epochs: [EpochReport] = []
    /// The starting parameters' mean IoU on the training images, once scored.
    public private(set) var startMIoU: Double?
    /// The settings of the latest epoch, shown and run while learning.
    public private(set) var preview: ModelSettings?
    public private(set) var failure: String?

    init(runner: LearningRunner, setup: LearningSetup) {
        self.runner = runner
        self.setup = setup
    }

    public var isRunning: Bool { generation != nil }
    /// The best epoch so far (by mean IoU at the viewer's step count); nil while no epoch has
    /// beaten the starting parameters.
    public var best: EpochReport? { epochs.last { $0.best } }
    /// The best mean IoU so far, the starting parameters' included.
    public var bestMIoU: Double? { best?.validationMIoU ?? startMIoU }

    /// Starts learning from `settings` on `images`.
    mutating func begin(from settings: ModelSettings, images: [TrainingImage]) {
        start = settings
        epochs = []
        startMIoU = nil
        preview = nil
        failure = nil
        generation = runner.start(LearningRunner.Job(images: images, start: settings, setup: setup))
    }

    /// Stops learning; returns the best settings so far, the starting ones when no epoch beat
    /// them (or none finished). Nothing the stopped run computes afterwards is delivered.
    mutating func stop() -> ModelSettings? {
        guard isRunning else { return nil }
        runner.cancel()
        generation = nil
        preview = nil
        return best.map(settings) ?? start
    }

    /// What happened since the last poll: `.epoch` when a new preview is to be run, `.done`
    /// with the best settings when learning finished, `.failed` when it could not run.
    enum Update { case epoch, done(ModelSettings), failed(String) }

    mutating func poll() -> [Update] {
        guard let generation else { return [] }
        var updates: [Update] = []
        for event in runner.drain() where event.generation == generation {
            switch event {
            case .started(_, let miou):
                startMIoU = miou
            case .epoch(_, let report):
                epochs.append(report)
                preview = settings(report)
                updates.append(.epoch)
            case .finished(_, let result):
                self.generation = nil
                preview = nil
                updates.append(.done(ModelSettings(parameters: result.parameters, unary: start?.unary ?? UnarySettings())))
            case .failed(_, let message):
                self.generation = nil
                preview = nil
                failure = message
                updates.append(.failed(message))
            }
        }
        return updates
    }

    private func settings(_ report: EpochReport) -> ModelSettings {
        ModelSettings(parameters: report.parameters, unary: start?.unary ?? UnarySettings())
    }
}

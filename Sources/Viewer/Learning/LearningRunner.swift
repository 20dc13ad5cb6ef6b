import CRFLearning
import DenseCRF
import Foundation

/// Runs CRF-RNN training off the UI thread and hands each epoch to the UI.
///
/// Like `InferenceRunner`, it delivers through a `GenerationInbox`: every `start` and `cancel`
/// makes a new generation current, and the trainer asks after every image whether its own
/// still is and stops when it is not. So once learning is stopped, nothing it computed
/// afterwards can reach the screen.
public final class LearningRunner: @unchecked Sendable {
    /// One learning run: the images, the starting model and how to learn.
    public struct Job: Sendable {
        public var images: [TrainingImage]
        public var start: ModelSettings
        public var setup: LearningSetup

        public init(images: [TrainingImage], start: ModelSettings, setup: LearningSetup) {
            self.images = images
            self.start = start
            self.setup = setup
        }
    }

    public enum Event: Sendable {
        /// Scores of the starting parameters, before the first epoch.
        case started(generation: Int, miou: Double)
        case epoch(generation: Int, report: EpochReport)
        case finished(generation: Int, result: TrainingResult)
        case failed(generation: Int, message: String)

        public var generation: Int {
            switch self {
            case .started(let g, _), .epoch(let g, _), .finished(let g, _), .failed(let g, _): g
            }
        }
    }

    private let scheduler: Scheduler
    private let inbox: GenerationInbox<Event>

    public init(scheduler: Scheduler = BackgroundScheduler(label: "crfview.learning"), wake: (@Sendable () -> Void)? = nil) {
        self.scheduler = scheduler
        inbox = GenerationInbox(wake: wake)
    }

    /// Cancels any learning in progress and starts `job`; returns its generation.
    @discardableResult
    public func start(_ job: Job) -> Int {
        let g = inbox.next()
        scheduler.schedule { [self] in run(job, generation: g) }
        return g
    }

    /// Stops the learning in progress; nothing it posts afterwards is delivered.
    public func cancel() { inbox.next() }

    /// Events of the current generation posted since the last call, oldest first.
    public func drain() -> [Event] { inbox.drain() }

    private func isCurrent(_ g: Int) -> Bool { inbox.isCurrent(g) }

    private func post(_ event: Event) { inbox.post(event, generation: event.generation) }

    /// The images are scored as they are trained on (`validation` = `training`): the best
    /// parameters are those whose result at the viewer's step count has the highest mean IoU
    /// on the images the user is looking at, which is what the status bar reports.
    private func run(_ job: Job, generation g: Int) {
        guard isCurrent(g) else { return }
        do {
            let examples = try job.images.map { image in
                let unary = try image.source.energies(pixels: image.image.pixelCount, settings: job.start.unary)
                return try TrainingExample(name: image.title, image: image.image, unary: unary, truth: image.truth)
            }
            guard let labels = examples.first?.labelCount else { throw CRFError("nothing to learn from: no images with truth") }
            let layout = ParameterLayout(base: job.start.parameters, spec: job.setup.spec, labels: labels)
            var options = job.setup.options
            options.inferenceSteps = job.start.parameters.iterations
            let trainer = try Trainer(layout: layout, training: examples, validation: examples, options: options)
            guard isCurrent(g) else { return }
            let result = try trainer.run(onStart: { miou in post(.started(generation: g, miou: miou ?? 0)) },
                                         onEpoch: { report in post(.epoch(generation: g, report: report)) },
                                         shouldStop: { !isCurrent(g) })
            post(.finished(generation: g, result: result))
        } catch {
            post(.failed(generation: g, message: "\(error)"))
        }
    }
}

import DenseCRF
import Foundation

/// Runs mean-field inference off the UI thread and hands each finished step to the UI.
///
/// Every `start` bumps a generation number (a `GenerationInbox`); the running job checks it between steps and stops
/// once it is stale, and `drain` drops any event of an older generation. So after a parameter
/// change, nothing computed with the old parameters can reach the screen, even if the old job
/// was in the middle of a step when the change came.
///
/// Jobs run on a `Scheduler`: a background queue in the app, or `ManualScheduler` in tests,
/// which runs queued work only when the test says so (no sleeps, no races).
public final class InferenceRunner: @unchecked Sendable {
    /// What one run computes.
    public struct Job: Sendable {
        public var image: RGBImage
        public var source: UnarySource
        public var unarySettings: UnarySettings
        public var parameters: CRFParameters
        /// The grid frames are stored at, when smaller than the image (a full-resolution run
        /// keeps its history at the working resolution).
        public var frameGrid: Size?
        /// Whether frames keep the unary and pairwise energies (`StepFrame.unary`, `.pairwise`)
        /// for the inspector: 2 bytes per pixel and label per frame more, so only when there is
        /// a truth map to explain errors against.
        public var keepsEnergies: Bool

        public init(image: RGBImage, source: UnarySource, unarySettings: UnarySettings, parameters: CRFParameters,
                    frameGrid: Size? = nil, keepsEnergies: Bool = false) {
            self.image = image
            self.source = source
            self.unarySettings = unarySettings
            self.parameters = parameters
            self.frameGrid = frameGrid
            self.keepsEnergies = keepsEnergies
        }
    }

    /// The last step of a run at full precision and the job's resolution, for exports.
    public struct Result: Sendable {
        public let width: Int
        public let height: Int
        public let marginals: Marginals
        public let labels: [Int32]
    }

    /// What the UI receives, tagged with the generation of the run it belongs to.
    public enum Event: Sendable {
        /// The model was built (lattices ready) in `milliseconds`, `rebuilt` of its kernels
        /// anew (the others reused from the previous run: only their weights changed).
        case built(generation: Int, milliseconds: Double, rebuilt: Int)
        case step(generation: Int, frame: StepFrame)
        /// Energies of an earlier step: the free energy as soon as the next step's messages
        /// are computed, the MAP energy once every frame has been delivered.
        case energy(generation: Int, step: Int, kl: Double?, mapEnergy: Double?)
        case finished(generation: Int, milliseconds: Double, result: Result)
        case failed(generation: Int, message: String)

        public var generation: Int {
            switch self {
            case .built(let g, _, _), .step(let g, _), .energy(let g, _, _, _), .finished(let g, _, _), .failed(let g, _): g
            }
        }
    }

    private let scheduler: Scheduler
    private let inbox: GenerationInbox<Event>
    /// The unaries of the last job: most changes are to the kernels, and remaking −log p for
    /// every pixel and label would delay each restart.
    private var unaryCache: (source: UnarySource, settings: UnarySettings, pixels: Int, energies: UnaryEnergies)?
    /// The last model built, whose lattices a new job on the same image reuses where only
    /// weights changed (compatibilities, iterations, unary settings): see `KernelGeometry`.
    private var modelCache: (image: RGBImage, model: DenseCRF)?
    /// The first step's kernel responses of earlier runs on this image: a compatibility edit
    /// reaches step 1 without filtering (see `FirstResponses`).
    private var firstResponses = FirstResponses()

    /// `wake` is called (from the worker) whenever an event is posted, so a UI blocked waiting
    /// for input can redraw at once.
    public init(scheduler: Scheduler = BackgroundScheduler(), wake: (@Sendable () -> Void)? = nil) {
        self.scheduler = scheduler
        inbox = GenerationInbox(wake: wake)
    }

    /// The generation of the latest `start`.
    public var currentGeneration: Int { inbox.current }

    /// Cancels any run in progress and starts `job`; returns its generation.
    @discardableResult
    public func start(_ job: Job) -> Int {
        let g = inbox.next()
        scheduler.schedule { [self] in run(job, generation: g) }
        return g
    }

    /// Cancels the run in progress without starting another.
    public func cancel() { inbox.next() }

    /// Events of the current generation posted since the last call, oldest first.
    public func drain() -> [Event] { inbox.drain() }

    private func isCurrent(_ g: Int) -> Bool { inbox.isCurrent(g) }

    private func post(_ event: Event) { inbox.post(event, generation: event.generation) }

    private func run(_ job: Job, generation g: Int) {
        guard isCurrent(g) else { return }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let unary = try unaries(for: job)
            let previous = modelCache.flatMap { $0.image == job.image ? $0.model : nil }
            if previous == nil { firstResponses = FirstResponses() }
            // A newer job cancels this one's lattice build too, not only its steps.
            let model = try DenseCRF(image: job.image, unary: unary, parameters: job.parameters, reusing: previous,
                                     cancelled: { [inbox] in !inbox.isCurrent(g) })
            modelCache = (job.image, model)
            let rebuilt = model.terms.filter { term in !(previous?.terms.contains { $0.kernel === term.kernel } ?? false) }.count
            post(.built(generation: g, milliseconds: (clock.now - start).milliseconds, rebuilt: rebuilt))
            guard isCurrent(g) else { return }
            // Frames first: the picture of each step is posted as soon as its Q exists; its
            // free energy comes with the messages the next step computes anyway and is posted
            // after that step's frame, and the MAP energies (one extra filter per kernel and
            // step) only after the last frame.
            let inference = MeanFieldInference(model: model, tracksEnergy: false, firstResponses: firstResponses)
            let size = Size(width: job.image.width, height: job.image.height)
            let unaryAtGrid = job.keepsEnergies
                ? StepFrame.atGrid(model.unary.values, labels: model.labelCount, size: size, grid: job.frameGrid ?? size) : nil
            var labelHistory = [inference.currentLabels]
            post(.step(generation: g, frame: StepFrame(inference, size: size, grid: job.frameGrid, unary: unaryAtGrid)))
            for t in 0..<job.parameters.iterations {
                guard isCurrent(g) else { return }
                let kl = inference.freeEnergyAndStep()
                labelHistory.append(inference.currentLabels)
                post(.step(generation: g, frame: StepFrame(inference, size: size, grid: job.frameGrid, unary: unaryAtGrid)))
                post(.energy(generation: g, step: t, kl: kl, mapEnergy: nil))
            }
            guard isCurrent(g) else { return }
            post(.energy(generation: g, step: job.parameters.iterations, kl: inference.freeEnergy(), mapEnergy: nil))
            for (t, labelling) in labelHistory.enumerated() {
                guard isCurrent(g) else { return }
                post(.energy(generation: g, step: t, kl: nil, mapEnergy: inference.mapEnergy(of: labelling)))
            }
            let labels = inference.currentLabels
            let result = Result(width: size.width, height: size.height, marginals: inference.finish(), labels: labels)
            post(.finished(generation: g, milliseconds: (clock.now - start).milliseconds, result: result))
        } catch {
            post(.failed(generation: g, message: "\(error)"))
        }
    }

    /// Runs on the scheduler's one worker at a time, so the caches need no lock of their own.
    private func unaries(for job: Job) throws -> UnaryEnergies {
        let n = job.image.pixelCount
        if let c = unaryCache, c.pixels == n, c.settings == job.unarySettings, c.source == job.source { return c.energies }
        let energies = try job.source.energies(pixels: n, settings: job.unarySettings)
        unaryCache = (job.source, job.unarySettings, n, energies)
        return energies
    }
}

/// Where `InferenceRunner` runs its jobs.
public protocol Scheduler: Sendable {
    func schedule(_ work: @escaping @Sendable () -> Void)
}

/// One serial background queue: a new job waits for the cancelled one to notice (at its next
/// step boundary) rather than competing with it for the cores.
public struct BackgroundScheduler: Scheduler {
    private let queue: DispatchQueue
    public init(label: String = "crfview.inference") { queue = DispatchQueue(label: label, qos: .userInitiated) }
    public func schedule(_ work: @escaping @Sendable () -> Void) { queue.async(execute: work) }
}

/// Runs scheduled work only when asked: deterministic tests of cancellation and ordering.
public final class ManualScheduler: Scheduler, @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [@Sendable () -> Void] = []
    public init() {}
    public func schedule(_ work: @escaping @Sendable () -> Void) { lock.withLock { queue.append(work) } }
    /// Number of jobs waiting.
    public var pending: Int { lock.withLock { queue.count } }
    /// Runs the oldest waiting job to completion (or to its cancellation point).
    public func runNext() {
        let work = lock.withLock { queue.isEmpty ? nil : queue.removeFirst() }
        work?()
    }
}

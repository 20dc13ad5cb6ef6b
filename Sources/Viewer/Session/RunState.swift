import DenseCRF

/// One inference run as the screen sees it: what it computes, its frames as they arrive, its
/// timings or its failure, and its last step at full precision once it has finished.
public struct RunState: Sendable {
    /// The runner's generation of this run; events of other generations never reach it.
    public let generation: Int
    public let settings: ModelSettings
    /// Whether it runs on the full image (`F`, saves) rather than on the working copy.
    public let fullResolution: Bool
    /// Frames by step, as far as computed.
    public private(set) var frames: [StepFrame] = []
    public private(set) var buildMilliseconds: Double?
    public private(set) var runMilliseconds: Double?
    public private(set) var failure: String?
    /// The last step at full precision and the run's resolution, once finished.
    public private(set) var result: InferenceRunner.Result?

    init(generation: Int, settings: ModelSettings, fullResolution: Bool) {
        self.generation = generation
        self.settings = settings
        self.fullResolution = fullResolution
    }

    public var isComputing: Bool { runMilliseconds == nil && failure == nil }

    /// Takes in one event of this run.
    mutating func take(_ event: InferenceRunner.Event) {
        switch event {
        case .built(_, let ms, _): buildMilliseconds = ms
        case .step(_, let frame):
            if frame.iteration == frames.count { frames.append(frame) }
        case .energy(_, let step, let kl, let map):
            guard step < frames.count else { break }
            if let kl { frames[step].kl = kl }
            if let map { frames[step].mapEnergy = map }
        case .finished(_, let ms, let r):
            runMilliseconds = ms
            result = r
        case .failed(_, let text): failure = text
        }
    }
}

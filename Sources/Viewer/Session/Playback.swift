/// Which step is on screen and how it moves: stepping by hand, following a run as its steps
/// arrive, and timed play. It knows only step numbers; the frames are the run's.
public struct Playback: Sendable {
    /// The step asked for; the screen shows it once computed (see `displayedStep`).
    public private(set) var targetStep = 0
    /// Whether the display follows the computation to the last step (after a restart).
    public private(set) var following = false
    public private(set) var playing = false
    public private(set) var speedIndex: Int
    private var lastAdvance: ContinuousClock.Instant?

    /// `speedIndex` is clamped to `PlaybackSpeed.intervals`.
    public init(speedIndex: Int = PlaybackSpeed.defaultIndex) {
        self.speedIndex = max(0, min(PlaybackSpeed.intervals.count - 1, speedIndex))
    }

    /// Milliseconds per step while playing.
    public var interval: Int { PlaybackSpeed.intervals[speedIndex] }

    /// The step on screen when `computed` steps exist: the target once computed, else the
    /// latest computed one.
    public func displayedStep(computed: Int) -> Int { min(targetStep, max(0, computed - 1)) }

    /// `n`, `p`, `g`, `G`: go to `step` (clamped to 0…`last`), stopping play and following.
    mutating func go(to step: Int, last: Int) {
        following = false
        playing = false
        targetStep = max(0, min(last, step))
    }

    /// Space: play from the step on screen, or from step 0 when it is the last.
    mutating func togglePlay(now: ContinuousClock.Instant, displayed: Int, last: Int) {
        following = false
        playing.toggle()
        if playing, displayed >= last { targetStep = 0 }
        lastAdvance = now
    }

    mutating func slower() { speedIndex = max(0, speedIndex - 1) }
    mutating func faster() { speedIndex = min(PlaybackSpeed.intervals.count - 1, speedIndex + 1) }

    /// A new run: back to step 0, not playing, following its steps when `follow`.
    mutating func restart(follow: Bool) {
        playing = false
        following = follow
        targetStep = 0
    }

    /// Step `step` of the run arrived: the display moves to it when following.
    mutating func arrived(step: Int) {
        if following { targetStep = step }
    }

    /// The run finished: the display stays where it is.
    mutating func runFinished() { following = false }

    /// While playing, moves one step per `interval` once that step is computed, and stops at
    /// `last`; returns whether anything changed.
    mutating func advance(now: ContinuousClock.Instant, computed: Int, last: Int) -> Bool {
        guard playing, let previous = lastAdvance, now - previous >= .milliseconds(interval) else { return false }
        if displayedStep(computed: computed) < last {
            if targetStep < computed { targetStep += 1 }
            lastAdvance = now
        } else {
            playing = false
        }
        return true
    }
}

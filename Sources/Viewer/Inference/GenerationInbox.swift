import Foundation

/// What a background runner hands the UI thread, by generation: every `next` (a new job, or
/// a cancel) makes a new generation current and forgets what is waiting, `post` drops events
/// of any other generation, and `drain` takes what is left. So once a job is superseded,
/// nothing it computes afterwards reaches the screen, even if it was mid-step at the change.
/// `InferenceRunner` and `LearningRunner` both deliver through one.
final class GenerationInbox<Event: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var generation = 0
    private var events: [Event] = []
    private let wake: (@Sendable () -> Void)?

    /// `wake` is called (from the worker) whenever an event is accepted.
    init(wake: (@Sendable () -> Void)?) { self.wake = wake }

    var current: Int { lock.withLock { generation } }

    /// Makes a new generation current, dropping waiting events; returns it.
    @discardableResult
    func next() -> Int {
        lock.withLock {
            generation += 1
            events.removeAll()
            return generation
        }
    }

    func isCurrent(_ g: Int) -> Bool { lock.withLock { generation == g } }

    /// Keeps `event` for the UI if `g` is still current.
    func post(_ event: Event, generation g: Int) {
        let accepted = lock.withLock { () -> Bool in
            guard g == generation else { return false }
            events.append(event)
            return true
        }
        if accepted { wake?() }
    }

    /// The current generation's events since the last call, oldest first.
    func drain() -> [Event] {
        lock.withLock {
            defer { events.removeAll() }
            return events
        }
    }
}

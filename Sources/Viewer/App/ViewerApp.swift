/// The viewer's event loop: draw, wait briefly for input, apply it, take in finished steps.
///
/// Input is read with a short timeout while something is moving (inference running, playback)
/// so that new steps appear within a frame, and a longer one when idle. All pending key
/// presses are applied before the next draw, so key repeat never queues up stale frames.
public final class ViewerApp {
    public let session: ViewerSession
    public let screen: ViewerScreen
    private let clock = ContinuousClock()

    public init(session: ViewerSession) {
        self.session = session
        screen = ViewerScreen(session: session)
    }

    /// Runs until the user quits (or the backend reports an interrupt).
    public func run(on backend: TerminalBackend) {
        screen.glyphs = backend.glyphs
        screen.colorSupport = backend.colorSupport
        session.tick(now: clock.now)
        backend.present(screen.render(size: backend.size))
        while !session.quitRequested {
            let busy = session.isComputing || session.playback.playing || session.learning.isRunning
            var dirty = false
            if let first = backend.nextEvent(timeoutMs: busy ? 20 : 250) {
                var event: InputEvent? = first
                while let e = event {
                    dirty = handle(e) || dirty
                    if session.quitRequested { return }
                    event = backend.nextEvent(timeoutMs: 0)
                }
            }
            dirty = session.tick(now: clock.now) || dirty
            if dirty { backend.present(screen.render(size: backend.size)) }
        }
    }

    /// Applies one event; mouse clicks on a pane are mapped to image pixels here because only
    /// the screen knows where the panes were drawn.
    func handle(_ event: InputEvent) -> Bool {
        if case .mouse(let m) = event {
            guard m.button == .left else { return false }
            for fit in screen.fits {
                if let pixel = fit.imagePixel(at: m.position) { return session.placeCursor(at: pixel) }
            }
            return false
        }
        return session.handle(event, now: clock.now)
    }
}

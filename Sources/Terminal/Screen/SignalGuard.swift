#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import POSIXSignals

/// Puts the terminal back when the process is interrupted, killed or crashes.
///
/// Everything the handler needs is prepared before it is installed: the tty modes saved
/// with `tcgetattr` before curses started, and one escape string that disables mouse
/// reporting, resets attributes, shows the cursor, leaves keypad mode and the alternate
/// screen (from terminfo where it has them). The handler then does only async-signal-safe
/// work: `write(2)`, `tcsetattr(3)`, `sigaction(2)`, `raise(3)`; it never calls into curses,
/// which is not reentrant.
///
/// - SIGINT, SIGTERM, SIGHUP and SIGQUIT, when `interruptible`: the first one only sets a
///   flag that `TerminalScreen.nextEvent` turns into `.interrupt`, so the viewer can leave
///   through its normal path and exit with 128 + the signal; a second one while the first is
///   still unhandled (the viewer is stuck) restores and terminates.
/// - The crash signals SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE (a Swift
///   runtime trap is SIGILL): restore, put back the handler that was there before (the
///   Swift runtime's backtracer, or the default action) and re-raise, so the crash report,
///   exit status and core dump are what they would have been, now on a sane screen.
///   Handlers run on an alternate stack so a stack overflow can still restore.
/// - Signals the process ignores (SIG_IGN, e.g. SIGHUP under nohup) stay ignored.
enum SignalGuard {
    private struct State {
        var terminalModes = termios()
        var hasTerminalModes = false
        var reset: UnsafeMutableBufferPointer<UInt8>
        var interruptible = false
        /// The pending graceful signal, or 0.
        var interrupt: sig_atomic_t = 0
        /// The actions replaced by `install`, indexed by signal number, for the handler to
        /// put back without touching anything that could allocate.
        var previous: UnsafeMutablePointer<sigaction>
    }

    static let gracefulSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE]

    /// Written only by `install`/`uninstall` on the thread that owns the screen, while no
    /// handler is installed; read by the handler.
    nonisolated(unsafe) private static var state: UnsafeMutablePointer<State>?
    nonisolated(unsafe) private static var alternateStack: UnsafeMutableRawPointer?
    /// The signals whose handler `install` replaced.
    nonisolated(unsafe) private static var installed: [Int32] = []
    /// Enough slots for every signal number this guard handles (all below 32 on Linux).
    private static let signalCount = 32

    /// Installs the handlers. `terminalModes` are the modes to restore (taken before curses
    /// changed them); `reset` is the escape string to write.
    static func install(terminalModes: termios?, reset: [UInt8], interruptible: Bool) {
        precondition(state == nil, "signal guard installed twice")
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: reset.count)
        _ = buffer.initialize(from: reset)
        let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: signalCount)
        previous.initialize(repeating: sigaction(), count: signalCount)
        let newState = UnsafeMutablePointer<State>.allocate(capacity: 1)
        newState.initialize(to: State(terminalModes: terminalModes ?? termios(), hasTerminalModes: terminalModes != nil,
                                      reset: buffer, interruptible: interruptible, previous: previous))
        state = newState

        let stackSize = 64 * 1024
        let stack = UnsafeMutableRawPointer.allocate(byteCount: stackSize, alignment: 16)
        var alternate = stack_t(ss_sp: stack, ss_flags: 0, ss_size: stackSize)
        if sigaltstack(&alternate, nil) == 0 { alternateStack = stack } else { stack.deallocate() }

        for signal in gracefulSignals + fatalSignals {
            sigaction(signal, nil, &previous[Int(signal)])
            guard !SignalAction.isIgnored(previous[Int(signal)]) else { continue }
            var action = SignalAction.make(handle, flags: SA_ONSTACK)
            sigaction(signal, &action, nil)
            installed.append(signal)
        }
    }

    /// Restores the handlers that were there before `install` and frees the state.
    static func uninstall() {
        guard let current = state else { return }
        for signal in installed { sigaction(signal, &current.pointee.previous[Int(signal)], nil) }
        installed = []
        if let stack = alternateStack {
            var disable = stack_t(ss_sp: nil, ss_flags: Int32(SS_DISABLE), ss_size: 0)
            sigaltstack(&disable, nil)
            stack.deallocate()
            alternateStack = nil
        }
        state = nil
        current.pointee.reset.deallocate()
        current.pointee.previous.deallocate()
        current.deinitialize(count: 1)
        current.deallocate()
    }

    /// Returns and clears a pending graceful signal's number.
    static func takeInterrupt() -> Int32? {
        guard let current = state, current.pointee.interrupt != 0 else { return nil }
        defer { current.pointee.interrupt = 0 }
        return current.pointee.interrupt
    }

    private static let handle: @convention(c) (Int32) -> Void = { signal in
        guard let current = SignalGuard.state else { return }
        if current.pointee.interruptible, gracefulSignals.contains(signal), current.pointee.interrupt == 0 {
            current.pointee.interrupt = signal
            return
        }
        let reset = current.pointee.reset
        _ = write(STDOUT_FILENO, reset.baseAddress, reset.count)
        if current.pointee.hasTerminalModes {
            _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &current.pointee.terminalModes)
        }
        sigaction(signal, &current.pointee.previous[Int(signal)], nil)
        raise(signal)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A C signal handler's `sigaction`, spelled once for Glibc and Darwin (which keep the
/// handler in differently named unions), for the two places that install handlers: the
/// commands' `EndingSignals` and the viewer's `SignalGuard`.
public enum SignalAction {
    public typealias Handler = @convention(c) (Int32) -> Void

    /// An action running `handler` with no other signal blocked.
    public static func make(_ handler: Handler, flags: Int32 = 0) -> sigaction {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        return action
    }

    /// Whether `action` ignores its signal (as `nohup` leaves SIGHUP): a handler installed
    /// over it would undo what the parent asked for.
    public static func isIgnored(_ action: sigaction) -> Bool {
        handlerAddress(of: action) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// The address of the action's handler (0 for the default action), to compare actions.
    public static func handlerAddress(of action: sigaction) -> Int {
        #if canImport(Glibc)
        let handler = action.__sigaction_handler.sa_handler
        #else
        let handler = action.__sigaction_u.__sa_handler
        #endif
        return unsafeBitCast(handler, to: Int.self)
    }
}

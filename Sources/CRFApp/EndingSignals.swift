import CRFIO
import POSIXSignals
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a command that is not the viewer ends on SIGINT, SIGTERM, SIGHUP or SIGQUIT: it
/// removes the temporary files of writes in progress (`TemporaryFiles`) and exits with
/// 128 + the signal, as a shell reports a process killed by it. SIGQUIT would otherwise make
/// the Swift runtime print a backtrace and SIGHUP leave temporary files. The viewer installs
/// its own handlers over these while the screen is up (`SignalGuard`), and `learn` its own
/// for SIGINT and SIGTERM (`Interruption`).
public enum EndingSignals {
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Set while a line is being redrawn in place on stderr (a progress bar): the handler
    /// ends it first, so the shell's prompt starts on a line of its own.
    private static let lineOpen = Atomic<Bool>(false)

    public static func install() {
        // What the handler reads, made now rather than on its first use inside the handler.
        TemporaryFiles.prepare()
        _ = lineOpen.load(ordering: .relaxed)
        // A parent may have left them blocked (threads of a dispatch pool block all signals,
        // and a child inherits the mask); a run must still end when asked to.
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in signals { sigaddset(&mask, signal) }
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        for signal in signals {
            var current = sigaction()
            sigaction(signal, nil, &current)
            // A signal ignored by the parent (nohup) stays ignored.
            guard !SignalAction.isIgnored(current) else { continue }
            var action = SignalAction.make(handle)
            sigaction(signal, &action, nil)
        }
    }

    /// Whether stderr's current line is a progress bar's, to be ended before exiting.
    public static func setLineOpen(_ open: Bool) { lineOpen.store(open, ordering: .relaxed) }

    private static let handle: @convention(c) (Int32) -> Void = { signal in
        if lineOpen.load(ordering: .relaxed) {
            var newline: UInt8 = 10
            _ = write(2, &newline, 1)
        }
        TemporaryFiles.removeAll()
        _exit(128 + signal)
    }
}

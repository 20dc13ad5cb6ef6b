import CRFIO
#if canImport(Glibc)
import Glibc
#endif

/// How a command that is not the viewer ends on SIGINT, SIGTERM, SIGHUP or SIGQUIT: it
/// removes the temporary files of writes in progress (`TemporaryFiles`) and exits with
/// 128 + the signal, as a shell reports a process killed by it. SIGQUIT would otherwise make
/// the Swift runtime print a backtrace and SIGHUP leave temporary files. The viewer installs
/// its own handlers over these while the screen is up (`SignalGuard`).
enum EndingSignals {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func install() {
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
            guard unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) else { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = handle
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
    }

    private static let handle: @convention(c) (Int32) -> Void = { signal in
        TemporaryFiles.removeAll()
        _exit(128 + signal)
    }
}

import Foundation
import Synchronization

/// Ctrl-C as a request to stop at the next safe point, for long runs (learning) that must
/// still write what they have: the first SIGINT or SIGTERM sets a flag, a second one ends the
/// process as the signal would.
public enum Interruption {
    private static let signal = Atomic<Int32>(0)

    /// Installs the handlers; `requested` answers from then on.
    public static func install() {
        for s in [SIGINT, SIGTERM] {
            Foundation.signal(s) { received in
                if Interruption.signal.exchange(received, ordering: .relaxed) != 0 {
                    Foundation.signal(received, SIG_DFL)
                    raise(received)
                }
            }
        }
    }

    /// The signal received, or 0.
    public static var received: Int32 { signal.load(ordering: .relaxed) }
    public static var requested: Bool { received != 0 }
}

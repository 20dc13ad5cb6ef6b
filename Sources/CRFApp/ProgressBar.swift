import Foundation

/// A one-line progress bar on stderr for long runs (a dataset's inputs, an epoch's images):
/// count, rate, ETA, failures, redrawn in place with a carriage return. Off a terminal (a log
/// file, a cluster job's output) it draws nothing, so logs hold only the logged lines and the
/// final summary. Lines logged while the bar is up clear it first, so they are never mixed
/// with it.
///
/// It installs no signal handlers: what Ctrl-C means is the command's choice (`infer` ends at
/// once, `EndingSignals`; `learn` stops after the epoch, `Interruption`).
public final class ProgressBar: @unchecked Sendable {
    private let total: Int
    /// Shown before the bar ("epoch 2/15").
    private let label: String?
    /// Whether the bar is drawn (stderr is a terminal, unless said otherwise).
    public let isShown: Bool
    private let write: (String) -> Void
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var finished = 0, worked = 0, failed = 0

    /// `write` receives the text to show (stderr by default); `isShown` defaults to whether
    /// stderr is a terminal.
    public init(total: Int, label: String? = nil, isShown: Bool = isatty(2) == 1,
                write: @escaping (String) -> Void = ProgressBar.standardError) {
        self.total = total
        self.label = label
        self.isShown = isShown
        self.write = write
        if isShown { write(line()) }
    }

    public static func standardError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    /// One input is finished; `skipped` inputs do not count towards the rate.
    public func advance(skipped: Bool = false, failed didFail: Bool = false) {
        lock.withLock {
            finished += 1
            if !skipped { worked += 1 }
            if didFail { failed += 1 }
            if isShown { write("\r" + line()) }
        }
    }

    /// Prints a whole line (an error, a note) above the bar.
    public func log(_ text: String) {
        lock.withLock {
            write(isShown ? "\r\u{1B}[K" + text + "\n" + line() : text + "\n")
        }
    }

    /// Removes the bar, leaving the cursor at the start of a clean line.
    public func finish() {
        lock.withLock { if isShown { write("\r\u{1B}[K") } }
    }

    /// "[#########...........] 37/100  2.1/s  ETA 0:30  1 failed"
    func line() -> String {
        let width = 24
        let filled = total == 0 ? width : width * finished / total
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        let elapsed = (ContinuousClock.now - start) / .seconds(1)
        var text = (label.map { $0 + " " } ?? "") + "\(bar) \(finished)/\(total)"
        if worked > 0, elapsed > 0 {
            let rate = Double(worked) / elapsed
            let remaining = Double(total - finished) / rate
            text += String(format: "  %.1f/s  ETA %d:%02d", rate, Int(remaining) / 60, Int(remaining) % 60)
        }
        if failed > 0 { text += "  \(failed) failed" }
        return text
    }
}

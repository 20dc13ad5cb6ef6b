import CNcurses
import Foundation
import Viewer

/// What the backend needs to know about a terminfo entry before starting curses with it.
struct TerminfoEntry {
    let name: String
    /// The colour mode the entry can drive.
    let capability: ColorMode
    /// Bytes that undo what curses sets up (attributes, hidden cursor, keypad mode,
    /// alternate screen) for the signal handler to write: terminfo's `sgr0`, `cnorm`,
    /// `rmkx` and `rmcup`, with xterm's sequences where the entry has none.
    let resetSequence: [UInt8]

    /// Reads the entry called `name`; nil when no such entry is installed.
    init?(_ name: String) {
        guard crf_load_terminfo(name) == 1 else { return nil }
        defer { crf_unload_terminfo() }
        self.name = name
        capability = ColorMode.capability(colors: Int(tigetnum("colors")), hasRGBFlag: tigetflag("RGB") > 0)
        var sequence = ""
        let fallbacks = [("sgr0", "\u{1B}[m"), ("cnorm", "\u{1B}[?25h"), ("rmkx", "\u{1B}[?1l\u{1B}>"),
                         ("rmcup", "\u{1B}[?1049l")]
        for (capability, fallback) in fallbacks {
            let value = crf_terminfo_string(capability).map { String(cString: $0) } ?? fallback
            // Drop padding ("$<5>"): it tells the output routine to delay, it is not output.
            sequence += value.replacingOccurrences(of: #"\$<[0-9.*/]*>"#, with: "", options: .regularExpression)
        }
        resetSequence = Array(sequence.utf8)
    }
}

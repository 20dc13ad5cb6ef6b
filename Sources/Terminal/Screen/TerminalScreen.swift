import CNcurses
import Foundation
import Viewer

/// The ncurses backend: owns the terminal while the viewer runs, copies canvases out and
/// turns input into `InputEvent`s.
///
/// Colours: the canvas holds RGB; `ColorQuantizer` reduces it to `colorMode`, and
/// `ColorPairAllocator` binds ncurses pair numbers without ever redefining a pair that a
/// cell left on screen still uses. Only cells that differ from the previous frame are
/// written, then ncurses sends the difference in one `doupdate`.
///
/// Only one screen can exist at a time (curses state is global); use it from one thread.
public final class TerminalScreen {
    /// The terminal size in cells; updated when a `.resize` event is returned.
    public private(set) var size: Size
    /// The colour mode in use, after the request was capped at what terminfo supports.
    public let colorMode: ColorMode
    /// `.unicode` when the locale is UTF-8, else `.ascii`: give canvases this glyph set.
    public let glyphs: GlyphSet
    /// The terminfo entry in use: `$TERM`, or the richer-colour entry of the same family
    /// chosen for truecolour (see `init`).
    public let terminalName: String

    private let screen: OpaquePointer
    private let quantizer: ColorQuantizer
    private var pairs: ColorPairAllocator
    /// What is on screen, for writing only changed cells; nil forces a full repaint.
    private var onScreen: Canvas?
    private var stopped = false
    nonisolated(unsafe) private static var isRunning = false

    /// Takes over the terminal: alternate screen, no echo, keys unbuffered, mouse presses
    /// reported, cursor hidden.
    ///
    /// The colour mode starts from what `$TERM`'s terminfo supports (direct colour when it
    /// has the `RGB` flag or 2^24 colours, as ncurses' `*-direct` entries do). ncurses can
    /// only send colours its terminfo entry describes, so a richer request, either
    /// `--colors` or `COLORTERM=truecolor|24bit` on a terminal whose entry is not direct
    /// colour, loads the same family's richer entry (`xterm-256color` → `xterm-direct`,
    /// from Debian's `ncurses-term`) when it exists; otherwise the mode is capped at what
    /// the entry supports.
    ///
    /// - Parameters:
    ///   - colors: `--colors`: `.auto`, or a mode to use (or cap at) instead.
    ///   - mouse: report mouse presses (this takes text selection from the terminal;
    ///     most terminals still select with Shift held).
    ///   - interruptible: the first SIGINT, SIGTERM, SIGHUP or SIGQUIT becomes an
    ///     `.interrupt` event instead of ending the process (see `SignalGuard`).
    public init(colors: ColorModeOption = .auto, mouse: Bool = true, interruptible: Bool = true,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws(TerminalError) {
        precondition(!Self.isRunning, "only one TerminalScreen can run at a time")
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        setlocale(LC_ALL, "")
        let codeset = String(cString: crf_codeset()).uppercased().replacingOccurrences(of: "-", with: "")
        glyphs = codeset == "UTF8" ? .unicode : .ascii

        let term = environment["TERM"] ?? ""
        guard let native = TerminfoEntry(term) else { throw .cannotStart(term: term) }
        let requested = ColorMode.requested(by: colors, colorTerm: environment["COLORTERM"],
                                            capability: native.capability)
        var entry = native
        if requested > native.capability, let name = ColorMode.terminfoName(for: term, offering: requested),
            let richer = TerminfoEntry(name), richer.capability > native.capability {
            entry = richer
        }

        // Installed before curses starts: ncurses then keeps its own SIGINT/SIGTERM handlers
        // (which call exit() from the handler) out of the way.
        var savedModes = termios()
        let hasSavedModes = tcgetattr(STDIN_FILENO, &savedModes) == 0
        // Mouse reporting off in every xterm mouse protocol ncurses may have enabled.
        let mouseOff = mouse ? Array("\u{1B}[?1006l\u{1B}[?1003l\u{1B}[?1002l\u{1B}[?1000l".utf8) : []
        SignalGuard.install(terminalModes: hasSavedModes ? savedModes : nil, reset: mouseOff + entry.resetSequence,
                            interruptible: interruptible)
        guard let screen = newterm(entry.name, crf_stdout(), crf_stdin()) else {
            SignalGuard.uninstall()
            throw .cannotStart(term: entry.name)
        }
        self.screen = screen
        terminalName = entry.name
        Self.isRunning = true

        cbreak()
        noecho()
        nonl()
        keypad(crf_stdscr(), true)
        curs_set(0)
        set_escdelay(25)
        var capability = ColorMode.mono
        if has_colors() {
            start_color()
            use_default_colors()
            capability = entry.capability
        }
        colorMode = min(requested, capability)
        quantizer = ColorQuantizer(mode: colorMode)
        pairs = ColorPairAllocator(capacity: colorMode == .mono ? 0 : max(0, min(Int(crf_color_pairs()) - 1, 32767)))
        if mouse {
            mousemask(crf_mouse_mask(), nil)
            mouseinterval(0)
        }
        size = Size(width: Int(crf_columns()), height: Int(crf_rows()))
    }

    deinit {
        stop()
    }

    /// Gives the terminal back (idempotent): leaves curses, restores the shell's tty modes
    /// and the signal handlers that were there before.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        SignalGuard.uninstall()
        endwin()
        delscreen(screen)
        Self.isRunning = false
    }

    /// Shows `canvas`, writing only the cells that changed since the last frame. A canvas
    /// larger than the terminal is clipped; a size change repaints everything.
    public func present(_ canvas: Canvas) {
        precondition(!stopped, "present after stop")
        let styles = canvas.cells.map(quantizer.terminalStyle)
        for definition in pairs.prepare(frame: styles.map(\.colors)) {
            init_extended_pair(definition.pair, colorValue(definition.colors.foreground),
                               colorValue(definition.colors.background))
        }
        let previous = onScreen?.size == canvas.size ? onScreen : nil
        if previous == nil {
            werase(crf_stdscr())
        }
        var glyph = [wchar_t](repeating: 0, count: 5)
        for y in 0..<min(canvas.height, size.height) {
            for x in 0..<min(canvas.width, size.width) {
                let index = y * canvas.width + x
                let cell = canvas.cells[index]
                if let previous, previous.cells[index] == cell { continue }
                let scalars = cell.glyph.unicodeScalars.prefix(4)
                for (offset, scalar) in scalars.enumerated() { glyph[offset] = wchar_t(scalar.value) }
                glyph[scalars.count] = 0
                let style = styles[index]
                crf_put_cell(Int32(y), Int32(x), glyph, crf_attributes(UInt32(style.attributes.rawValue)),
                             pairs.pair(for: style.colors))
            }
        }
        onScreen = canvas
        wnoutrefresh(crf_stdscr())
        doupdate()
    }

    /// The signal that became the last `.interrupt`, so the program can exit with 128 + it
    /// as a process ended by that signal would.
    public private(set) var endingSignal: Int32?

    /// Waits up to `timeoutMs` milliseconds (forever when negative; 0 polls) for input.
    /// Returns nil on timeout and skips keys the viewer has no name for. Waiting happens
    /// in slices of at most 50 ms so a SIGINT/SIGTERM turns into `.interrupt` promptly.
    public func nextEvent(timeoutMs: Int) -> InputEvent? {
        let start = DispatchTime.now().uptimeNanoseconds
        var polled = false
        while true {
            if let signal = SignalGuard.takeInterrupt() {
                endingSignal = signal
                return .interrupt
            }
            let elapsed = Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            let remaining = timeoutMs < 0 ? Int.max : timeoutMs - elapsed
            if polled && remaining <= 0 { return nil }
            polled = true
            wtimeout(crf_stdscr(), Int32(min(50, max(0, remaining))))
            var code: wint_t = 0
            switch wget_wch(crf_stdscr(), &code) {
            case OK:
                if let scalar = Unicode.Scalar(UInt32(code)) { return .key(Key(scalar: scalar)) }
            case KEY_CODE_YES:
                if let event = translate(keyCode: Int32(code)) { return event }
            default:
                continue  // timed out, or interrupted by a signal
            }
        }
    }

    /// Maps an ncurses key code to an event; nil for keys the viewer does not use.
    private func translate(keyCode: Int32) -> InputEvent? {
        switch keyCode {
        case KEY_RESIZE:
            size = Size(width: Int(crf_columns()), height: Int(crf_rows()))
            onScreen = nil
            return .resize(size)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let buttons: [MouseEvent.Button] = [.left, .middle, .right, .scrollUp, .scrollDown]
            let button = Int(crf_mouse_button(event.bstate))
            guard button > 0 else { return nil }
            return .mouse(MouseEvent(button: buttons[button - 1], position: Point(x: Int(event.x), y: Int(event.y))))
        default:
            if let key = Self.keys[keyCode] { return .key(key) }
            if let number = (1...12).first(where: { crf_key_f(Int32($0)) == keyCode }) { return .key(.function(number)) }
            return nil
        }
    }

    private static let keys: [Int32: Key] = [
        KEY_UP: .up, KEY_DOWN: .down, KEY_LEFT: .left, KEY_RIGHT: .right,
        KEY_SR: .shiftUp, KEY_SF: .shiftDown, KEY_SLEFT: .shiftLeft, KEY_SRIGHT: .shiftRight,
        KEY_HOME: .home, KEY_END: .end, KEY_PPAGE: .pageUp, KEY_NPAGE: .pageDown,
        KEY_ENTER: .enter, KEY_BACKSPACE: .backspace, KEY_DC: .delete, KEY_IC: .insert, KEY_BTAB: .backTab,
    ]

    /// The number ncurses expects for a colour: -1 for the terminal default, the palette
    /// index, or in direct-colour mode the packed `0xRRGGBB`. Direct-colour terminfo sends
    /// values below 8 as the 8 ANSI palette colours (which themes redefine), so those
    /// near-blacks become 0x000008, indistinguishable from black.
    private func colorValue(_ color: TerminalColor) -> Int32 {
        switch color {
        case .default: -1
        case .indexed(let index): Int32(index)
        case .direct(let rgb): Int32(max(rgb.packed, 8))
        }
    }
}

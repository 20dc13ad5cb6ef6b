/// The bottom bar: the current step as `iter K/T` with its energy, what is running, and the
/// keys that work now.
struct StatusBar {
    /// The step on screen and its frame (nil before step 0 is computed).
    let step: Int
    let frame: StepFrame?
    let iterations: Int
    let run: RunState
    let playback: Playback
    /// The parameter being typed and the text so far.
    let editing: (name: String, text: String)?
    let message: String?
    /// Learning mode's state, shown while it runs and while its result is current.
    let learning: LearningStatus?
    let style: ViewerStyle

    func draw(into canvas: inout Canvas, rect: Rect) {
        canvas.fill(rect, with: Cell(" ", style: style.bar))
        var left = " iter \(step)/\(iterations)"
        if let frame {
            left += "  kl \(frame.kl.map { NumberFormat.short($0) } ?? "…")  map \(frame.mapEnergy.map { NumberFormat.short($0) } ?? "…")"
        }
        let x = canvas.draw(text: left, at: rect.origin, style: style.barAccent, maxWidth: rect.width)
        var status: [String] = []
        if playback.playing { status.append("▶ \(playback.interval)ms/step") }
        if let failure = run.failure {
            status.append("error: \(failure)")
        } else if run.isComputing {
            status.append("computing \(max(0, run.frames.count - 1))/\(iterations)")
        }
        if run.fullResolution { status.append("full resolution") }
        if let learning { status.append(learning.text) }
        if let editing { status.append("\(editing.name) = \(editing.text)_  (Enter applies, Esc cancels)") }
        if let message { status.append(message) }
        let middle = status.isEmpty ? "" : "  " + status.joined(separator: "  ")
        let used = x + canvas.draw(text: middle, at: Point(x: rect.x + x, y: rect.y), style: style.bar, maxWidth: rect.width - x)
        // Key hints in order of importance; as many whole hints as fit, help and quit first.
        let hints = ["? help", "q quit", "n/p step", "space play", "[ ] select", "+/- change", "v view", "c class", "s save"]
        var shown: [String] = []
        var width = 1
        for hint in hints where width + hint.count + 2 <= rect.width - used - 2 {
            shown.append(hint)
            width += hint.count + 2
        }
        let order = hints.filter(shown.contains)
        let keys = (Array(order.dropFirst(2)) + Array(order.prefix(2))).joined(separator: "  ") + " "
        if !shown.isEmpty {
            canvas.draw(text: keys, at: Point(x: rect.maxX - keys.count, y: rect.y), style: style.bar)
        }
    }
}

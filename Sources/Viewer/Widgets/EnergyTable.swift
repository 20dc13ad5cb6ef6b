/// The side panel's ENERGY: kl, MAP energy and changed pixels per step, scrolled so the
/// step on screen (marked ▶) stays in view; steps not yet computed show `…`.
struct EnergyTable {
    let frames: [StepFrame]
    let iterations: Int
    let step: Int
    let style: ViewerStyle

    func draw(into canvas: inout Canvas, rect r: Rect) {
        guard r.height >= 2 else { return }
        canvas.draw(text: "ENERGY", at: r.origin, style: style.accent, maxWidth: r.width)
        let header = columns("step", "kl", "map", "chg", width: r.width)
        canvas.draw(text: header, at: Point(x: r.x, y: r.y + 1), style: style.dim, maxWidth: r.width)
        let rows = r.height - 2
        guard rows > 0 else { return }
        let current = step
        let total = iterations + 1
        let first = max(0, min(current - rows / 2, total - rows))
        for (row, step) in (first..<min(total, first + rows)).enumerated() {
            let y = r.y + 2 + row
            let marker = step == current ? "▶" : " "
            let text: String
            if step < frames.count {
                let frame = frames[step]
                let valueWidth = Self.valueWidth(r.width) - 1
                func value(_ v: Double?) -> String { v.map { NumberFormat.fitting($0, width: valueWidth) } ?? "…" }
                text = columns("\(marker)\(step)", value(frame.kl), value(frame.mapEnergy), "\(frame.changed)", width: r.width)
            } else {
                text = columns("\(marker)\(step)", "…", "", "", width: r.width)
            }
            canvas.draw(text: text, at: Point(x: r.x, y: y), style: step == current ? style.selected : style.panel, maxWidth: r.width)
        }
    }

    static let stepWidth = 4
    static let changedWidth = 7

    /// Width of the kl and map columns.
    static func valueWidth(_ width: Int) -> Int { max(6, (width - stepWidth - changedWidth) / 2) }

    /// A step column, two energy columns and a changed-pixels column, right-aligned.
    private func columns(_ a: String, _ b: String, _ c: String, _ d: String, width: Int) -> String {
        let stepWidth = Self.stepWidth
        let rest = Self.valueWidth(width)
        // One column of space always separates values; a value too wide is cut from the left
        // of its digits rather than run into its neighbour.
        func pad(_ s: String, _ w: Int) -> String { s.count >= w ? " " + String(s.prefix(w - 1)) : String(repeating: " ", count: w - s.count) + s }
        let last = max(3, width - stepWidth - 2 * rest)
        return a.padding(toLength: stepWidth) + pad(b, rest) + pad(c, rest) + pad(d, last)
    }
}

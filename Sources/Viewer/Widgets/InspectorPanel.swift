import DenseCRF
import Foundation

/// The cursor pixel explained: where it is and its colour; the unary probabilities (step 0)
/// and Q at the current step as bars, top classes first; argmax, entropy and the truth; and
/// a sparkline of Q across all steps for each top class.
///
/// With a truth map the frames keep their energies, and the unary bar gives way to the parts
/// of −log Q before the softmax at the current step: U (the unary, after calibration), A
/// (the pairwise messages Σ_m μ_m K_m(Q_{t−1}), 0 at step 0) and U + A, with the truth class
/// marked and always listed, so one sees whether the unary or a kernel made the pixel wrong.
struct InspectorPanel {
    let problem: Problem
    /// The inspected pixel in image pixels, and the same pixel on the frames' grid.
    let cursor: Point
    let frameCursor: Point
    /// The run's frames so far and the one on screen.
    let frames: [StepFrame]
    let frame: StepFrame?
    let theme: Theme
    let style: ViewerStyle

    func draw(into canvas: inout Canvas, rect: Rect) {
        guard rect.height >= 3, rect.width >= 24 else { return }
        let p = problem
        let c = cursor
        let rgb = p.image.rgb(x: c.x, y: c.y)
        canvas.draw(text: "INSPECTOR", at: rect.origin, style: style.accent)
        canvas.draw(text: "(\(c.x), \(c.y))  rgb \(rgb.r),\(rgb.g),\(rgb.b)", at: Point(x: rect.x + 10, y: rect.y), style: style.panel, maxWidth: rect.width - 10)
        guard let frame, let first = frames.first else {
            canvas.draw(text: "computing…", at: Point(x: rect.x, y: rect.y + 1), style: style.dim)
            return
        }
        let w = frameCursor
        let q = frame.marginals(x: w.x, y: w.y)
        let unary = first.marginals(x: w.x, y: w.y)
        let argmax = q.indices.max { q[$0] < q[$1] } ?? 0
        let entropy = max(0, q.reduce(Float(0)) { $0 - ($1 > 0 ? $1 * log($1) : 0) })
        var summary = "argmax \(p.className(argmax))  H \(String(format: "%.3f", entropy))"
        if let truth = p.truth {
            let t = Int(truth[c.y * p.image.width + c.x])
            summary += "  truth \(t == 255 ? "ignore" : p.className(t))"
        }
        canvas.draw(text: summary, at: Point(x: rect.x, y: rect.y + 1), style: style.panel, maxWidth: rect.width)

        let rows = rect.height - 3
        guard rows > 0 else { return }
        var top = Array(q.indices.sorted { q[$0] > q[$1] }.prefix(rows))
        let truthClass = p.truth.map { Int($0[c.y * p.image.width + c.x]) }.flatMap { $0 < q.count ? $0 : nil }
        if let t = truthClass, !top.contains(t) { top[top.count - 1] = t }
        let energies = frame.energies(x: w.x, y: w.y)
        // Energies need 3 columns of numbers: on a narrow panel (34 columns at 90×24) names
        // are cut shorter, Q loses its bar and the numbers keep 5 characters.
        let wide = rect.width >= 46
        let nameWidth = energies == nil || wide ? 11 : 8
        let energyWidth = wide ? 8 : 6
        let sparkWidth = min(frames.count, max(4, rect.width / 5))
        let barWidth = energies == nil ? max(4, (rect.width - nameWidth - sparkWidth - 14) / 2) : (wide ? 4 : 0)
        let header = energies == nil
            ? "class".padding(toLength: nameWidth) + "unary".padding(toLength: barWidth + 6) + "Q step \(frame.iteration)"
            : "step \(frame.iteration)".padding(toLength: nameWidth) + "Q".padding(toLength: barWidth + 7)
                + ["U", "A", "U+A"].map { $0.leftPadding(toLength: energyWidth) }.joined()
        canvas.draw(text: header, at: Point(x: rect.x, y: rect.y + 2), style: style.dim, maxWidth: rect.width)
        for (row, label) in top.enumerated() {
            let y = rect.y + 3 + row
            var x = rect.x
            canvas.put(Cell(" ", background: .rgb(theme.labelColor(label))), x: x, y: y)
            if label == truthClass { canvas.put(Cell(canvas.glyphs == .unicode ? "✓" : "*", style: style.accent), x: x + 1, y: y) }
            x += 2
            x += canvas.draw(text: String(p.className(label).prefix(nameWidth - 3)).padding(toLength: nameWidth - 2), at: Point(x: x, y: y), style: style.panel, maxWidth: nameWidth - 2)
            if let energies {
                x += bar(&canvas, q[label], x, y, barWidth)
                let text = [energies.unary[label], energies.pairwise[label], energies.total[label]]
                    .map { Self.energy($0, width: energyWidth) }.joined()
                x += canvas.draw(text: text + " ", at: Point(x: x, y: y), style: style.panel, maxWidth: rect.maxX - x)
            } else {
                x += bar(&canvas, unary[label], x, y, barWidth)
                x += bar(&canvas, q[label], x, y, barWidth)
            }
            guard x < rect.maxX else { continue }
            let series = frames.map { Double($0.marginals(x: w.x, y: w.y)[label]) }
            canvas.draw(text: Sparkline.blocks(series, low: 0, high: 1, glyphs: canvas.glyphs), at: Point(x: x, y: y), style: style.accent, maxWidth: rect.maxX - x)
        }
    }

    /// One energy right-aligned in `width` columns, leaving a space before it: at most 4
    /// significant digits, all that the pairwise term's Float16 holds (`StepFrame.pairwise`);
    /// −0 (the unary of a certain class, −log 1) shows as 0.
    static func energy(_ e: Float, width: Int) -> String {
        NumberFormat.fitting(Double(e) + 0, width: width - 1, digits: 4).leftPadding(toLength: width)
    }

    /// A horizontal bar of `width` cells for p in 0…1 followed by its value; returns columns used.
    private func bar(_ canvas: inout Canvas, _ p: Float, _ x: Int, _ y: Int, _ width: Int) -> Int {
        let eighths = Int((max(0, min(1, p)) * Float(width * 8)).rounded())
        let partial: [Character] = canvas.glyphs == .unicode ? [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"] : [" ", " ", " ", " ", "#", "#", "#", "#"]
        let full: Character = canvas.glyphs == .unicode ? "█" : "#"
        var text = String(repeating: full, count: eighths / 8)
        if text.count < width { text.append(partial[eighths % 8]) }
        text = text.padding(toLength: width)
        canvas.draw(text: text, at: Point(x: x, y: y), style: style.accent)
        canvas.draw(text: " " + String(format: "%.3f", p) + " ", at: Point(x: x + width, y: y), style: style.panel)
        return width + 7
    }
}

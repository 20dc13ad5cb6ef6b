/// kl (free energy) and MAP energy across steps 0…T as braille line charts, with the current
/// step's column marked, and the changed-pixel counts as a block sparkline beside them.
struct EnergyChart {
    /// The run's frames so far, the steps it will have, and the step on screen.
    let frames: [StepFrame]
    let iterations: Int
    let step: Int
    let style: ViewerStyle

    func draw(into canvas: inout Canvas, rect: Rect) {
        guard rect.height >= 4, rect.width >= 20 else { return }
        canvas.draw(text: "ENERGY", at: rect.origin, style: style.accent)
        let stats = frames.compactMap(\.statistics)
        guard stats.count >= 1 else {
            canvas.draw(text: "computing…", at: Point(x: rect.x, y: rect.y + 1), style: style.dim)
            return
        }
        let labelWidth = 4
        let chartWidth = rect.width - labelWidth
        let chartRows = max(1, (rect.height - 2) / 2)
        let series: [(String, [Double])] = [("kl", stats.map(\.kl)), ("map", stats.map(\.mapEnergy))]
        let total = iterations + 1
        // The chart spans steps 0…T; steps not yet computed leave the right part empty.
        let usedWidth = max(1, chartWidth * max(1, stats.count - 1) / max(1, total - 1))
        let markerColumn = total > 1 ? step * (chartWidth - 1) / (total - 1) : 0
        for (k, (name, values)) in series.enumerated() {
            let top = rect.y + 1 + k * chartRows
            canvas.draw(text: name, at: Point(x: rect.x, y: top), style: style.dim)
            let lines = Sparkline.braille(values, width: stats.count == 1 ? 1 : usedWidth, rows: chartRows, glyphs: canvas.glyphs)
            for (row, line) in lines.enumerated() {
                canvas.draw(text: line, at: Point(x: rect.x + labelWidth, y: top + row), style: style.panel)
            }
            for row in 0..<chartRows {
                let x = rect.x + labelWidth + markerColumn
                var cell = canvas[min(canvas.width - 1, x), top + row]
                cell.background = style.selected.background
                cell.foreground = style.selected.foreground
                canvas.put(cell, x: x, y: top + row)
            }
        }
        let y = rect.y + 1 + 2 * chartRows
        guard y < rect.maxY else { return }
        canvas.draw(text: "chg", at: Point(x: rect.x, y: y), style: style.dim)
        let changed = stats.dropFirst().map { Double($0.changed) }
        let spark = Sparkline.blocks(changed, low: 0, glyphs: canvas.glyphs)
        let frame = step < frames.count ? frames[step] : nil
        canvas.draw(text: spark + "  \(frame.map { "\($0.changed) px at step \($0.iteration)" } ?? "")", at: Point(x: rect.x + labelWidth, y: y),
                    style: style.panel, maxWidth: chartWidth)
    }
}

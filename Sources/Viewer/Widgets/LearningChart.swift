import CRFLearning

/// Learning mode's chart, in place of the energy chart: the training loss and the mean IoU
/// per epoch as braille line charts, with the starting mIoU and the best epoch named.
struct LearningChart {
    let epochs: [EpochReport]
    /// The epochs the run will have.
    let total: Int
    let startMIoU: Double?
    let style: ViewerStyle

    func draw(into canvas: inout Canvas, rect: Rect) {
        guard rect.height >= 4, rect.width >= 20 else { return }
        canvas.draw(text: "LEARNING · epoch \(epochs.count)/\(total)", at: rect.origin, style: style.accent, maxWidth: rect.width)
        guard !epochs.isEmpty else {
            let start = startMIoU.map { "mIoU before: \(LearningStatus.percent($0)); " } ?? ""
            canvas.draw(text: start + "first epoch…", at: Point(x: rect.x, y: rect.y + 1), style: style.dim, maxWidth: rect.width)
            return
        }
        let labelWidth = 5
        let chartWidth = rect.width - labelWidth
        let chartRows = max(1, (rect.height - 2) / 2)
        // The charts span all epochs; epochs not yet run leave the right part empty.
        let usedWidth = max(1, chartWidth * epochs.count / max(1, total))
        let series: [(String, [Double])] = [
            ("loss", epochs.map(\.loss)),
            ("mIoU", (startMIoU.map { [$0] } ?? []) + epochs.map { $0.validationMIoU ?? $0.trainMIoU }),
        ]
        for (k, (name, values)) in series.enumerated() {
            let top = rect.y + 1 + k * chartRows
            canvas.draw(text: name, at: Point(x: rect.x, y: top), style: style.dim)
            let lines = Sparkline.braille(values, width: values.count == 1 ? 1 : usedWidth, rows: chartRows, glyphs: canvas.glyphs)
            for (row, line) in lines.enumerated() {
                canvas.draw(text: line, at: Point(x: rect.x + labelWidth, y: top + row), style: style.panel)
            }
        }
        let y = rect.y + 1 + 2 * chartRows
        guard y < rect.maxY, let last = epochs.last else { return }
        var text = "loss \(NumberFormat.short(last.loss))"
        if let best = epochs.last(where: \.best), let miou = best.validationMIoU {
            text += " · best mIoU \(LearningStatus.percent(miou)) at epoch \(best.epoch)"
        }
        canvas.draw(text: text, at: Point(x: rect.x, y: y), style: style.panel, maxWidth: rect.width)
    }
}

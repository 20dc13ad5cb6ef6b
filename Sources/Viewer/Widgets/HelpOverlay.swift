/// `?`: a box in the middle of the screen listing every key, generated from `KeyBindings`.
struct HelpOverlay {
    let style: ViewerStyle

    func draw(into canvas: inout Canvas) {
        let entries = KeyBindings.all.filter { !$0.help.isEmpty }
        let lines = entries.map { $0.label.padding(toLength: 7) + $0.help }
        let width = min(canvas.width - 2, (lines.map(\.count).max() ?? 20) + 4)
        let height = min(canvas.height - 2, lines.count + 4)
        let box = Rect(x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
        canvas.fill(box, with: Cell(" ", style: style.panel))
        canvas.drawBox(box, style: style.accent, title: " keys ")
        for (i, line) in lines.prefix(height - 4).enumerated() {
            canvas.draw(text: line, at: Point(x: box.x + 2, y: box.y + 2 + i), style: style.panel, maxWidth: width - 4)
        }
        canvas.draw(text: "any key closes", at: Point(x: box.x + 2, y: box.maxY - 2), style: style.dim, maxWidth: width - 4)
    }
}

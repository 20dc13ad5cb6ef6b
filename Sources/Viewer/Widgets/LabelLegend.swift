/// The side panel's LABELS: each label's colour (or, without colours, its glyph) and name,
/// in two columns when one does not fit, the selected class highlighted.
struct LabelLegend {
    let labelCount: Int
    let classNames: [String]
    let selectedClass: Int
    let theme: Theme
    let colorSupport: ColorSupport
    let style: ViewerStyle

    func draw(into canvas: inout Canvas, rect r: Rect) {
        guard r.height > 0 else { return }
        canvas.draw(text: "LABELS", at: r.origin, style: style.accent, maxWidth: r.width)
        let l = labelCount
        let rows = r.height - 1
        guard rows > 0 else { return }
        let columns = l > rows ? 2 : 1
        let columnWidth = r.width / columns
        let shown = min(l, rows * columns)
        for label in 0..<shown {
            let x = r.x + (label / rows) * columnWidth
            let y = r.y + 1 + label % rows
            let colour = theme.labelColor(label)
            if colorSupport == .monochrome {
                let glyph: Character = label == 0 ? " " : canvas.glyphs.patterns[(label - 1) % canvas.glyphs.patterns.count]
                canvas.draw(text: String(repeating: glyph, count: 2), at: Point(x: x, y: y), style: style.panel)
            } else {
                canvas.put(Cell(" ", background: .rgb(colour)), x: x, y: y)
                canvas.put(Cell(" ", background: .rgb(colour)), x: x + 1, y: y)
            }
            let name = "\(label) " + (label < classNames.count ? classNames[label] : "")
            let marker = label == selectedClass ? style.accent : style.panel
            canvas.draw(text: name, at: Point(x: x + 3, y: y), style: marker, maxWidth: columnWidth - 4)
        }
        if shown < l {
            canvas.draw(text: "+\(l - shown) more", at: Point(x: r.x + r.width - 8, y: r.maxY - 1), style: style.dim)
        }
    }
}

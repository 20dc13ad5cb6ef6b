import DenseCRF

/// The side panel's MODEL: every tunable value of the model with its current setting, the
/// selected one highlighted (with the text being typed, after Enter), and a diagonal or matrix
/// compatibility or the unary bias as a small grid under its entry while it or one of its
/// cells is selected.
struct ModelList {
    let parameters: [TunableParameter]
    let selected: TunableParameter
    let settings: ModelSettings
    /// The text being typed for `selected`, nil when not editing.
    let editText: String?
    let style: ViewerStyle

    /// Draws from the top of `r`; returns the first row below the list.
    func draw(into canvas: inout Canvas, rect r: Rect) -> Int {
        canvas.draw(text: "MODEL", at: r.origin, style: style.accent, maxWidth: r.width)
        var y = r.y + 1
        for p in parameters where p.parent == nil && y < r.maxY {
            let isSelected = p == selected || selected.parent == p
            var value = p.value(in: settings.parameters, settings.unary)
            if p == selected, let typed = editText { value = "= " + typed + "_" }
            let pad = max(1, r.width - p.name.count - value.count)
            canvas.draw(text: p.name + String(repeating: " ", count: pad) + value, at: Point(x: r.x, y: y),
                        style: isSelected ? style.selected : style.panel, maxWidth: r.width)
            y += 1
            if isSelected, let grid = p.grid(in: settings.parameters) {
                y = draw(grid, &canvas, r, y)
            }
        }
        return y
    }

    /// A diagonal, a matrix or a bias as a small grid, the selected cell highlighted.
    private func draw(_ grid: (rows: [[Float]], cell: (Int, Int) -> TunableParameter), _ canvas: inout Canvas, _ r: Rect, _ top: Int) -> Int {
        let rows = grid.rows
        let cellWidth = 6
        let columns = min(rows.first?.count ?? 0, (r.width - 1) / cellWidth)
        var y = top
        for (ri, row) in rows.enumerated() where y < r.maxY - 1 && ri < 8 {
            for ci in 0..<columns {
                let text = NumberFormat.fitting(Double(row[ci]), width: cellWidth - 1)
                let padded = String(repeating: " ", count: max(0, cellWidth - text.count)) + text
                canvas.draw(text: padded, at: Point(x: r.x + ci * cellWidth, y: y), style: grid.cell(ri, ci) == selected ? style.selected : style.dim)
            }
            y += 1
        }
        if rows.count > 8 || (rows.first?.count ?? 0) > columns {
            canvas.draw(text: "(\(rows.count)×\(rows.first?.count ?? 0); [ ] select cells)", at: Point(x: r.x, y: y), style: style.dim, maxWidth: r.width)
            y += 1
        }
        return y
    }
}

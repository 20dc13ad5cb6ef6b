import DenseCRF

/// The side panel's MODEL: every tunable value of the model with its current setting, the
/// selected one highlighted (with the text being typed, after Enter), and a diagonal or matrix
/// compatibility or the unary bias as a small grid under its entry while it or one of its
/// cells is selected (a matrix as a heat grid with class names).
struct ModelList {
    let parameters: [TunableParameter]
    let selected: TunableParameter
    let settings: ModelSettings
    /// Class names by label, for the rows and columns of a matrix.
    let classNames: [String]
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

    /// A diagonal, a matrix or a bias as a small grid, the selected cell highlighted. A matrix
    /// is a heat grid with class names on its rows and columns: negative (attractive: the two
    /// classes like to be neighbours) in blue, positive (repulsive) in red, stronger colours
    /// for larger magnitudes, so what was learned can be read at a glance.
    private func draw(_ grid: (rows: [[Float]], cell: (Int, Int) -> TunableParameter), _ canvas: inout Canvas, _ r: Rect, _ top: Int) -> Int {
        let rows = grid.rows
        let isMatrix = rows.count > 1
        let cellWidth = 6
        let margin = isMatrix ? 5 : 0
        let columns = min(rows.first?.count ?? 0, (r.width - 1 - margin) / cellWidth)
        // Off-diagonal entries (how two classes get on) set the colour scale; the diagonal, a
        // class with itself, is usually much larger and shows at full strength.
        let offDiagonal = rows.enumerated().flatMap { r, row in row.enumerated().filter { $0.offset != r }.map { abs($0.element) } }
        let largest = offDiagonal.max() ?? 0
        var y = top
        if isMatrix, y < r.maxY - 1 {
            for ci in 0..<columns {
                let name = String(Self.abbreviation(className(ci), width: cellWidth - 1))
                canvas.draw(text: String(repeating: " ", count: cellWidth - name.count) + name,
                            at: Point(x: r.x + margin + ci * cellWidth, y: y), style: style.dim)
            }
            y += 1
        }
        for (ri, row) in rows.enumerated() where y < r.maxY - 1 && ri < 8 {
            if isMatrix {
                canvas.draw(text: Self.abbreviation(className(ri), width: margin - 1), at: Point(x: r.x, y: y), style: style.dim)
            }
            for ci in 0..<columns {
                let text = NumberFormat.fitting(Double(row[ci]), width: cellWidth - 1)
                let padded = String(repeating: " ", count: max(0, cellWidth - text.count)) + text
                var cellStyle = grid.cell(ri, ci) == selected ? style.selected : style.dim
                if isMatrix, grid.cell(ri, ci) != selected, largest > 0 {
                    cellStyle = CellStyle(foreground: .rgb(RGB(255, 255, 255)), background: .rgb(Self.heat(row[ci] / largest)))
                }
                canvas.draw(text: padded, at: Point(x: r.x + margin + ci * cellWidth, y: y), style: cellStyle)
            }
            y += 1
        }
        if rows.count > 8 || (rows.first?.count ?? 0) > columns {
            canvas.draw(text: "(\(rows.count)×\(rows.first?.count ?? 0); [ ] select cells)", at: Point(x: r.x, y: y), style: style.dim, maxWidth: r.width)
            y += 1
        }
        return y
    }

    private func className(_ label: Int) -> String {
        label < classNames.count ? classNames[label] : "\(label)"
    }

    /// The first `width` characters of a class name ("class 3" becomes "3").
    static func abbreviation(_ name: String, width: Int) -> String {
        String((name.hasPrefix("class ") ? String(name.dropFirst(6)) : name).prefix(width))
    }

    /// A signed value in −1…1 as a dark cell colour: blue for negative, red for positive,
    /// from a neutral grey at 0 to full strength at ±1.
    static func heat(_ t: Float) -> RGB {
        let a = min(1, abs(t))
        let grey: Float = 60
        let (r, g, b): (Float, Float, Float) = t < 0 ? (grey * (1 - a) + 30 * a, grey * (1 - a) + 90 * a, grey * (1 - a) + 220 * a)
                                                     : (grey * (1 - a) + 210 * a, grey * (1 - a) + 40 * a, grey * (1 - a) + 40 * a)
        return RGB(UInt8(r), UInt8(g), UInt8(b))
    }
}

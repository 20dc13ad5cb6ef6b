import DenseCRF

/// The right-hand panel: the model parameters, the label legend, and the per-step energy
/// table with the current step marked.
struct SidePanel {
    let session: ViewerSession
    let style: ViewerStyle
    let colorSupport: ColorSupport

    func draw(into canvas: inout Canvas, rect: Rect) {
        canvas.fill(rect, with: Cell(" ", style: style.panel))
        canvas.drawVerticalLine(x: rect.x, from: rect.y, to: rect.maxY, style: style.border)
        let inner = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 3, height: rect.height)
        var y = inner.y
        y = drawModel(&canvas, inner, y)
        let energyRows = min(session.iterations + 2, max(3, (inner.maxY - y) / 2))
        let legendBottom = inner.maxY - energyRows - 1
        y = drawLegend(&canvas, inner, y + 1, bottom: legendBottom)
        drawEnergy(&canvas, Rect(x: inner.x, y: legendBottom + 1, width: inner.width, height: inner.maxY - legendBottom - 1))
    }

    private func heading(_ canvas: inout Canvas, _ text: String, _ x: Int, _ y: Int, _ width: Int) {
        canvas.draw(text: text, at: Point(x: x, y: y), style: style.accent, maxWidth: width)
    }

    private func drawModel(_ canvas: inout Canvas, _ r: Rect, _ top: Int) -> Int {
        heading(&canvas, "MODEL", r.x, top, r.width)
        var y = top + 1
        let selected = session.currentParameter
        let list = session.parameterList.filter { if case .compatCell = $0 { return false } else { return true } }
        for p in list where y < r.maxY {
            let isSelected = p == selected || Self.kernel(of: selected) == p
            var value = p.value(in: session.parameters, session.unarySettings)
            if p == selected, let typed = session.editText { value = "= " + typed + "_" }
            let pad = max(1, r.width - p.name.count - value.count)
            canvas.draw(text: p.name + String(repeating: " ", count: pad) + value, at: Point(x: r.x, y: y),
                        style: isSelected ? style.selected : style.panel, maxWidth: r.width)
            y += 1
            if p == .gaussianCompat || p == .bilateralCompat, Self.kernel(of: selected) == p || p == selected {
                y = drawGrid(&canvas, r, y, bilateral: p == .bilateralCompat, selected: selected)
            }
        }
        return y
    }

    /// The compat entry a cell belongs to.
    static func kernel(of p: TunableParameter) -> TunableParameter? {
        if case .compatCell(let bilateral, _, _) = p { return bilateral ? .bilateralCompat : .gaussianCompat }
        return nil
    }

    /// A diagonal or matrix compatibility as a small grid, the selected cell highlighted.
    private func drawGrid(_ canvas: inout Canvas, _ r: Rect, _ top: Int, bilateral: Bool, selected: TunableParameter) -> Int {
        let compat = bilateral ? session.parameters.bilateral?.compat : session.parameters.gaussian?.compat
        let rows: [[Float]]
        switch compat {
        case .diagonal(let v)?: rows = [v]
        case .matrix(let m)?: rows = m
        default: return top
        }
        let cellWidth = 6
        let columns = min(rows.first?.count ?? 0, (r.width - 1) / cellWidth)
        var y = top
        for (ri, row) in rows.enumerated() where y < r.maxY - 1 && ri < 8 {
            for ci in 0..<columns {
                let isDiagonal = rows.count == 1
                let cell = TunableParameter.compatCell(bilateral: bilateral, row: isDiagonal ? ci : ri, column: ci)
                let text = NumberFormat.fitting(Double(row[ci]), width: cellWidth - 1)
                let padded = String(repeating: " ", count: max(0, cellWidth - text.count)) + text
                canvas.draw(text: padded, at: Point(x: r.x + ci * cellWidth, y: y), style: cell == selected ? style.selected : style.dim)
            }
            y += 1
        }
        if rows.count > 8 || (rows.first?.count ?? 0) > columns {
            canvas.draw(text: "(\(rows.count)×\(rows.first?.count ?? 0); [ ] select cells)", at: Point(x: r.x, y: y), style: style.dim, maxWidth: r.width)
            y += 1
        }
        return y
    }

    private func drawLegend(_ canvas: inout Canvas, _ r: Rect, _ top: Int, bottom: Int) -> Int {
        guard top < bottom else { return top }
        heading(&canvas, "LABELS", r.x, top, r.width)
        let l = session.problem.labelCount
        let rows = bottom - top - 1
        guard rows > 0 else { return top + 1 }
        let columns = l > rows ? 2 : 1
        let columnWidth = r.width / columns
        let shown = min(l, rows * columns)
        for label in 0..<shown {
            let x = r.x + (label / rows) * columnWidth
            let y = top + 1 + label % rows
            let colour = session.theme.labelColor(label)
            if colorSupport == .monochrome {
                let glyph: Character = label == 0 ? " " : canvas.glyphs.patterns[(label - 1) % canvas.glyphs.patterns.count]
                canvas.draw(text: String(repeating: glyph, count: 2), at: Point(x: x, y: y), style: style.panel)
            } else {
                canvas.put(Cell(" ", background: .rgb(colour)), x: x, y: y)
                canvas.put(Cell(" ", background: .rgb(colour)), x: x + 1, y: y)
            }
            let names = session.problem.classNames
            let name = "\(label) " + (label < names.count ? names[label] : "")
            let marker = label == session.selectedClass ? style.accent : style.panel
            canvas.draw(text: name, at: Point(x: x + 3, y: y), style: marker, maxWidth: columnWidth - 4)
        }
        if shown < l {
            canvas.draw(text: "+\(l - shown) more", at: Point(x: r.x + r.width - 8, y: bottom - 1), style: style.dim)
        }
        return bottom
    }

    private func drawEnergy(_ canvas: inout Canvas, _ r: Rect) {
        guard r.height >= 2 else { return }
        heading(&canvas, "ENERGY", r.x, r.y, r.width)
        let header = columns("step", "kl", "map", "chg", width: r.width)
        canvas.draw(text: header, at: Point(x: r.x, y: r.y + 1), style: style.dim, maxWidth: r.width)
        let rows = r.height - 2
        guard rows > 0 else { return }
        let current = session.displayedStep
        let total = session.iterations + 1
        let first = max(0, min(current - rows / 2, total - rows))
        for (row, step) in (first..<min(total, first + rows)).enumerated() {
            let y = r.y + 2 + row
            let marker = step == current ? "▶" : " "
            let text: String
            if step < session.history.count {
                let frame = session.history[step]
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

/// The right-hand panel: the model parameters, the label legend, and the per-step energy
/// table with the current step marked, stacked top to bottom.
struct SidePanel {
    let model: ModelList
    let legend: LabelLegend
    let energy: EnergyTable
    let style: ViewerStyle

    func draw(into canvas: inout Canvas, rect: Rect) {
        canvas.fill(rect, with: Cell(" ", style: style.panel))
        canvas.drawVerticalLine(x: rect.x, from: rect.y, to: rect.maxY, style: style.border)
        let inner = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 3, height: rect.height)
        let y = model.draw(into: &canvas, rect: inner)
        let energyRows = min(energy.iterations + 2, max(3, (inner.maxY - y) / 2))
        let legendBottom = inner.maxY - energyRows - 1
        legend.draw(into: &canvas, rect: Rect(x: inner.x, y: y + 1, width: inner.width, height: legendBottom - y - 1))
        energy.draw(into: &canvas, rect: Rect(x: inner.x, y: legendBottom + 1, width: inner.width, height: inner.maxY - legendBottom - 1))
    }
}

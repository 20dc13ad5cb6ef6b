extension Canvas {
    /// Draws a single-line border along the edge of `rect` with the canvas' box glyphs,
    /// leaving the inside untouched. A title, if given, sits on the top edge after the
    /// corner, clipped to the border's width.
    public mutating func drawBox(_ rect: Rect, style: CellStyle = .plain, title: String? = nil,
                                 titleStyle: CellStyle? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let box = glyphs.box
        drawHorizontalLine(y: rect.y, from: rect.x + 1, to: rect.maxX - 1, style: style)
        drawHorizontalLine(y: rect.maxY - 1, from: rect.x + 1, to: rect.maxX - 1, style: style)
        drawVerticalLine(x: rect.x, from: rect.y + 1, to: rect.maxY - 1, style: style)
        drawVerticalLine(x: rect.maxX - 1, from: rect.y + 1, to: rect.maxY - 1, style: style)
        put(Cell(box.topLeft, style: style), x: rect.x, y: rect.y)
        put(Cell(box.topRight, style: style), x: rect.maxX - 1, y: rect.y)
        put(Cell(box.bottomLeft, style: style), x: rect.x, y: rect.maxY - 1)
        put(Cell(box.bottomRight, style: style), x: rect.maxX - 1, y: rect.maxY - 1)
        if let title, !title.isEmpty {
            draw(text: title, at: Point(x: rect.x + 1, y: rect.y), style: titleStyle ?? style,
                 maxWidth: rect.width - 2)
        }
    }

    /// A horizontal rule over columns `from..<to` of row `y`.
    public mutating func drawHorizontalLine(y: Int, from: Int, to: Int, style: CellStyle = .plain) {
        let start = max(from, 0), end = min(to, width)
        guard start < end else { return }
        for x in start..<end { put(Cell(glyphs.box.horizontal, style: style), x: x, y: y) }
    }

    /// A vertical rule over rows `from..<to` of column `x`.
    public mutating func drawVerticalLine(x: Int, from: Int, to: Int, style: CellStyle = .plain) {
        let start = max(from, 0), end = min(to, height)
        guard start < end else { return }
        for y in start..<end { put(Cell(glyphs.box.vertical, style: style), x: x, y: y) }
    }
}

extension Canvas {
    /// The glyphs only, one line per row with trailing spaces trimmed (so snapshots survive
    /// editors that strip them), rows joined by `\n`.
    public func snapshotText() -> String {
        rows.map { row in
            var line = String(row.map(\.glyph))
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// A compact colour dump for assertions: one letter per cell naming its style, then a
    /// legend line per style in order of first appearance, e.g.
    /// ```
    /// aab
    /// a: fg default bg #1e1e2e
    /// b: fg #ffffff bg #1e1e2e bold
    /// ```
    /// Letters run a–z, A–Z, 0–9; a canvas with more styles than that repeats `?`.
    public func snapshotStyles() -> String {
        let symbols = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var order: [CellStyle] = []
        var symbolOf: [CellStyle: Character] = [:]
        var grid: [String] = []
        for row in rows {
            var line = ""
            for cell in row {
                let style = cell.style
                if symbolOf[style] == nil {
                    symbolOf[style] = order.count < symbols.count ? symbols[order.count] : "?"
                    order.append(style)
                }
                line.append(symbolOf[style]!)
            }
            grid.append(line)
        }
        let legend = order.map { "\(symbolOf[$0]!): \(Self.describe($0))" }
        return (grid + legend).joined(separator: "\n")
    }

    /// The canvas as text with 24-bit SGR escapes, for printing a screen without ncurses
    /// (captures for a README, debugging a widget). Each row ends with a reset.
    public func snapshotANSI() -> String {
        var output = ""
        for row in rows {
            var current: CellStyle?
            for cell in row {
                if cell.style != current {
                    output += Self.sgr(cell.style)
                    current = cell.style
                }
                output.append(cell.glyph)
            }
            output += "\u{1B}[0m\n"
        }
        return output
    }

    private var rows: [ArraySlice<Cell>] {
        (0..<height).map { cells[($0 * width)..<($0 * width + width)] }
    }

    private static func describe(_ style: CellStyle) -> String {
        func color(_ c: CellColor) -> String { c.rgb?.hex ?? "default" }
        var parts = ["fg \(color(style.foreground))", "bg \(color(style.background))"]
        let names: [(CellAttributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.underline, "underline"),
                                                 (.reverse, "reverse")]
        parts += names.filter { style.attributes.contains($0.0) }.map(\.1)
        return parts.joined(separator: " ")
    }

    private static func sgr(_ style: CellStyle) -> String {
        var codes = ["0"]
        if style.attributes.contains(.bold) { codes.append("1") }
        if style.attributes.contains(.dim) { codes.append("2") }
        if style.attributes.contains(.underline) { codes.append("4") }
        if style.attributes.contains(.reverse) { codes.append("7") }
        if let fg = style.foreground.rgb { codes.append("38;2;\(fg.r);\(fg.g);\(fg.b)") }
        if let bg = style.background.rgb { codes.append("48;2;\(bg.r);\(bg.g);\(bg.b)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}

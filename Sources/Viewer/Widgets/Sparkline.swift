/// Small text charts: block sparklines (one value per column) and braille line plots
/// (2×4 dots per cell), for the inspector and the energy chart.
enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiBlocks: [Character] = ["_", ".", "-", "~", "=", "*", "#", "@"]

    /// One glyph per value, scaled between `low` and `high` (defaults: the values' range).
    static func blocks(_ values: [Double], low: Double? = nil, high: Double? = nil, glyphs: GlyphSet) -> String {
        guard !values.isEmpty else { return "" }
        let lo = low ?? values.min()!, hi = high ?? values.max()!
        let ramp = glyphs == .unicode ? blocks : asciiBlocks
        return String(values.map { v in
            let t = hi > lo ? (v - lo) / (hi - lo) : 0.5
            return ramp[max(0, min(ramp.count - 1, Int((t * Double(ramp.count - 1)).rounded())))]
        })
    }

    /// A line plot of `values` in `width`×`rows` cells of braille dots (Unicode 2800–28FF):
    /// rows of text, top first. Values are spread evenly across the dot columns, joined by
    /// vertical runs so steep drops stay connected. Falls back to `blocks` without Unicode.
    static func braille(_ values: [Double], width: Int, rows: Int, glyphs: GlyphSet) -> [String] {
        guard width > 0, rows > 0, !values.isEmpty else { return [] }
        guard glyphs == .unicode else {
            let sampled = (0..<width).map { values[min(values.count - 1, $0 * values.count / width)] }
            return Array(repeating: "", count: rows - 1) + [blocks(sampled, glyphs: glyphs)]
        }
        let dotsX = width * 2, dotsY = rows * 4
        let lo = values.min()!, hi = values.max()!
        func y(_ v: Double) -> Int {
            let t = hi > lo ? (v - lo) / (hi - lo) : 0.5
            return dotsY - 1 - Int((t * Double(dotsY - 1)).rounded())
        }
        var dots = [[Bool]](repeating: [Bool](repeating: false, count: dotsX), count: dotsY)
        var previous: Int?
        for x in 0..<dotsX {
            let position = values.count == 1 ? 0 : Double(x) * Double(values.count - 1) / Double(dotsX - 1)
            let i = Int(position), f = position - Double(i)
            let v = i + 1 < values.count ? values[i] * (1 - f) + values[i + 1] * f : values[i]
            let yy = y(v)
            let from = min(yy, previous ?? yy), to = max(yy, previous ?? yy)
            for d in from...to { dots[d][x] = true }
            previous = yy
        }
        // Braille bit for (column 0/1, row 0–3) within a cell.
        let bits = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
        return (0..<rows).map { row in
            String((0..<width).map { cell in
                var code = 0
                for dy in 0..<4 {
                    for dx in 0..<2 where dots[row * 4 + dy][cell * 2 + dx] { code |= bits[dy][dx] }
                }
                return Character(Unicode.Scalar(0x2800 + code)!)
            })
        }
    }
}

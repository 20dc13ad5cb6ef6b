/// An in-memory grid of cells that the whole UI draws into.
///
/// Like ratatui's `TestBackend`, the canvas is the only thing widgets touch: the
/// terminal backend copies it out, and tests compare it (`snapshotText()`,
/// `snapshotStyles()`) without a terminal. Every drawing call clips to the canvas,
/// so widgets never have to check bounds themselves.
public struct Canvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// The characters widgets may use; set from the terminal's locale.
    public var glyphs: GlyphSet
    /// Row-major cells, `cells[y * width + x]`.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, glyphs: GlyphSet = .unicode, filledWith cell: Cell = .blank) {
        precondition(width >= 0 && height >= 0, "canvas size must not be negative")
        self.width = width
        self.height = height
        self.glyphs = glyphs
        self.cells = Array(repeating: cell, count: width * height)
    }

    public init(size: Size, glyphs: GlyphSet = .unicode) {
        self.init(width: size.width, height: size.height, glyphs: glyphs)
    }

    public var size: Size { Size(width: width, height: height) }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at a position inside the canvas (a precondition, unlike the clipping calls).
    public subscript(x: Int, y: Int) -> Cell {
        get {
            precondition(bounds.contains(Point(x: x, y: y)), "(\(x), \(y)) is outside the canvas")
            return cells[y * width + x]
        }
        set {
            precondition(bounds.contains(Point(x: x, y: y)), "(\(x), \(y)) is outside the canvas")
            cells[y * width + x] = newValue
        }
    }

    /// Sets one cell; positions outside the canvas are ignored.
    public mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        cells[y * width + x] = cell
    }

    /// Sets every cell of `rect` (clipped to the canvas) to `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            let row = y * width
            for x in area.x..<area.maxX { cells[row + x] = cell }
        }
    }

    /// Clears the whole canvas to `cell`.
    public mutating func clear(to cell: Cell = .blank) {
        fill(bounds, with: cell)
    }

    /// Writes `text` left to right from `point`, one character per column, clipped to the
    /// canvas and to `maxWidth` columns. Control characters (tabs, newlines) become spaces,
    /// since a cell holds exactly one visible glyph.
    /// - Returns: the number of columns the text would occupy within `maxWidth`, whether or
    ///   not they were visible, so callers can lay out what follows.
    @discardableResult
    public mutating func draw(text: String, at point: Point, style: CellStyle = .plain,
                              maxWidth: Int? = nil) -> Int {
        let limit = min(maxWidth ?? Int.max, text.count)
        var x = point.x
        for character in text.prefix(max(0, limit)) {
            let visible = character.unicodeScalars.contains { $0.properties.generalCategory == .control }
                ? " " : character
            put(Cell(visible, style: style), x: x, y: point.y)
            x += 1
        }
        return x - point.x
    }
}

import Testing
import Viewer

@Suite struct CanvasTests {
    private func sample(_ glyphs: GlyphSet) -> Canvas {
        var canvas = Canvas(width: 12, height: 4, glyphs: glyphs)
        canvas.drawBox(canvas.bounds, title: "Labels")
        canvas.draw(text: "cat 42%", at: Point(x: 2, y: 1))
        canvas.draw(text: "dog is long text", at: Point(x: 2, y: 2), maxWidth: 8)
        return canvas
    }

    @Test func snapshotOfABoxWithText() {
        #expect(sample(.unicode).snapshotText() == """
            ┌Labels────┐
            │ cat 42%  │
            │ dog is l │
            └──────────┘
            """)
    }

    @Test func asciiFallbackGlyphs() {
        #expect(sample(.ascii).snapshotText() == """
            +Labels----+
            | cat 42%  |
            | dog is l |
            +----------+
            """)
    }

    @Test func textIsClippedToTheCanvas() {
        var canvas = Canvas(width: 5, height: 2)
        #expect(canvas.draw(text: "hello", at: Point(x: -2, y: 0)) == 5)
        canvas.draw(text: "world", at: Point(x: 3, y: 1))
        canvas.draw(text: "gone", at: Point(x: 0, y: 5))
        canvas.put(Cell("x"), x: 9, y: 9)
        #expect(canvas.snapshotText() == "llo\n   wo")
    }

    @Test func controlCharactersBecomeSpaces() {
        var canvas = Canvas(width: 5, height: 1)
        canvas.draw(text: "a\tb\nc", at: Point(x: 0, y: 0))
        #expect(canvas.snapshotText() == "a b c")
    }

    @Test func fillClipsAndBoxesNeedTwoCells() {
        var canvas = Canvas(width: 4, height: 3)
        canvas.fill(Rect(x: 2, y: 1, width: 10, height: 10), with: Cell("#"))
        canvas.drawBox(Rect(x: 0, y: 0, width: 1, height: 3))
        #expect(canvas.snapshotText() == "\n  ##\n  ##")
    }

    @Test func styleSnapshotNamesEachStyleOnce() {
        var canvas = Canvas(width: 4, height: 2)
        let accent = CellStyle(foreground: .rgb(RGB(0x89, 0xB4, 0xFA)), background: .rgb(RGB(0x1E, 0x1E, 0x2E)),
                               attributes: [.bold, .underline])
        canvas.draw(text: "ab", at: Point(x: 1, y: 1), style: accent)
        #expect(canvas.snapshotStyles() == """
            aaaa
            abba
            a: fg default bg default
            b: fg #89b4fa bg #1e1e2e bold underline
            """)
    }

    @Test func ansiSnapshotCarriesTrueColour() {
        var canvas = Canvas(width: 2, height: 1)
        canvas.put(Cell("x", foreground: .rgb(RGB(1, 2, 3)), attributes: .bold), x: 0, y: 0)
        #expect(canvas.snapshotANSI() == "\u{1B}[0;1;38;2;1;2;3mx\u{1B}[0m \u{1B}[0m\n")
    }

    @Test func rectGeometry() {
        let rect = Rect(x: 2, y: 3, width: 10, height: 4)
        #expect(rect.inset(by: 1) == Rect(x: 3, y: 4, width: 8, height: 2))
        #expect(rect.inset(by: 3).isEmpty)
        #expect(rect.intersection(Rect(x: 10, y: 0, width: 5, height: 5)) == Rect(x: 10, y: 3, width: 2, height: 2))
        #expect(rect.intersection(Rect(x: 20, y: 20, width: 1, height: 1)).isEmpty)
        #expect(rect.contains(Point(x: 11, y: 6)) && !rect.contains(Point(x: 12, y: 6)))
    }
}

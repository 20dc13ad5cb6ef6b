import DenseCRF
import Testing
@testable import Viewer

/// The whole screen rendered from fixed tiny inputs, compared as text (glyphs) and, for the
/// colour-critical parts, as colours.
@Suite struct ViewerScreenTests {
    let t0 = ViewerFixture.start

    func computed() throws -> (ViewerSession, ViewerScreen) {
        let (s, scheduler) = try ViewerFixture.session()
        scheduler.runNext()
        s.tick(now: t0)
        return (s, ViewerScreen(session: s))
    }

    @Test func mainScreen() throws {
        let (s, screen) = try computed()
        s.handle(ViewerFixture.key("n"), now: t0)
        s.handle(ViewerFixture.key("n"), now: t0)
        Snapshot.assert(screen.render(size: Size(width: 90, height: 24)).snapshotText(), named: "main-90x24")
    }

    @Test func wideScreenShowsViewsSideBySide() throws {
        let (_, screen) = try computed()
        let canvas = screen.render(size: Size(width: 200, height: 40))
        #expect(screen.fits.count >= 2)
        Snapshot.assert(canvas.snapshotText(), named: "wide-200x40")
    }

    @Test func helpOverlay() throws {
        let (s, screen) = try computed()
        s.handle(ViewerFixture.key("?"), now: t0)
        Snapshot.assert(screen.render(size: Size(width: 90, height: 40)).snapshotText(), named: "help-90x40")
    }

    @Test func tooSmall() throws {
        let (_, screen) = try computed()
        let text = screen.render(size: Size(width: 40, height: 10)).snapshotText()
        #expect(text.contains("too small: need 64×18"))
        Snapshot.assert(text, named: "too-small-40x10")
    }

    @Test func barShowsStepAndEnergy() throws {
        let (s, screen) = try computed()
        s.handle(ViewerFixture.key("G"), now: t0)
        let bar = screen.render(size: Size(width: 90, height: 24)).snapshotText().split(separator: "\n").last!
        let kl = NumberFormat.short(s.history[5].statistics!.kl)
        #expect(bar.hasPrefix(" iter 5/5  kl \(kl)  map "))
    }

    @Test func labelPaneUsesThemeColoursUnblended() throws {
        // The fixture's CRF result is the left/right split: the labels pane holds exactly the
        // two label colours, top and bottom of every half block.
        let (s, screen) = try computed()
        s.handle(ViewerFixture.key("G"), now: t0)
        while s.currentView != .labels { s.handle(ViewerFixture.key("v"), now: t0) }
        let canvas = screen.render(size: Size(width: 70, height: 24))
        let fit = screen.fits[0]
        let expected: Set<RGB> = [s.theme.labelColor(1), s.theme.labelColor(2)]
        var seen = Set<RGB>()
        for y in fit.rect.y..<fit.rect.maxY {
            for x in fit.rect.x..<fit.rect.maxX where canvas[x, y].glyph != "╋" {   // the cursor
                let cell = canvas[x, y]
                #expect(cell.glyph == "▀")
                if let fg = cell.foreground.rgb { seen.insert(fg) }
                if let bg = cell.background.rgb { seen.insert(bg) }
            }
        }
        #expect(seen == expected)
    }

    @Test func monoModeDrawsLabelsWithDistinctGlyphs() throws {
        let (s, screen) = try computed()
        screen.colorSupport = .monochrome
        s.handle(ViewerFixture.key("G"), now: t0)
        while s.currentView != .labels { s.handle(ViewerFixture.key("v"), now: t0) }
        let canvas = screen.render(size: Size(width: 70, height: 24))
        let fit = screen.fits[0]
        let glyphs = Set((fit.rect.x..<fit.rect.maxX).map { canvas[$0, fit.rect.y + 1].glyph })
        #expect(glyphs.count == 2)
        #expect(!glyphs.contains("▀"))
    }

    @Test func asciiGlyphsWithoutUTF8() throws {
        let (_, screen) = try computed()
        screen.glyphs = .ascii
        let text = screen.render(size: Size(width: 90, height: 24)).snapshotText()
        #expect(!text.unicodeScalars.contains { $0.value > 127 && $0 != "×" && $0 != "·" && $0 != "…" && $0 != "▶" })
    }
}

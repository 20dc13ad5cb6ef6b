import Testing
@testable import Viewer

@Suite struct ColorQuantizerTests {
    @Test(arguments: [
        (RGB(255, 0, 0), 196), (RGB(0, 0, 0), 16), (RGB(128, 128, 128), 244), (RGB(95, 135, 175), 67),
        (RGB(255, 255, 255), 231), (RGB(0, 255, 0), 46), (RGB(0, 0, 255), 21), (RGB(238, 238, 238), 255),
        (RGB(8, 8, 8), 232), (RGB(250, 10, 10), 196), (RGB(30, 30, 30), 234), (RGB(100, 100, 100), 241),
    ])
    func palette256Index(color: RGB, expected: Int) {
        #expect(ColorQuantizer(mode: .palette256).index(for: color) == UInt8(expected))
    }

    @Test func everyNonSystemColourMapsToItself() {
        let quantizer = ColorQuantizer(mode: .palette256)
        for index in 16...255 {
            #expect(quantizer.index(for: XtermPalette.color(at: index)) == UInt8(index))
        }
    }

    /// The bounded search must find exactly what scanning all 240 colours finds.
    @Test func boundedSearchMatchesExhaustiveSearch() {
        let palette = (16...255).map { (index: UInt8($0), color: XtermPalette.color(at: $0)) }
        let labs = palette.map { CIELab($0.color) }
        var table = NearestColorTable(palette: palette)
        var generator = SplitMix64(seed: 7)
        let levels: [UInt8] = (0..<8).map { UInt8($0 * 36) }
        let grid = levels.flatMap { r in levels.flatMap { g in levels.map { b in RGB(r, g, b) } } }
        let random = (0..<300).map { _ in RGB(packed: UInt32(truncatingIfNeeded: generator.next())) }
        for color in grid + random {
            let target = CIELab(color)
            let distances = labs.map { CIELab.deltaE2000(target, $0) }
            let best = distances.indices.min { distances[$0] < distances[$1] }!
            #expect(table.nearest(color) == palette[best].index, "\(color)")
        }
    }

    @Test func systemColoursAreNeverChosenIn256Mode() {
        let quantizer = ColorQuantizer(mode: .palette256)
        for color in XtermPalette.system {
            #expect(quantizer.index(for: color)! >= 16)
        }
    }

    @Test(arguments: [
        (RGB(255, 0, 0), 9), (RGB(200, 0, 0), 1), (RGB(0, 0, 0), 0), (RGB(255, 255, 255), 15),
        (RGB(128, 128, 128), 8), (RGB(0, 0, 230), 4), (RGB(0, 200, 200), 6), (RGB(250, 250, 90), 11),
    ])
    func ansi16Index(color: RGB, expected: Int) {
        #expect(ColorQuantizer(mode: .ansi16).index(for: color) == UInt8(expected))
    }

    @Test func ansi8UsesOnlyTheFirstEightColours() {
        let quantizer = ColorQuantizer(mode: .ansi8)
        #expect(quantizer.index(for: RGB(255, 0, 0)) == 1)
        #expect(quantizer.index(for: RGB(255, 255, 255)) == 7)
        for color in XtermPalette.system {
            #expect(quantizer.index(for: color)! < 8)
        }
    }

    @Test func truecolourPassesColoursThrough() {
        let quantizer = ColorQuantizer(mode: .truecolor)
        #expect(quantizer.terminalColor(for: .rgb(RGB(1, 2, 3))) == .direct(RGB(1, 2, 3)))
        #expect(quantizer.terminalColor(for: .default) == .default)
        #expect(quantizer.index(for: RGB(1, 2, 3)) == nil)
    }

    @Test func monoDropsColoursAndReversesLightBackgrounds() {
        let quantizer = ColorQuantizer(mode: .mono)
        let statusBar = quantizer.terminalStyle(for: Cell("x", foreground: .rgb(.black), background: .rgb(.white)))
        #expect(statusBar.colors.isDefault)
        #expect(statusBar.attributes == .reverse)
        let text = quantizer.terminalStyle(for: Cell("x", foreground: .rgb(.white), background: .rgb(.black),
                                                     attributes: .bold))
        #expect(text.attributes == .bold)
        let plain = quantizer.terminalStyle(for: Cell("x"))
        #expect(plain.attributes == [])
    }

    /// Test pairs from Sharma, Wu & Dalal (2005), table 1, to four decimals.
    @Test(arguments: [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
    ])
    func deltaE2000MatchesSharmaTable(first: (Double, Double, Double), second: (Double, Double, Double),
                                      expected: Double) {
        let a = CIELab(l: first.0, a: first.1, b: first.2)
        let b = CIELab(l: second.0, a: second.1, b: second.2)
        #expect(abs(CIELab.deltaE2000(a, b) - expected) < 0.00005)
        #expect(abs(CIELab.deltaE2000(b, a) - expected) < 0.00005)
    }

    @Test func labOfWhiteAndBlack() {
        let white = CIELab(.white)
        #expect(abs(white.l - 100) < 0.01 && abs(white.a) < 0.01 && abs(white.b) < 0.01)
        #expect(CIELab(.black) == CIELab(l: 0, a: 0, b: 0))
    }
}

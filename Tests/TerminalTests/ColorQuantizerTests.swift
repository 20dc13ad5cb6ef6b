import Colorimetry
import Testing
import Randomness
@testable import Terminal
import Viewer

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
}

import Testing
import Viewer

@Suite struct PaletteTests {
    @Test func vocColours() {
        #expect(LabelPalette.voc.count == 256)
        #expect(LabelPalette.voc[0] == RGB(96, 96, 96))  // VOC's black would vanish on dark terminals
        #expect(LabelPalette.voc[1] == RGB(128, 0, 0))
        #expect(LabelPalette.voc[2] == RGB(0, 128, 0))
        #expect(LabelPalette.voc[15] == RGB(192, 128, 128))
        #expect(LabelPalette.voc[20] == RGB(0, 64, 128))
        #expect(LabelPalette.voc[255] == RGB(224, 224, 192))
    }

    @Test func viridisEndpointsAndInterpolation() {
        let viridis = ColorMap.viridis
        #expect(viridis.controlPoints.count == 256)
        #expect(viridis.heat(0) == RGB(0x44, 0x01, 0x54))
        #expect(viridis.heat(1) == RGB(0xFD, 0xE7, 0x25))
        #expect(viridis.heat(-3) == viridis.heat(0))
        #expect(viridis.heat(.nan) == viridis.heat(0))
        #expect(viridis.heat(7) == viridis.heat(1))
        // Halfway between entries 127 and 128.
        #expect(viridis.heat(0.5) == viridis.controlPoints[127].mixed(with: viridis.controlPoints[128], 0.5))
    }

    @Test func namedMaps() {
        #expect(ColorMap.all.map(\.name) == ["viridis", "magma", "inferno", "cividis", "gray"])
        for map in ColorMap.all where map.name != "gray" { #expect(map.controlPoints.count == 256) }
        #expect(ColorMap.named("magma")?.heat(0) == RGB(0, 0, 4))
        #expect(ColorMap.named("gray")?.heat(0.5) == RGB(128, 128, 128))
        #expect(ColorMap.named("jet") == nil)
    }

    @Test func hexParsing() {
        #expect(RGB(hex: "#2E3440") == RGB(0x2E, 0x34, 0x40))
        #expect(RGB(hex: "2e3440") == RGB(0x2E, 0x34, 0x40))
        #expect(RGB(hex: "#12345G") == nil)
        #expect(RGB(hex: "#12345") == nil)
        #expect(RGB(hex: "#+12345") == nil)
        #expect(RGB(0x0A, 0, 0xFF).hex == "#0a00ff")
    }
}

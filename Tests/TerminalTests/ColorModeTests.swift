import Testing
import Terminal
import Viewer

@Suite struct ColorModeTests {
    @Test func parsesCommandLineSpellings() {
        #expect(ColorModeOption("auto") == .auto)
        #expect(ColorModeOption("truecolor") == .forced(.truecolor))
        #expect(ColorModeOption("24bit") == .forced(.truecolor))
        #expect(ColorModeOption("256") == .forced(.palette256))
        #expect(ColorModeOption("16") == .forced(.ansi16))
        #expect(ColorModeOption("8") == .forced(.ansi8))
        #expect(ColorModeOption("MONO") == .forced(.mono))
        #expect(ColorModeOption("88") == nil)
        for spelling in ColorModeOption.spellings { #expect(ColorModeOption(spelling) != nil) }
    }

    @Test func capabilityFromTerminfo() {
        #expect(ColorMode.capability(colors: 0x1000000, hasRGBFlag: false) == .truecolor)
        #expect(ColorMode.capability(colors: 256, hasRGBFlag: true) == .truecolor)
        #expect(ColorMode.capability(colors: 256, hasRGBFlag: false) == .palette256)
        #expect(ColorMode.capability(colors: 88, hasRGBFlag: false) == .ansi16)
        #expect(ColorMode.capability(colors: 8, hasRGBFlag: false) == .ansi8)
        #expect(ColorMode.capability(colors: -1, hasRGBFlag: false) == .mono)
    }

    @Test func requestedMode() {
        #expect(ColorMode.requested(by: .auto, colorTerm: nil, capability: .palette256) == .palette256)
        #expect(ColorMode.requested(by: .auto, colorTerm: "truecolor", capability: .palette256) == .truecolor)
        #expect(ColorMode.requested(by: .auto, colorTerm: "24bit", capability: .ansi8) == .truecolor)
        #expect(ColorMode.requested(by: .auto, colorTerm: "yes", capability: .ansi16) == .ansi16)
        #expect(ColorMode.requested(by: .forced(.mono), colorTerm: "truecolor", capability: .truecolor) == .mono)
        #expect(ColorMode.mono < .ansi8 && .ansi8 < .ansi16 && .ansi16 < .palette256 && .palette256 < .truecolor)
    }

    @Test func terminfoUpgradeNames() {
        #expect(ColorMode.terminfoName(for: "xterm-256color", offering: .truecolor) == "xterm-direct")
        #expect(ColorMode.terminfoName(for: "tmux-256color", offering: .truecolor) == "tmux-direct")
        #expect(ColorMode.terminfoName(for: "xterm", offering: .palette256) == "xterm-256color")
        #expect(ColorMode.terminfoName(for: "xterm-direct", offering: .truecolor) == nil)
        #expect(ColorMode.terminfoName(for: "xterm", offering: .mono) == nil)
        #expect(ColorMode.terminfoName(for: "", offering: .truecolor) == nil)
    }
}

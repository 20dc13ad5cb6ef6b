import Foundation
import Colorimetry
import Testing
@testable import Viewer

@Suite struct ThemeTests {
    private let builtinNames = ["dark", "light", "high-contrast", "colorblind"]

    /// A loader whose user folder is a fresh temporary directory holding `files`.
    private func loader(with files: [String: String]) throws -> (ThemeLoader, String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("crfview-themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        return (ThemeLoader(userThemeDirectory: directory), directory)
    }

    @Test func everyBuiltinParses() throws {
        let loader = ThemeLoader(userThemeDirectory: nil)
        #expect(loader.availableNames == builtinNames)
        for name in builtinNames {
            #expect(try loader.theme(named: name).name == name)
        }
        #expect(ThemeLoader.defaultName == "dark")
    }

    @Test func builtinValues() throws {
        let loader = ThemeLoader(userThemeDirectory: nil)
        let dark = try loader.theme(named: "dark")
        #expect(dark.ui.background == nil)
        #expect(dark.ui.panel == RGB(0x1E, 0x1E, 0x2E))
        #expect(dark.ui.statusBackground == RGB(0x31, 0x32, 0x44))
        #expect(dark.labelPalette == LabelPalette.voc)
        #expect(dark.heatMap == .viridis)
        let colorblind = try loader.theme(named: "colorblind")
        #expect(colorblind.heatMap == .cividis)
        #expect(colorblind.labelPalette.map(\.hex) == [
            "#999999", "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7",
        ])
        #expect(colorblind.labelColor(9) == RGB(0xE6, 0x9F, 0x00))
        // Label 0 stands out from every built-in theme's background and panel (ΔE2000 > 20;
        // a theme that keeps the terminal's background is checked against black and white).
        for name in ["dark", "light", "high-contrast", "colorblind"] {
            let theme = try loader.theme(named: name)
            let backgrounds = [theme.ui.background, theme.ui.panel].compactMap { $0 } + (theme.ui.background == nil ? [.black, RGB(255, 255, 255)] : [])
            for bg in backgrounds {
                #expect(CIELab.deltaE2000(CIELab(theme.labelColor(0)), CIELab(bg)) > 20, "\(name): label 0 on \(bg.hex)")
            }
        }
        #expect(try loader.theme(named: "high-contrast").ui.statusText == .black)
        #expect(try loader.theme(named: "light").heatMap == .magma)
    }

    /// The files users copy must say exactly what the binary has compiled in.
    @Test func themesFolderMatchesTheEmbeddedText() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".toml") }
        #expect(Set(files) == Set(builtinNames.map { "\($0).toml" }))
        for name in builtinNames {
            let onDisk = try String(contentsOfFile: folder.appendingPathComponent("\(name).toml").path, encoding: .utf8)
            // A user folder holding the repository file must give the same theme and text.
            let (userLoader, directory) = try loader(with: ["\(name).toml": onDisk])
            defer { try? FileManager.default.removeItem(atPath: directory) }
            #expect(try userLoader.theme(named: name) == ThemeLoader(userThemeDirectory: nil).theme(named: name))
            #expect(onDisk == BuiltinThemes.sources.first { $0.name == name }?.toml)
        }
    }

    @Test func syntaxErrorReportsPathAndLine() throws {
        let (loader, directory) = try loader(with: ["broken.toml": "name = \"broken\"\n[ui]\ntext = \"#ffffff\n"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let error = #expect(throws: ThemeError.self) { try loader.theme(named: "broken") }
        #expect(error?.description.hasPrefix("\(directory)/broken.toml:3: ") == true)
    }

    @Test func badColourNamesItsLine() throws {
        let text = """
            # comment
            [ui]
            panel = "#1e1e2e"
            text = "#12345G"
            """
        let (loader, directory) = try loader(with: ["mine.toml": text])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let error = #expect(throws: ThemeError.self) { try loader.theme(named: "mine") }
        #expect(error?.description
            == "\(directory)/mine.toml:4: bad colour \"#12345G\" for ui.text (expected \"#rrggbb\" or \"\")")
    }

    @Test func badPaletteEntryNamesItsLine() throws {
        let text = """
            [labels]
            palette = [
                "#000000",
                "#e69f0",
            ]
            """
        let (loader, directory) = try loader(with: ["mine.toml": text])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let error = #expect(throws: ThemeError.self) { try loader.theme(named: "mine") }
        #expect(error == .invalid(path: "\(directory)/mine.toml", line: 4,
                                  problem: "bad colour \"#e69f0\" for labels.palette (expected \"#rrggbb\")"))
    }

    @Test(arguments: [
        ("[ui]\ntxt = \"#ffffff\"\n", 2, "unknown key 'ui.txt'"),
        ("name = \"other\"\n", 1, "name must be \"mine\""),
        ("\n[heatmap]\nmap = \"jet\"\n", 3, "heatmap.map must be one of viridis, magma, inferno, cividis, gray"),
        ("[labels]\npalette = \"rainbow\"\n", 2, "unknown palette \"rainbow\""),
        ("ui = 3\n", 1, "'ui' must be a table"),
    ])
    func semanticErrorsNameTheirLine(text: String, line: Int, problem: String) throws {
        let (loader, directory) = try loader(with: ["mine.toml": text])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let error = #expect(throws: ThemeError.self) { try loader.theme(named: "mine") }
        #expect(error?.description.hasPrefix("\(directory)/mine.toml:\(line): \(problem)") == true,
                "\(String(describing: error))")
    }

    @Test func unknownNameListsAvailableThemes() throws {
        let (loader, directory) = try loader(with: ["zebra.toml": "", "mine.toml": "", "notes.txt": ""])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let error = #expect(throws: ThemeError.self) { try loader.theme(named: "x") }
        #expect(error?.description
            == "unknown theme 'x' (available: dark, light, high-contrast, colorblind, mine, zebra)")
    }

    @Test func userThemeOverridesBuiltinAndMissingValuesAreDefaults() throws {
        let (loader, directory) = try loader(with: ["dark.toml": "[ui]\ntext = \"#010203\"\n"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dark = try loader.theme(named: "dark")
        #expect(dark == Theme(name: "dark", ui: UIColors(text: RGB(1, 2, 3))))
        #expect(loader.availableNames == builtinNames)
    }

    @Test func cyclingWrapsAround() {
        let loader = ThemeLoader(userThemeDirectory: nil)
        #expect(loader.name(after: "dark") == "light")
        #expect(loader.name(after: "colorblind") == "dark")
        #expect(loader.name(after: "missing") == "dark")
    }

    @Test func userFolderFollowsXDG() {
        #expect(ThemeLoader.userThemeDirectory(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/u"])
            == "/cfg/crfview/themes")
        #expect(ThemeLoader.userThemeDirectory(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/u"])
            == "/home/u/.config/crfview/themes")
        #expect(ThemeLoader.userThemeDirectory(environment: [:]) == nil)
    }
}

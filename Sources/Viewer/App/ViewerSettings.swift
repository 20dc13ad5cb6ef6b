import CRFShared
import Foundation
import TOMLKit
import TOMLText

/// What the viewer remembers between runs, in `$XDG_CONFIG_HOME/crfview/config.toml`
/// (else `~/.config/crfview/config.toml`): theme, colour mode, play speed and the view the
/// first pane shows.
public struct ViewerSettings: Equatable, Sendable {
    public var theme: String?
    public var colors: String?
    public var speedIndex: Int?
    public var view: String?

    public init(theme: String? = nil, colors: String? = nil, speedIndex: Int? = nil, view: String? = nil) {
        self.theme = theme
        self.colors = colors
        self.speedIndex = speedIndex
        self.view = view
    }

    /// The config file's path for an environment.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return "\(xdg)/crfview/config.toml" }
        if let home = environment["HOME"], !home.isEmpty { return "\(home)/.config/crfview/config.toml" }
        return nil
    }

    /// Reads settings; a missing file gives defaults, a broken one an error (the caller names
    /// the file).
    public static func load(from path: String) throws -> ViewerSettings {
        guard FileManager.default.fileExists(atPath: path) else { return ViewerSettings() }
        return try parse(String(decoding: try InputFile(path).all(), as: UTF8.self), path: path)
    }

    /// The settings in a config file's `text`; `path` names it in errors.
    static func parse(_ text: String, path: String) throws -> ViewerSettings {
        let table: TOMLTable
        do {
            table = try TOMLText.table(text)
        } catch {
            throw SettingsError(message: "not valid TOML: \(error)")
        }
        return ViewerSettings(theme: table["theme"]?.string, colors: table["colors"]?.string,
                              speedIndex: table["play_speed"]?.int, view: table["view"]?.string)
    }

    /// Writes the settings (creating the folder), keeping `colors` as the user set it.
    public func save(to path: String) throws {
        let table = TOMLTable()
        if let theme { table["theme"] = theme }
        if let colors { table["colors"] = colors }
        if let speedIndex { table["play_speed"] = speedIndex }
        if let view { table["view"] = view }
        try FileManager.default.createDirectory(atPath: PathName.folder(of: path), withIntermediateDirectories: true)
        let text = "# crfview viewer settings, written on quit\n" + table.convert(to: .toml) + "\n"
        try AtomicFile.write(Array(text.utf8), to: path)
    }

    public struct SettingsError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}

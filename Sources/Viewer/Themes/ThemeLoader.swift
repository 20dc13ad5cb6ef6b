import CRFShared
import Foundation

/// Finds themes by name: the built-ins compiled into the binary, then the user's theme
/// folder, where a file with a built-in's name replaces that built-in.
///
/// The user folder is `$XDG_CONFIG_HOME/crfview/themes/` when `XDG_CONFIG_HOME` is an
/// absolute path (the XDG Base Directory rule), else `~/.config/crfview/themes/`. Each
/// `*.toml` file there is one theme named after the file. The folder is listed on every
/// call, so themes added while the viewer runs show up when cycling.
public struct ThemeLoader: Sendable {
    /// The theme used when none is asked for.
    public static let defaultName = "dark"

    /// Where user themes live; nil when no home folder is known.
    public let userThemeDirectory: String?

    public init(userThemeDirectory: String?) {
        self.userThemeDirectory = userThemeDirectory
    }

    /// A loader for the user folder the environment points at.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(userThemeDirectory: Self.userThemeDirectory(environment: environment))
    }

    /// `$XDG_CONFIG_HOME/crfview/themes`, or `$HOME/.config/crfview/themes`.
    public static func userThemeDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/crfview/themes"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/crfview/themes"
    }

    /// Every theme name, built-ins first in their fixed order, then user themes sorted.
    public var availableNames: [String] {
        let builtins = BuiltinThemes.sources.map(\.name)
        return builtins + userThemeFiles.keys.filter { !builtins.contains($0) }.sorted()
    }

    /// The theme called `name`: the user's file of that name if there is one, else the
    /// built-in.
    public func theme(named name: String) throws(ThemeError) -> Theme {
        if let path = userThemeFiles[name] {
            let text: String
            do {
                text = String(decoding: try InputFile(path).all(), as: UTF8.self)
            } catch let error as CRFIOError {
                throw .unreadable(path: path, reason: error.message)
            } catch {
                throw .unreadable(path: path, reason: "\(error)")
            }
            return try ThemeParser.parse(text, path: path, name: name)
        }
        if let builtin = BuiltinThemes.sources.first(where: { $0.name == name }) {
            return try ThemeParser.parse(builtin.toml, path: "Themes/\(name).toml", name: name)
        }
        throw .unknownTheme(name: name, available: availableNames)
    }

    /// The name after `name` in `availableNames`, wrapping around: live theme cycling.
    public func name(after name: String) -> String {
        let names = availableNames
        guard let index = names.firstIndex(of: name) else { return names[0] }
        return names[(index + 1) % names.count]
    }

    /// User theme files by theme name.
    private var userThemeFiles: [String: String] {
        guard let directory = userThemeDirectory,
            let entries = try? FileManager.default.contentsOfDirectory(atPath: directory)
        else { return [:] }
        var files: [String: String] = [:]
        for entry in entries where entry.hasSuffix(".toml") && entry.count > ".toml".count {
            files[String(entry.dropLast(".toml".count))] = directory + "/" + entry
        }
        return files
    }
}

import TOMLKit
import TOMLText

/// Turns theme TOML into a `Theme`, rejecting anything it does not understand with the
/// file and line, so a typo in a user theme is reported instead of silently ignored.
///
/// Schema (every table and key optional; missing colours are terminal defaults):
/// ```toml
/// name = "dark"              # if present, must equal the file name without .toml
/// [ui]                       # colours "#rrggbb", or "" for the terminal's own colour
/// background = ""
/// panel = "#1e1e2e"          # also: text, dim_text, accent, status_bg, status_fg, cursor, border
/// [labels]
/// palette = "voc"            # "voc", or a list of "#rrggbb" that repeats for higher labels
/// [heatmap]
/// map = "viridis"            # viridis, magma, inferno, cividis, gray
/// ```
enum ThemeParser {
    static func parse(_ text: String, path: String, name: String) throws(ThemeError) -> Theme {
        let root: TOMLTable
        do {
            root = try TOMLText.table(text)
        } catch {
            throw .invalid(path: path, line: error.line, problem: error.problem)
        }
        let document = Document(path: path, source: TOMLSourceLines(text))
        try document.expectKeys(of: root, in: nil, allowed: ["name", "ui", "labels", "heatmap"])

        if let declared = root["name"] {
            guard declared.string == name else {
                throw document.error("name must be \"\(name)\", the file's name without .toml",
                                     key: "name", table: nil)
            }
        }

        var theme = Theme(name: name)
        if let ui = try document.table("ui", in: root) {
            try document.expectKeys(of: ui, in: "ui", allowed: UIColors.keys.map(\.key))
            for (key, path) in UIColors.keys {
                guard let value = ui[key] else { continue }
                guard let text = value.string else {
                    throw document.error("ui.\(key) must be a string: \"#rrggbb\" or \"\"", key: key, table: "ui")
                }
                theme.ui[keyPath: path] = try document.color(text, key: key, table: "ui", allowEmpty: true)
            }
        }
        if let labels = try document.table("labels", in: root) {
            try document.expectKeys(of: labels, in: "labels", allowed: ["palette"])
            if let palette = labels["palette"] {
                theme.labelPalette = try document.palette(palette)
            }
        }
        if let heatmap = try document.table("heatmap", in: root) {
            try document.expectKeys(of: heatmap, in: "heatmap", allowed: ["map"])
            if let map = heatmap["map"] {
                let names = ColorMap.all.map(\.name)
                guard let colorMap = map.string.flatMap(ColorMap.named) else {
                    throw document.error("heatmap.map must be one of \(names.joined(separator: ", "))",
                                         key: "map", table: "heatmap")
                }
                theme.heatMap = colorMap
            }
        }
        return theme
    }

    /// One file being checked: builds errors that point at the offending line.
    private struct Document {
        let path: String
        let source: TOMLSourceLines

        func error(_ problem: String, key: String?, table: String?, literal: String? = nil) -> ThemeError {
            var line = source.line(ofKey: key, inTable: table)
            if let literal { line = source.line(of: literal, from: line) }
            return .invalid(path: path, line: line, problem: problem)
        }

        func expectKeys(of table: TOMLTable, in name: String?, allowed: [String]) throws(ThemeError) {
            for key in table.keys where !allowed.contains(key) {
                let qualified = name.map { "\($0).\(key)" } ?? key
                throw error("unknown key '\(qualified)' (expected one of: \(allowed.joined(separator: ", ")))",
                            key: key, table: name)
            }
        }

        func table(_ key: String, in root: TOMLTable) throws(ThemeError) -> TOMLTable? {
            guard let value = root[key] else { return nil }
            guard let table = value.table else {
                throw error("'\(key)' must be a table: [\(key)]", key: key, table: nil)
            }
            return table
        }

        func color(_ text: String, key: String, table: String, allowEmpty: Bool) throws(ThemeError) -> RGB? {
            if text.isEmpty && allowEmpty { return nil }
            guard let color = RGB(hex: text), text.hasPrefix("#") else {
                let expected = allowEmpty ? "\"#rrggbb\" or \"\"" : "\"#rrggbb\""
                throw error("bad colour \"\(text)\" for \(table).\(key) (expected \(expected))",
                            key: key, table: table, literal: "\"\(text)\"")
            }
            return color
        }

        func palette(_ value: TOMLValueConvertible) throws(ThemeError) -> [RGB] {
            if let name = value.string {
                guard let palette = LabelPalette.named(name) else {
                    throw error("unknown palette \"\(name)\" for labels.palette (expected \"voc\" or a list of colours)",
                                key: "palette", table: "labels")
                }
                return palette
            }
            guard let array = value.array, !array.isEmpty else {
                throw error("labels.palette must be \"voc\" or a non-empty list of \"#rrggbb\"",
                            key: "palette", table: "labels")
            }
            var colors: [RGB] = []
            for element in array {
                guard let text = element.string else {
                    throw error("labels.palette entries must be strings \"#rrggbb\"", key: "palette", table: "labels")
                }
                colors.append(try color(text, key: "palette", table: "labels", allowEmpty: false)!)
            }
            return colors
        }
    }
}

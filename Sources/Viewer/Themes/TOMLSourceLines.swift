import Foundation

/// Finds where a key or value sits in TOML text, for error messages.
///
/// TOMLKit reports lines for syntax errors but not for values that parse yet mean
/// nothing to us (a colour like `"#12345G"`), so the theme parser looks them up here by
/// scanning the text: `[table]` headers switch the current table, `key =` lines match.
struct TOMLSourceLines {
    private let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line of `key` in `table` (nil for the root table), or of the table's
    /// header when the key is absent, or 1.
    func line(ofKey key: String?, inTable table: String?) -> Int {
        var current: String?
        var header: Int?
        for (number, raw) in lines.enumerated() {
            let line = raw.trimmingPrefix(while: \.isWhitespace)
            if line.hasPrefix("[") {
                let name = line.dropFirst().prefix { $0 != "]" }
                current = name.trimmingCharacters(in: .whitespaces)
                if current == table { header = number + 1 }
                continue
            }
            guard current == table, let key else { continue }
            for spelling in [key, "\"\(key)\""] where line.hasPrefix(spelling) {
                if line.dropFirst(spelling.count).trimmingPrefix(while: \.isWhitespace).hasPrefix("=") {
                    return number + 1
                }
            }
        }
        return header ?? 1
    }

    /// The first line at or after `start` that contains `literal`, or `start`: locates one
    /// bad element of an array that spans several lines.
    func line(of literal: String, from start: Int) -> Int {
        let index = lines.indices.dropFirst(start - 1).first { lines[$0].contains(literal) }
        return index.map { $0 + 1 } ?? start
    }
}

import TOMLKit

/// TOML text parsed by TOMLKit, after checks that its vendored toml++ parser leaves out.
///
/// toml++ (as TOMLKit vendors it) *assumes* some inputs cannot happen instead of reporting
/// them: debug builds abort on the assertion, release builds run into undefined behaviour (the
/// assumption becomes `__builtin_assume`). crfview's fuzzer found such inputs in theme files;
/// toml++ upstream fixed the first later (marzer/tomlplusplus#301) by the same check as here.
/// Every TOML file crfview reads (themes, the viewer's config, sample.toml) goes through
/// `table`, so these inputs become ordinary syntax errors with a line.
public enum TOMLText {
    /// A syntax error, at a 1-based line.
    public struct ParseError: Error, CustomStringConvertible {
        public let line: Int
        public let problem: String
        public var description: String { "line \(line): \(problem)" }
    }

    /// The root table of `text`.
    public static func table(_ text: String) throws(ParseError) -> TOMLTable {
        try precheck(text)
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ParseError(line: error.source.begin.line, problem: error.description)
        } catch {
            throw ParseError(line: 1, problem: "\(error)")
        }
    }

    /// Refuses, with its line, the first construct that toml++ assumes away, each invalid TOML:
    /// - a table header (`[name]` or `[[name]]` at the start of a statement) whose name starts
    ///   with a character no key can start with (`[[[1]]]`, `[` alone, invalid UTF-8 bytes);
    /// - a closing `}` where an array is open, or `]` where an inline table is open (an array
    ///   element that starts with `}` trips the value parser's assumption);
    /// - whitespace other than spaces, tabs and line ends outside strings and comments
    ///   (toml++ counts vertical tabs, form feeds and U+2028 as value terminators there).
    ///
    /// A small lexer tells headers from arrays: a line that starts with `[` is a header only
    /// outside multi-line strings and outside the brackets and braces of a value. Brackets
    /// inside strings and comments do not count.
    static func precheck(_ text: String) throws(ParseError) {
        var lexer = Lexer()
        var scalars = Substring(text).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }   // a byte-order mark
        for (index, line) in scalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let s = Array(line)
            let start = s.firstIndex { $0 != " " && $0 != "\t" } ?? s.count
            let isHeader = lexer.isAtStatementStart && start < s.count && s[start] == "["
            if isHeader, !headerNameStartsWell(s[(start + 1)...]) {
                throw ParseError(line: index + 1, problem: "a table name must start with a letter, a digit, '_', '-' or a quote")
            }
            if let problem = lexer.scan(s, isHeader: isHeader) {
                throw ParseError(line: index + 1, problem: problem)
            }
        }
    }

    /// Whether what follows a header's first `[` starts a key, or is its closing `]` (which
    /// toml++ reports as an error itself).
    private static func headerNameStartsWell(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        var i = rest.startIndex
        func skipBlanks() { while i < rest.endIndex, rest[i] == " " || rest[i] == "\t" { i += 1 } }
        skipBlanks()
        if i < rest.endIndex, rest[i] == "[" { i += 1; skipBlanks() }
        guard i < rest.endIndex else { return false }
        let c = rest[i]
        return ("0"..."9").contains(c) || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
            || c == "_" || c == "-" || c == "\"" || c == "'" || c == "]"
    }

    /// Where a line-by-line scan is: inside a multi-line string or not, and which brackets and
    /// braces of a value are open.
    struct Lexer {
        /// The quote character of an open multi-line string.
        private var multiline: Unicode.Scalar?
        private var open: [Unicode.Scalar] = []

        var isAtStatementStart: Bool { multiline == nil && open.isEmpty }

        /// Scans one line (without its line feed); a header line's brackets are its own.
        /// Returns the problem of the first construct `precheck` refuses, or nil.
        mutating func scan(_ s: [Unicode.Scalar], isHeader: Bool) -> String? {
            var i = 0
            func isTriple(_ q: Unicode.Scalar) -> Bool {
                i + 2 < s.count && s[i] == q && s[i + 1] == q && s[i + 2] == q
            }
            while i < s.count {
                if let q = multiline {
                    if q == "\"", s[i] == "\\" { i += 2; continue }
                    guard isTriple(q) else { i += 1; continue }
                    multiline = nil
                    i += 3
                    while i < s.count, s[i] == q { i += 1 }
                    continue
                }
                let c = s[i]
                switch c {
                case "#":
                    return nil
                case "\"", "'":
                    if isTriple(c) { multiline = c; i += 3; continue }
                    i += 1
                    while i < s.count, s[i] != c {
                        if c == "\"", s[i] == "\\" { i += 1 }
                        i += 1
                    }
                    i += 1
                case "[", "{":
                    if !isHeader { open.append(c) }
                    i += 1
                case "]", "}":
                    if !isHeader, let last = open.popLast(), (last == "[") != (c == "]") {
                        let what = last == "[" ? "an array" : "an inline table"
                        return "'\(c)' cannot close \(what) opened with '\(last)'"
                    }
                    i += 1
                default:
                    let lineEnd = c == "\r" && i == s.count - 1
                    if c.properties.isWhitespace, c != " ", c != "\t", !lineEnd {
                        let code = String(c.value, radix: 16, uppercase: true)
                        return "only spaces and tabs may separate keys and values (found U+\(code))"
                    }
                    i += 1
                }
            }
            return nil
        }
    }
}

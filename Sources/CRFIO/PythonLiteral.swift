/// The part of Python's literal syntax that numpy writes into a .npy header, such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
///
/// numpy reads that header with `ast.literal_eval`, so files written by other tools may space,
/// quote or comma it differently; this parser accepts what literal_eval accepts for dicts,
/// tuples, lists, strings, integers, True, False and None, and nothing else.
indirect enum PythonLiteral: Equatable {
    case string(String)
    /// Kept as text, so a dimension too large for Int can be reported instead of trapping.
    case integer(String)
    case boolean(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dictionary([Entry])

    struct Entry: Equatable {
        let key: PythonLiteral
        let value: PythonLiteral
    }

    struct SyntaxError: Error {
        let message: String
    }

    /// Parses exactly one literal, surrounded by optional whitespace.
    static func parse(_ text: String) throws(SyntaxError) -> PythonLiteral {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.atEnd else { throw parser.error("unexpected '\(parser.scalars[parser.position])' after the value") }
        return value
    }

    /// Python's repr of the value, for messages that quote what the file said.
    var repr: String {
        switch self {
        case .string(let text): "'\(text)'"
        case .integer(let digits): digits
        case .boolean(let value): value ? "True" : "False"
        case .none: "None"
        case .tuple(let items): items.count == 1 ? "(\(items[0].repr),)" : "(\(items.map(\.repr).joined(separator: ", ")))"
        case .list(let items): "[\(items.map(\.repr).joined(separator: ", "))]"
        case .dictionary(let entries): "{\(entries.map { "\($0.key.repr): \($0.value.repr)" }.joined(separator: ", "))}"
        }
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0

        var atEnd: Bool { position == scalars.count }

        func error(_ message: String) -> SyntaxError {
            SyntaxError(message: message)
        }

        mutating func skipWhitespace() {
            while !atEnd, scalars[position].properties.isWhitespace { position += 1 }
        }

        /// Skips whitespace and consumes `scalar` if it comes next.
        mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            skipWhitespace()
            guard !atEnd, scalars[position] == scalar else { return false }
            position += 1
            return true
        }

        mutating func value() throws(SyntaxError) -> PythonLiteral {
            skipWhitespace()
            guard !atEnd else { throw error("unexpected end of header") }
            switch scalars[position] {
            case "{": return try dictionary()
            case "(":
                position += 1
                // "(3)" is just 3 in Python; only a comma makes a tuple.
                let (items, sawComma) = try sequence(closing: ")")
                return items.count == 1 && !sawComma ? items[0] : .tuple(items)
            case "[":
                position += 1
                return .list(try sequence(closing: "]").items)
            case "'", "\"": return .string(try string())
            case "-", "0"..."9": return .integer(try integer())
            default: return try word()
            }
        }

        /// Items up to `closing`, comma-separated, with an optional trailing comma.
        mutating func sequence(closing: Unicode.Scalar) throws(SyntaxError) -> (items: [PythonLiteral], sawComma: Bool) {
            var items: [PythonLiteral] = []
            var sawComma = false
            while !take(closing) {
                items.append(try value())
                if take(",") {
                    sawComma = true
                    continue
                }
                guard take(closing) else { throw error("expected ',' or '\(closing)'") }
                break
            }
            return (items, sawComma)
        }

        mutating func dictionary() throws(SyntaxError) -> PythonLiteral {
            position += 1
            var entries: [Entry] = []
            while !take("}") {
                let key = try value()
                guard take(":") else { throw error("expected ':' after \(key.repr)") }
                entries.append(Entry(key: key, value: try value()))
                if take(",") { continue }
                guard take("}") else { throw error("expected ',' or '}'") }
                break
            }
            return .dictionary(entries)
        }

        mutating func string() throws(SyntaxError) -> String {
            let quote = scalars[position]
            position += 1
            var text = String.UnicodeScalarView()
            while !atEnd, scalars[position] != quote, scalars[position] != "\n" {
                if scalars[position] == "\\", position + 1 < scalars.count { position += 1 }
                text.append(scalars[position])
                position += 1
            }
            guard !atEnd, scalars[position] == quote else { throw error("unterminated string") }
            position += 1
            return String(text)
        }

        /// Digits with an optional minus sign; Python 2's "L" suffix, which numpy still
        /// accepts in version 1.0 headers, is dropped.
        mutating func integer() throws(SyntaxError) -> String {
            let start = position
            if scalars[position] == "-" { position += 1 }
            let digitsStart = position
            while !atEnd, ("0"..."9").contains(scalars[position]) { position += 1 }
            guard position > digitsStart else { throw error("expected a digit after '-'") }
            let digits = String(String.UnicodeScalarView(scalars[start..<position]))
            if !atEnd, scalars[position] == "L" || scalars[position] == "l" { position += 1 }
            return digits
        }

        mutating func word() throws(SyntaxError) -> PythonLiteral {
            let start = position
            while !atEnd, scalars[position].properties.isAlphabetic || scalars[position] == "_" { position += 1 }
            switch String(String.UnicodeScalarView(scalars[start..<position])) {
            case "True": return .boolean(true)
            case "False": return .boolean(false)
            case "None": return .none
            case "": throw error("unexpected '\(scalars[position])'")
            case let other: throw error("unexpected '\(other)'")
            }
        }
    }
}

import Testing
import TOMLKit
@testable import TOMLText

/// Table headers whose name starts badly are refused before toml++ sees them (its parser
/// assumes they cannot happen), while arrays and strings that look like headers still parse.
@Suite struct TOMLTextTests {
    /// The theme file the fuzzer mutated into an abort (a header of invalid UTF-8 bytes, which
    /// `String(decoding:)` turns into U+FFFD), and the smaller cases of the same kind.
    @Test(arguments: [
        ("name = \"dark\"\n[ui]\ntext = \"#cdd6f4\"\n\n[\u{FFFD}\u{FFFD}\u{FFFD}\nmap = \"viridis\"\n", 5),
        ("[[[1]]]\n", 1),
        ("[[[a]]\n", 1),
        ("[[=\n", 1),
        ("a = 1\n[\n", 2),
        ("a = 1\n  [ \t", 2),
        ("[a]\nb = [1, 2]\n[ +x]\n", 3),
        ("x = \"\"\"\n[a]\n\"\"\"\n[\u{00E9}]\n", 4),
    ])
    func badHeaderIsAnErrorOnItsLine(_ text: String, _ line: Int) {
        Self.expectRefused(text, line: line, saying: "table name")
    }

    /// Found by fuzzing the theme parser: an array element that starts with `}`, and
    /// whitespace that toml++ treats as a value terminator.
    @Test(arguments: [
        ("theme  =[}\0\0\0p\u{FFFD}s\"\n", 1, "cannot close an array"),
        ("a = { b = [1 }\n", 1, "cannot close an array"),
        ("a = [\n  { b = 1 ]\n", 2, "cannot close an inline table"),
        ("a = [\u{0B}1]\n", 1, "U+B"),
        ("a = [1,\n\u{2028}2]\n", 2, "U+2028"),
        ("a =\u{0C}1\n", 1, "U+C"),
    ])
    func unbalancedBracketsAndOddWhitespaceAreErrors(_ text: String, _ line: Int, _ problem: String) {
        Self.expectRefused(text, line: line, saying: problem)
    }

    static func expectRefused(_ text: String, line: Int, saying problem: String) {
        do {
            _ = try TOMLText.table(text)
            Issue.record("accepted \(text.debugDescription)")
        } catch {
            #expect(error.line == line)
            #expect(error.problem.contains(problem), "\(error.problem)")
        }
    }

    @Test func byteOrderMarkAndWindowsLineEndsAreFine() throws {
        let table = try TOMLText.table("\u{FEFF}a = [1,\r\n 2]\r\n[t]\r\nb = \"x\"\r\n")
        #expect(table["a"]?.array?.count == 2)
        #expect(table["t"]?.table?["b"]?.string == "x")
    }

    @Test func valuesThatLookLikeHeadersStillParse() throws {
        let text = """
            # [ not a header
            nested = [
              [
                1, 2],
              [ +3 ],
            ]
            inline = { a = [
            [-1] ] }
            basic = \"\"\"
            [ "multi-line" \\\"\"\"
            [\u{00E9}
            \"\"\"
            literal = '''
            [[[
            '''
            quoted = "[ \\" ["  # [
            [ "quoted table" ]
            key = 1
            [[items]]
            name = "a"
            [ _x . 'y' ]
            z = 2
            """
        let table = try TOMLText.table(text)
        #expect(table["nested"]?.array?.count == 2)
        #expect(table["basic"]?.string?.contains("[\u{00E9}") == true)
        #expect(table["literal"]?.string == "[[[\n")
        #expect(table["quoted table"]?.table?["key"]?.int == 1)
        #expect(table["items"]?.array?.count == 1)
        #expect(table["_x"]?.table?["y"]?.table?["z"]?.int == 2)
    }

    @Test func otherSyntaxErrorsComeFromTOMLKitWithTheirLine() {
        do {
            _ = try TOMLText.table("a = 1\nb = \n")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(!error.problem.isEmpty)
        }
    }
}

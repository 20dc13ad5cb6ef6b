import Foundation
import Testing

/// The package declares macOS as a platform, so the sources must compile without Glibc:
/// every `import Glibc`, and every name only Glibc has (`__sigaction_handler`,
/// `__rlimit_resource`), must sit in an `#if canImport(Glibc)` (or `os(Linux)`) branch, with
/// the Darwin spelling in the other branch. Checked on the source text, since Linux CI cannot
/// compile for macOS.
@Suite struct PortabilityTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    static let glibcOnly = ["import Glibc", "__sigaction_handler", "__rlimit_resource"]

    /// The lines of `text` that use Glibc outside a Glibc-only branch, as "line: text".
    static func unguardedGlibc(in text: String) -> [String] {
        var branches: [Bool] = []   // per open #if: whether the branch in effect is Glibc-only
        var found: [String] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let isGlibc = line.contains("canImport(Glibc)") || line.contains("os(Linux)")
            if line.hasPrefix("#if ") {
                branches.append(isGlibc && !line.contains("!"))
            } else if line.hasPrefix("#elseif ") {
                branches[branches.count - 1] = isGlibc && !line.contains("!")
            } else if line.hasPrefix("#else") {
                branches[branches.count - 1] = false
            } else if line.hasPrefix("#endif") {
                branches.removeLast()
            } else if !line.hasPrefix("//"), glibcOnly.contains(where: line.contains), !branches.contains(true) {
                found.append("\(number + 1): \(line)")
            }
        }
        return found
    }

    @Test func theCheckSeesGuardsAndTheirElseBranches() {
        #expect(Self.unguardedGlibc(in: "import Glibc\n") == ["1: import Glibc"])
        #expect(Self.unguardedGlibc(in: "#if canImport(Glibc)\nimport Glibc\n#elseif canImport(Darwin)\nimport Darwin\n#endif\n").isEmpty)
        #expect(Self.unguardedGlibc(in: "#if canImport(Darwin)\nx\n#else\nlet h = a.__sigaction_handler\n#endif\n") == ["4: let h = a.__sigaction_handler"])
    }

    @Test func glibcIsOnlyUsedWhereItExists() throws {
        let files = FileManager.default.enumerator(atPath: Self.sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 100)
        for file in files.sorted() {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            let lines = Self.unguardedGlibc(in: text)
            #expect(lines.isEmpty, "Sources/\(file): \(lines.joined(separator: "; "))")
        }
    }
}

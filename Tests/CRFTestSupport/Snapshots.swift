import Foundation
import Testing

/// Text snapshots: rendered text compared with `<folder>/<name>.txt`; with
/// `CRFVIEW_RECORD_SNAPSHOTS=1` the file is written instead (review the diff before
/// committing). A failure names the first line that differs.
public struct Snapshots: Sendable {
    public let folder: URL

    /// The `__Snapshots__` folder beside `file` (pass `#filePath`).
    public init(beside file: String) {
        folder = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    }

    public func assert(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["CRFVIEW_RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no snapshot \(file.path); record with CRFVIEW_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if let difference = Self.firstDifference(expected, text) {
            Issue.record("snapshot \(name) differs at line \(difference.line):\nexpected: \(difference.expected)\nactual:   \(difference.actual)", sourceLocation: sourceLocation)
        }
    }

    /// The first line (1-based) where two texts differ, with both versions of it; nil when equal.
    public static func firstDifference(_ expected: String, _ actual: String) -> (line: Int, expected: String, actual: String)? {
        guard expected != actual else { return nil }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        return (line + 1, line < a.count ? String(a[line]) : "<end>", line < b.count ? String(b[line]) : "<end>")
    }
}

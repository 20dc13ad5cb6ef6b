import Foundation
import Testing

/// Compares rendered text with `__Snapshots__/<name>.txt` beside this file; with
/// `CRFVIEW_RECORD_SNAPSHOTS=1` it writes the file instead (review the diff before committing).
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    static func assert(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
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
        if expected != text {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("snapshot \(name) differs at line \(line + 1):\nexpected: \(line < a.count ? String(a[line]) : "<end>")\nactual:   \(line < b.count ? String(b[line]) : "<end>")", sourceLocation: sourceLocation)
        }
    }
}

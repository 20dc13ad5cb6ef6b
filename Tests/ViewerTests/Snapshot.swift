import CRFTestSupport
import Testing

/// The viewer's text snapshots, in `__Snapshots__` beside this file (see `Snapshots`).
enum Snapshot {
    static let snapshots = Snapshots(beside: #filePath)

    static func assert(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        snapshots.assert(text, named: name, sourceLocation: sourceLocation)
    }
}

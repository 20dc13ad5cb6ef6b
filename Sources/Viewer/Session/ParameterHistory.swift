/// The model settings being tuned, with undo. Every change is remembered; `undo` steps back
/// one change, and going back to the start is itself one more change (so it can be undone).
public struct ParameterHistory: Sendable {
    /// What the viewer was opened with.
    public let start: ModelSettings
    public private(set) var current: ModelSettings
    private var undoStack: [ModelSettings] = []

    public init(start: ModelSettings) {
        self.start = start
        current = start
    }

    /// Makes `settings` current, remembering the old ones; false (and nothing remembered)
    /// when they are the same.
    public mutating func apply(_ settings: ModelSettings) -> Bool {
        guard settings != current else { return false }
        undoStack.append(current)
        current = settings
        return true
    }

    /// Restores the settings before the last change; false when there is none.
    public mutating func undo() -> Bool {
        guard let previous = undoStack.popLast() else { return false }
        current = previous
        return true
    }
}

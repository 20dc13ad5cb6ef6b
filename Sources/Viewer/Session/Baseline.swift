/// The labels pinned with `b`, which the diff view compares the current step with.
public struct Baseline: Sendable {
    /// The pinned step; nil until `b` is pressed.
    public private(set) var frame: StepFrame?
    /// Counts pins, so cached diff views know when the baseline changed.
    public private(set) var version = 0

    public init() {}

    mutating func pin(_ frame: StepFrame) {
        self.frame = frame
        version += 1
    }

    /// Pixels where `other`'s labels differ from the baseline's; nil without a baseline or
    /// when the two are at different resolutions.
    public func difference(from other: StepFrame?) -> Int? {
        guard let frame, let other, frame.labels.count == other.labels.count else { return nil }
        return zip(frame.labels, other.labels).filter { $0 != $1 }.count
    }
}

/// The play speeds `<` and `>` step through, as milliseconds per mean-field step.
public enum PlaybackSpeed {
    public static let intervals: [Int] = [2000, 1000, 600, 350, 200, 100, 50]
    public static let defaultIndex = 3
}

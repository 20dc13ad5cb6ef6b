import Foundation

/// What `infer` says about a result it was not asked to save.
public enum ResultSummary {
    /// The line `infer` prints when asked to write nothing: which labels the result holds and
    /// how much of the image the CRF changed, so the run was not for nothing, and how to save.
    public static func line(labels: [Int32], unary: [Int32], milliseconds: Double) -> String {
        var counts: [Int32: Int] = [:]
        for l in labels { counts[l, default: 0] += 1 }
        let n = labels.count
        let shares = counts.keys.sorted().map { String(format: "%d: %.1f%%", $0, 100 * Double(counts[$0]!) / Double(n)) }
        let changed = zip(labels, unary).filter { $0 != $1 }.count
        return "\(counts.count) label\(counts.count == 1 ? "" : "s") in the result (\(shares.joined(separator: ", "))), "
            + String(format: "%d of %d pixels (%.1f%%) changed from the unary argmax, %.0f ms", changed, n, 100 * Double(changed) / Double(n), milliseconds)
            + "; nothing saved: add --out-labels L.png, --out-probs Q.npy or --out-overlay O.png"
    }
}

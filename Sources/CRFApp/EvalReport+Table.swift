import Foundation

extension EvalReport {
    /// The aligned table, percentages with two decimals: a row per input, their mean, the
    /// pooled (VOC dataset) figures, then IoU per class.
    public var table: String {
        let headers = ["unary mIoU", "CRF mIoU", "Δ mIoU", "unary acc", "CRF acc", "Δ acc"]
        func pair(_ a: Double?, _ b: Double?) -> [String] {
            [Self.optional(a), Self.optional(b), a.flatMap { x in b.map { Self.delta($0 - x) } } ?? "-"]
        }
        let mean = ["mean"] + pair(meanUnaryMIoU, meanCRFMIoU) + pair(meanUnaryAccuracy, meanCRFAccuracy)
        let pooled = ["pooled"] + pair(pooledUnaryMIoU, pooledCRFMIoU) + pair(pooledUnaryAccuracy, pooledCRFAccuracy)
        let u = unaryPerClass, c = crfPerClass
        var rows = [["sample"] + headers]
        rows += samples.map { [$0.name] + pair($0.unaryMIoU, $0.crfMIoU) + pair($0.unaryAccuracy, $0.crfAccuracy) }
        rows += [mean, pooled]
        var text = Self.aligned(rows)
        var classRows = [["class", "unary IoU", "CRF IoU", "Δ IoU"]]
        for (k, name) in classes.enumerated() where k < u.iou.count && (u.iou[k] != nil || (k < c.iou.count && c.iou[k] != nil)) {
            classRows.append([name] + pair(u.iou[k], k < c.iou.count ? c.iou[k] : nil))
        }
        text += "\n" + Self.aligned(classRows)
        return text
    }

    /// Rows with the first column left-aligned and the others right-aligned to their header.
    private static func aligned(_ rows: [[String]]) -> String {
        let first = max(6, rows.map { $0[0].count }.max()!)
        let widths = rows[0].dropFirst().map { $0.count + 2 }
        return rows.map { row in
            ([row[0] + String(repeating: " ", count: first - row[0].count)]
                + zip(row.dropFirst(), widths).map { String(repeating: " ", count: max(0, $1 - $0.count)) + $0 }).joined(separator: " ")
        }.joined(separator: "\n") + "\n"
    }

    private static func percent(_ v: Double) -> String { String(format: "%.2f", 100 * v) }
    private static func delta(_ v: Double) -> String { String(format: "%+.2f", 100 * v) }
    private static func optional(_ v: Double?) -> String { v.map(percent) ?? "-" }
}

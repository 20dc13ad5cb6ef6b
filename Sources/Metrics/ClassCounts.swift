import DenseCRF

/// Per-class intersections and unions summed over images: the PASCAL VOC dataset mIoU, which
/// pools the confusion over all images before dividing (IoU_c = Σ TP_c / Σ (TP_c + FP_c +
/// FN_c)), rather than averaging per-image scores. Integer counts, so shards' counts add up
/// exactly to the whole dataset's.
public struct ClassCounts: Codable, Sendable, Equatable {
    public private(set) var intersection: [Int]
    public private(set) var union: [Int]
    /// Scored pixels (truth not 255), for the pooled pixel accuracy.
    public private(set) var pixels: Int

    public init(classes: Int = 0) {
        intersection = [Int](repeating: 0, count: classes)
        union = [Int](repeating: 0, count: classes)
        pixels = 0
    }

    public var classCount: Int { intersection.count }

    /// Adds one image's confusion.
    public mutating func add(_ m: SegmentationMetrics) {
        grow(to: m.classCount)
        for c in 0..<m.classCount {
            let tp = m.count(truth: c, predicted: c)
            var truth = 0, predicted = 0
            for k in 0..<m.classCount {
                truth += m.count(truth: c, predicted: k)
                predicted += m.count(truth: k, predicted: c)
            }
            intersection[c] += tp
            union[c] += truth + predicted - tp
        }
        pixels += m.scoredPixels
    }

    /// Adds another set of counts (a shard's).
    public mutating func add(_ other: ClassCounts) {
        add(intersection: other.intersection, union: other.union, pixels: other.pixels)
    }

    /// Adds counts read back from a report.
    public mutating func add(intersection i: [Int], union u: [Int], pixels p: Int) {
        grow(to: i.count)
        for c in 0..<min(i.count, u.count) {
            intersection[c] += i[c]
            union[c] += u[c]
        }
        pixels += p
    }

    private mutating func grow(to classes: Int) {
        let extra = [Int](repeating: 0, count: max(0, classes - classCount))
        intersection += extra
        union += extra
    }

    /// IoU per class; nil where the class is in neither truth nor prediction of any image.
    public var iou: [Double?] { zip(intersection, union).map { $1 == 0 ? nil : Double($0) / Double($1) } }

    /// The mean of the defined IoUs; nil when nothing was scored.
    public var meanIoU: Double? {
        let defined = iou.compactMap { $0 }
        return defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count)
    }

    /// Correct pixels over scored pixels.
    public var pixelAccuracy: Double? { pixels == 0 ? nil : Double(intersection.reduce(0, +)) / Double(pixels) }
}

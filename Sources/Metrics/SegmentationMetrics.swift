import DenseCRF

/// Segmentation scores the PASCAL VOC way, from a confusion matrix accumulated over one or
/// more label maps.
///
/// - IoU of class c = TP / (TP + FP + FN): pixels labelled c in both, over pixels labelled c
///   in either the truth or the prediction.
/// - Mean IoU averages IoU over the classes that occur in the truth or the prediction; a class
///   absent from both has no defined IoU and is skipped rather than counted as 0 or 1, so a
///   sample's score does not depend on how many classes its label set happens to list.
/// - Pixel accuracy is the fraction of scored pixels whose predicted class is the true one.
/// - A truth value of 255 marks pixels nobody should be scored on (VOC's "void" band along
///   object boundaries): they enter no count at all, whatever was predicted there.
///
/// Accumulating several images before reading the scores gives the dataset-level VOC numbers;
/// reading them after each image gives per-image numbers.
public struct SegmentationMetrics: Sendable, Equatable {
    /// Truth value meaning "not scored".
    public static let ignoreLabel: UInt8 = 255

    public let classCount: Int
    /// `confusion[t * classCount + p]` = pixels of true class t predicted as p.
    public private(set) var confusion: [Int]

    public init(classes: Int) {
        precondition(classes >= 1, "need at least one class")
        classCount = classes
        confusion = [Int](repeating: 0, count: classes * classes)
    }

    /// Metrics of one label map against its truth.
    public init(truth: [UInt8], prediction: [Int32], classes: Int) throws(CRFError) {
        self.init(classes: classes)
        try accumulate(truth: truth, prediction: prediction)
    }

    /// Adds one label map. Truth values are classes 0..<classCount or 255; predictions are
    /// classes 0..<classCount. Anything else is an error naming the first bad pixel, and
    /// nothing is added.
    public mutating func accumulate(truth: [UInt8], prediction: [Int32]) throws(CRFError) {
        guard truth.count == prediction.count else {
            throw CRFError("truth has \(truth.count) pixels but the prediction has \(prediction.count)")
        }
        if let bad = truth.firstIndex(where: { Int($0) >= classCount && $0 != Self.ignoreLabel }) {
            throw CRFError("truth value \(truth[bad]) at pixel \(bad) is neither a class (0..\(classCount - 1)) nor \(Self.ignoreLabel) (ignore)")
        }
        if let bad = prediction.firstIndex(where: { $0 < 0 || Int($0) >= classCount }) {
            throw CRFError("predicted label \(prediction[bad]) at pixel \(bad) is not a class (0..\(classCount - 1))")
        }
        let c = classCount
        for (t, p) in zip(truth, prediction) where t != Self.ignoreLabel {
            confusion[Int(t) * c + Int(p)] += 1
        }
    }

    /// Pixels of true class `truth` predicted as `predicted`.
    public func count(truth: Int, predicted: Int) -> Int {
        confusion[truth * classCount + predicted]
    }

    /// Pixels that were scored (truth not 255).
    public var scoredPixels: Int { confusion.reduce(0, +) }

    /// IoU per class; nil for a class absent from both truth and prediction.
    public var intersectionOverUnion: [Double?] {
        let c = classCount
        return (0..<c).map { k in
            let tp = confusion[k * c + k]
            var truthTotal = 0, predictedTotal = 0
            for j in 0..<c {
                truthTotal += confusion[k * c + j]
                predictedTotal += confusion[j * c + k]
            }
            let union = truthTotal + predictedTotal - tp
            return union == 0 ? nil : Double(tp) / Double(union)
        }
    }

    /// Mean of the defined per-class IoUs; nil when no pixel was scored.
    public var meanIoU: Double? {
        let defined = intersectionOverUnion.compactMap { $0 }
        return defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count)
    }

    /// Correct pixels over scored pixels; nil when no pixel was scored.
    public var pixelAccuracy: Double? {
        let total = scoredPixels
        guard total > 0 else { return nil }
        let correct = (0..<classCount).reduce(0) { $0 + confusion[$1 * classCount + $1] }
        return Double(correct) / Double(total)
    }
}

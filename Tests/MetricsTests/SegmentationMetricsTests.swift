import Testing
import DenseCRF
@testable import Metrics

/// Hand-made label maps whose VOC scores can be worked out on paper.
@Suite struct SegmentationMetricsTests {
    /// Truth and prediction on a 4×2 map with classes 0, 1, 2:
    ///
    ///     truth  0 0 1 1     prediction  0 1 1 1
    ///            2 2 1 1                 2 0 1 1
    ///
    /// class 0: TP 1, union {0,1,5} = 3 → 1/3; class 1: TP 4, union {1,2,3,6,7} = 5 → 4/5;
    /// class 2: TP 1, union {4,5} = 2 → 1/2. Accuracy 6/8.
    @Test func knownIoUValues() throws {
        let truth: [UInt8] = [0, 0, 1, 1, 2, 2, 1, 1]
        let prediction: [Int32] = [0, 1, 1, 1, 2, 0, 1, 1]
        let m = try SegmentationMetrics(truth: truth, prediction: prediction, classes: 3)
        let iou = m.intersectionOverUnion
        #expect(iou[0] == 1.0 / 3)
        #expect(iou[1] == 4.0 / 5)
        #expect(iou[2] == 1.0 / 2)
        #expect(abs(m.meanIoU! - (1.0 / 3 + 4.0 / 5 + 1.0 / 2) / 3) < 1e-12)
        #expect(m.pixelAccuracy == 6.0 / 8)
        #expect(m.count(truth: 0, predicted: 1) == 1)
        #expect(m.count(truth: 2, predicted: 0) == 1)
        #expect(m.scoredPixels == 8)
    }

    /// 255 pixels count nowhere, whatever was predicted there: here they hide both mistakes.
    @Test func ignoreLabelIsNotScored() throws {
        let truth: [UInt8] = [0, 255, 1, 1, 2, 255, 1, 1]
        let prediction: [Int32] = [0, 1, 1, 1, 2, 0, 1, 1]
        let m = try SegmentationMetrics(truth: truth, prediction: prediction, classes: 3)
        #expect(m.scoredPixels == 6)
        #expect(m.intersectionOverUnion.map { $0 } == [1, 1, 1])
        #expect(m.meanIoU == 1)
        #expect(m.pixelAccuracy == 1)
    }

    /// A class in neither truth nor prediction has no IoU and does not pull the mean towards
    /// 0 or 1; a class only predicted (a false positive) counts with IoU 0.
    @Test func absentClassesAreSkippedButFalsePositivesCount() throws {
        let truth: [UInt8] = [0, 0, 1, 1]
        let m = try SegmentationMetrics(truth: truth, prediction: [0, 0, 1, 1], classes: 5)
        #expect(m.intersectionOverUnion == [1, 1, nil, nil, nil])
        #expect(m.meanIoU == 1)

        let spurious = try SegmentationMetrics(truth: truth, prediction: [0, 3, 1, 1], classes: 5)
        #expect(spurious.intersectionOverUnion == [0.5, 1, nil, 0, nil])
        #expect(spurious.meanIoU == 0.5)
    }

    /// Accumulating two maps scores their union, the dataset-level VOC number, which is not
    /// the mean of the per-map numbers.
    @Test func accumulationPoolsCounts() throws {
        var m = SegmentationMetrics(classes: 2)
        try m.accumulate(truth: [0, 1], prediction: [0, 1])
        try m.accumulate(truth: [1, 1, 1, 1], prediction: [0, 0, 1, 1])
        #expect(m.count(truth: 1, predicted: 1) == 3)
        #expect(m.intersectionOverUnion[0] == 1.0 / 3)
        #expect(m.intersectionOverUnion[1] == 3.0 / 5)
        #expect(m.pixelAccuracy == 4.0 / 6)
    }

    @Test func nothingScoredHasNoScores() throws {
        let m = try SegmentationMetrics(truth: [255, 255], prediction: [0, 1], classes: 2)
        #expect(m.meanIoU == nil)
        #expect(m.pixelAccuracy == nil)
        #expect(m.intersectionOverUnion == [nil, nil])
    }

    @Test func badInputsAreRejectedWithoutCounting() throws {
        var m = SegmentationMetrics(classes: 3)
        #expect(throws: CRFError("truth value 7 at pixel 1 is neither a class (0..2) nor 255 (ignore)")) {
            try m.accumulate(truth: [0, 7], prediction: [0, 0])
        }
        #expect(throws: CRFError("predicted label 3 at pixel 0 is not a class (0..2)")) {
            try m.accumulate(truth: [0, 1], prediction: [3, 0])
        }
        #expect(throws: CRFError("truth has 2 pixels but the prediction has 1")) {
            try m.accumulate(truth: [0, 1], prediction: [0])
        }
        #expect(m.scoredPixels == 0)
    }
}

import DenseCRF
import Testing

/// PASCAL VOC mean IoU and pixel accuracy on hand-made label maps with known answers.
@Suite struct SegmentationMetricsValueTests {
    @Test func knownIoUs() throws {
        // truth:      0 0 1 1 2 2     prediction: 0 1 1 1 2 0
        let m = try SegmentationMetrics(truth: [0, 0, 1, 1, 2, 2], prediction: [0, 1, 1, 1, 2, 0], classes: 3)
        // class 0: ∩ 1, ∪ 3; class 1: ∩ 2, ∪ 3; class 2: ∩ 1, ∪ 2.
        let iou = m.intersectionOverUnion
        #expect(iou[0] == 1.0 / 3 && iou[1] == 2.0 / 3 && iou[2] == 0.5)
        #expect(abs(m.meanIoU! - (1.0 / 3 + 2.0 / 3 + 0.5) / 3) < 1e-12)
        #expect(m.pixelAccuracy == 4.0 / 6)
    }

    @Test func ignoreLabelIsNotScored() throws {
        let m = try SegmentationMetrics(truth: [0, 255, 1, 255], prediction: [0, 1, 1, 0], classes: 2)
        #expect(m.scoredPixels == 2)
        #expect(m.meanIoU == 1)
        #expect(m.pixelAccuracy == 1)
    }

    @Test func classesAbsentFromBothAreSkipped() throws {
        // Class 2 appears in neither map: the mean is over classes 0 and 1 only.
        let m = try SegmentationMetrics(truth: [0, 1, 1, 0], prediction: [0, 1, 0, 0], classes: 3)
        #expect(m.intersectionOverUnion[2] == nil)
        #expect(abs(m.meanIoU! - (2.0 / 3 + 1.0 / 2) / 2) < 1e-12)
    }

    @Test func predictedButAbsentClassCountsAsZero() throws {
        let m = try SegmentationMetrics(truth: [0, 0], prediction: [0, 1], classes: 2)
        #expect(m.intersectionOverUnion[1] == 0)
        #expect(m.meanIoU == 0.25)
    }

    @Test func rejectsMismatchedSizes() {
        #expect(throws: CRFError.self) { try SegmentationMetrics(truth: [0, 1], prediction: [0], classes: 2) }
    }
}

@testable import CRFApp
import CRFTestSupport
import DenseCRF
import Foundation
import Testing
import Metrics

@Suite struct EvalReportTests {
    /// Two images where the per-image mean and the pooled (VOC) mIoU differ, computed by hand.
    @Test func pooledIoUPoolsCountsBeforeDividing() throws {
        // Image A: 4 pixels, truth 0 0 1 1, prediction 0 1 1 1 → IoU0 = 1/2, IoU1 = 2/3.
        // Image B: 2 pixels, truth 0 0, prediction 0 0 → IoU0 = 1, class 1 absent.
        let a = try SegmentationMetrics(truth: [0, 0, 1, 1], prediction: [0, 1, 1, 1], classes: 2)
        let b = try SegmentationMetrics(truth: [0, 0, 255], prediction: [0, 0, 1], classes: 2)
        var counts = ClassCounts()
        counts.add(a)
        counts.add(b)
        #expect(counts.intersection == [3, 2] && counts.union == [4, 3] && counts.pixels == 6)
        #expect(counts.iou == [0.75, 2.0 / 3])
        #expect(counts.meanIoU == (0.75 + 2.0 / 3) / 2)
        #expect(counts.pixelAccuracy == 5.0 / 6)
        // The per-image mean is another number: ((1/2 + 2/3)/2 + 1)/2.
        #expect(a.meanIoU! != counts.meanIoU!)
    }

    func report(_ indices: [Int], shard: Shard?) throws -> EvalReport {
        var unary = ClassCounts(), crf = ClassCounts()
        var samples: [EvalReport.Score] = []
        for i in indices {
            let truth: [UInt8] = [0, 1, 2, UInt8(i % 3), 1]
            let u = try SegmentationMetrics(truth: truth, prediction: [0, 0, 2, 1, Int32(i % 3)], classes: 3)
            let c = try SegmentationMetrics(truth: truth, prediction: [0, 1, 2, 1, 1], classes: 3)
            unary.add(u)
            crf.add(c)
            samples.append(.init(index: i, name: "s\(i)", unaryMIoU: u.meanIoU!, crfMIoU: c.meanIoU!,
                                 unaryAccuracy: u.pixelAccuracy!, crfAccuracy: c.pixelAccuracy!))
        }
        return EvalReport(samples: samples, unary: unary, crf: crf, classNames: ["bg", "a"], shard: shard)
    }

    @Test func shardsMergeExactlyIntoOneRun() throws {
        let whole = try report(Array(0..<10), shard: nil)
        let shards = try (1...3).map { k -> (String, EvalReport) in
            let s = try Shard("\(k)/3")
            let json = try report((0..<10).filter { $0 % 3 == k - 1 }, shard: s).json()
            let tmp = NSTemporaryDirectory() + "shard-\(UUID().uuidString).json"
            try json.write(toFile: tmp, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: tmp) }
            return (tmp, try EvalReport.read(tmp))
        }
        let merged = try EvalReport.merge(shards.reversed())
        #expect(merged == whole)
        #expect(try merged.json() == whole.json())
        #expect(whole.classes == ["bg", "a", "class 2"])
        #expect(throws: CLIFailure(shards[0].0, "input 0 ('s0') is also in \(shards[0].0); merge each shard once")) {
            try EvalReport.merge([shards[0], shards[0]])
        }
    }

    @Test func brokenReportsAreRefused() throws {
        let tmp = try TemporaryFolder()
        let notJSON = try tmp.write("a.json", "{")
        #expect(throws: CLIFailure(notJSON, "not an eval --json report (not valid JSON)")) { try EvalReport.read(notJSON) }
        let other = try tmp.write("b.json", #"{"samples": []}"#)
        #expect(throws: CLIFailure(other, "not an eval --json report (no \"classes\" key)")) { try EvalReport.read(other) }
        var bad = try report([0], shard: nil)
        bad.crfPerClass.intersection[0] = 99
        let path = try tmp.write("c.json", try bad.json())
        #expect(throws: CLIFailure(path, "per-class counts are inconsistent (intersection and union must have one entry per class, 0 <= intersection <= union)")) {
            try EvalReport.merge([(path, try EvalReport.read(path))])
        }
    }
}

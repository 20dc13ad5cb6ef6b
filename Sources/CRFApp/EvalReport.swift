import Foundation
import Metrics

/// What `eval` reports: per-image scores, their means, and the pooled (VOC dataset) figures
/// with the per-class counts behind them. Shards' reports merge exactly into the report of
/// one run over the whole list: counts add, and samples, put back in list order, give the
/// same means summed in the same order.
public struct EvalReport: Codable, Sendable, Equatable {
    /// One image's scores, as fractions.
    public struct Score: Codable, Sendable, Equatable {
        public var index: Int
        public var name: String
        public var unaryMIoU: Double
        public var crfMIoU: Double
        public var unaryAccuracy: Double
        public var crfAccuracy: Double

        public init(index: Int, name: String, unaryMIoU: Double, crfMIoU: Double, unaryAccuracy: Double, crfAccuracy: Double) {
            self.index = index
            self.name = name
            self.unaryMIoU = unaryMIoU
            self.crfMIoU = crfMIoU
            self.unaryAccuracy = unaryAccuracy
            self.crfAccuracy = crfAccuracy
        }

        enum CodingKeys: String, CodingKey {
            case index, name
            case unaryMIoU = "unary_miou"
            case crfMIoU = "crf_miou"
            case unaryAccuracy = "unary_acc"
            case crfAccuracy = "crf_acc"
        }
    }

    /// Per-class figures of one label map source (the unary or the CRF).
    public struct PerClass: Codable, Sendable, Equatable {
        public var intersection: [Int]
        public var union: [Int]
        public var pixels: Int
        public var iou: [Double?]

        init(_ counts: ClassCounts) {
            intersection = counts.intersection
            union = counts.union
            pixels = counts.pixels
            iou = counts.iou
        }

        var counts: ClassCounts {
            var c = ClassCounts(classes: 0)
            c.add(intersection: intersection, union: union, pixels: pixels)
            return c
        }
    }

    public var samples: [Score]
    public var classes: [String]
    public var meanUnaryMIoU: Double
    public var meanCRFMIoU: Double
    public var pooledUnaryMIoU: Double?
    public var pooledCRFMIoU: Double?
    public var unaryPerClass: PerClass
    public var crfPerClass: PerClass
    /// "K/N" when this report covers one shard.
    public var shard: String?

    enum CodingKeys: String, CodingKey {
        case samples, classes, shard
        case meanUnaryMIoU = "mean_unary_miou"
        case meanCRFMIoU = "mean_crf_miou"
        case pooledUnaryMIoU = "pooled_unary_miou"
        case pooledCRFMIoU = "pooled_crf_miou"
        case unaryPerClass = "unary_per_class"
        case crfPerClass = "crf_per_class"
    }

    public init(samples: [Score], unary: ClassCounts, crf: ClassCounts, classNames: [String], shard: Shard?) {
        let ordered = samples.sorted { $0.index < $1.index }
        self.samples = ordered
        let count = max(unary.classCount, crf.classCount)
        classes = (0..<count).map { $0 < classNames.count && !classNames[$0].isEmpty ? classNames[$0] : "class \($0)" }
        meanUnaryMIoU = Self.mean(ordered.map(\.unaryMIoU))
        meanCRFMIoU = Self.mean(ordered.map(\.crfMIoU))
        pooledUnaryMIoU = unary.meanIoU
        pooledCRFMIoU = crf.meanIoU
        unaryPerClass = PerClass(unary)
        crfPerClass = PerClass(crf)
        self.shard = shard?.description
    }

    /// The report of the union of `reports` (shards of one list), as one run would give it.
    public static func merge(_ reports: [(path: String, report: EvalReport)]) throws -> EvalReport {
        var seen: [Int: String] = [:]
        var unary = ClassCounts(), crf = ClassCounts()
        var names: [String] = []
        for (path, r) in reports {
            for s in r.samples {
                if let other = seen[s.index] {
                    throw CLIFailure(path, "input \(s.index) ('\(s.name)') is also in \(other); merge each shard once")
                }
                seen[s.index] = path
            }
            for perClass in [r.unaryPerClass, r.crfPerClass] {
                let (i, u) = (perClass.intersection, perClass.union)
                guard i.count == u.count, perClass.pixels >= 0, zip(i, u).allSatisfy({ 0 <= $0 && $0 <= $1 }) else {
                    throw CLIFailure(path, "per-class counts are inconsistent (intersection and union must have one entry per class, 0 <= intersection <= union)")
                }
            }
            unary.add(r.unaryPerClass.counts)
            crf.add(r.crfPerClass.counts)
            if r.classes.count > names.count { names = r.classes }
        }
        return EvalReport(samples: reports.flatMap(\.report.samples), unary: unary, crf: crf, classNames: names, shard: nil)
    }

    /// Mean per-image pixel accuracies and the pooled ones (correct over scored pixels).
    public var meanUnaryAccuracy: Double { Self.mean(samples.map(\.unaryAccuracy)) }
    public var meanCRFAccuracy: Double { Self.mean(samples.map(\.crfAccuracy)) }
    public var pooledUnaryAccuracy: Double? { unaryPerClass.counts.pixelAccuracy }
    public var pooledCRFAccuracy: Double? { crfPerClass.counts.pixelAccuracy }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Pretty, sorted JSON, one trailing newline.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    public static func read(_ path: String) throws -> EvalReport {
        let data = try CLIFailure.attributing(to: path) { try Data(contentsOf: URL(fileURLWithPath: path)) }
        do {
            return try JSONDecoder().decode(EvalReport.self, from: data)
        } catch {
            throw CLIFailure(path, "not an eval --json report (\(Self.describe(error)))")
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "no \"\(key.stringValue)\" key"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "not valid JSON"
        default: "\(error)"
        }
    }
}

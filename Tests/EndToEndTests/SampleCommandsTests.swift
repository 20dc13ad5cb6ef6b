import CRFIO
import CRFTestSupport
import DenseCRF
import Foundation
import Testing

/// `crfview make-samples`, `crfview eval` and `--kmeans`, run as processes.
@Suite struct SampleCommandsTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples").path
    static let files = ["README.md", "image.png", "probs.npy", "sample.toml", "truth.png"]

    /// Same seed, same bytes in every file; another seed, another picture.
    @Test func makeSamplesIsByteForByteReproducible() throws {
        let tmp = try TemporaryFolder()
        for run in ["a", "b"] {
            let r = try CRFViewProcess.run(["make-samples", "--out", tmp.file(run), "--seed", "5", "--only", "birds-on-wire"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let other = try CRFViewProcess.run(["make-samples", "--out", tmp.file("c"), "--seed", "6", "--only", "birds-on-wire"])
        #expect(other.status == 0, "\(other.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.file("a/birds-on-wire")).sorted() == Self.files)
        for name in Self.files {
            let a = try Data(contentsOf: URL(fileURLWithPath: tmp.file("a/birds-on-wire/\(name)")))
            let b = try Data(contentsOf: URL(fileURLWithPath: tmp.file("b/birds-on-wire/\(name)")))
            #expect(a == b, "\(name) differs between two runs with one seed")
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: tmp.file("a/birds-on-wire/image.png")))
        let c = try Data(contentsOf: URL(fileURLWithPath: tmp.file("c/birds-on-wire/image.png")))
        #expect(a != c)
        let toml = try String(contentsOfFile: tmp.file("a/birds-on-wire/sample.toml"), encoding: .utf8)
        #expect(toml.contains("classes = [\"background\", \"aeroplane\", \"bird\"]\n"))
        #expect(toml.contains("seed = 5\n"))
    }

    @Test func makeSamplesRejectsUnknownNames() throws {
        let tmp = try TemporaryFolder()
        let r = try CRFViewProcess.run(["make-samples", "--out", tmp.path, "--only", "moon-landing"])
        #expect(r.status != 0)
        #expect(r.stderr.hasPrefix("error: --only: no sample called 'moon-landing'; the samples are "), "\(r.stderr)")
        #expect(tmp.contents.isEmpty)
    }

    /// The table has a header, one row per sample and a mean row; JSON has the documented keys
    /// with fractions, and the CRF beats the unary on the bundled sample.
    @Test func evalPrintsTableAndJSON() throws {
        let sample = Self.samples + "/street-scene"
        let table = try CRFViewProcess.run(["eval", sample, sample])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines[0].hasPrefix("sample") && lines[0].contains("unary mIoU") && lines[0].contains("CRF acc"))
        #expect(lines[1].hasPrefix("street-scene") && lines[3].hasPrefix("mean") && lines[4].hasPrefix("pooled"))
        #expect(lines[5].hasPrefix("class") && lines[6].hasPrefix("background"))

        let json = try CRFViewProcess.run(["eval", sample, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rows = object?["samples"] as? [[String: Any]]
        let row = try #require(rows?.first)
        #expect(row["name"] as? String == "street-scene")
        let unary = try #require(row["unary_miou"] as? Double), crf = try #require(row["crf_miou"] as? Double)
        #expect((0...1).contains(unary) && (0...1).contains(crf))
        #expect(crf > unary + 0.02)
        #expect((row["crf_acc"] as? Double ?? 0) > (row["unary_acc"] as? Double ?? 1))
        #expect(object?["mean_crf_miou"] as? Double == crf)
        #expect(object?["mean_unary_miou"] as? Double == unary)
    }

    /// A folder made by hand: a two-region image, noisy probabilities and a truth map.
    static func folder(_ tmp: TemporaryFolder, truthSize: (Int, Int) = (40, 30), truth: Bool = true, probs: Bool = true) throws -> String {
        let (image, p) = try InferCommandTests.fixture(tmp)
        let dir = tmp.file("sample")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: image, toPath: dir + "/image.png")
        if probs { try FileManager.default.moveItem(atPath: p, toPath: dir + "/probs.npy") }
        if truth {
            let (w, h) = truthSize
            let indices = (0..<(w * h)).map { UInt8($0 % w < w / 2 ? 0 : 1) }
            try LabelImageFile.writeIndexed(width: w, height: h, indices: indices, palette: VOCColormap.colors(), to: dir + "/truth.png")
        }
        return dir
    }

    @Test func evalScoresAHandMadeFolder() throws {
        let tmp = try TemporaryFolder()
        let dir = try Self.folder(tmp)
        let r = try CRFViewProcess.run(["eval", dir, "--json", "--iterations", "5"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["mean_crf_miou"] as? Double == 1)
    }

    @Test func evalErrorsNameTheFile() throws {
        let tmp = try TemporaryFolder()
        let noTruth = try Self.folder(tmp, truth: false)
        var r = try CRFViewProcess.run(["eval", noTruth])
        #expect(r.status != 0)
        #expect(r.stderr == "error: \(noTruth): no truth.png in this folder\n")

        try FileManager.default.removeItem(atPath: noTruth)
        let wrongSize = try Self.folder(tmp, truthSize: (30, 40))
        r = try CRFViewProcess.run(["eval", wrongSize])
        #expect(r.status != 0)
        #expect(r.stderr == "error: \(wrongSize)/truth.png: truth is 30x40 but the image is 40x30\n")

        try FileManager.default.removeItem(atPath: wrongSize)
        let noUnary = try Self.folder(tmp, probs: false)
        r = try CRFViewProcess.run(["eval", noUnary])
        #expect(r.status != 0)
        #expect(r.stderr == "error: \(noUnary): no probs.npy, logits.npy, unary.npy or labels.png in this folder\n")

        r = try CRFViewProcess.run(["eval", tmp.file("missing")])
        #expect(r.status != 0)
        #expect(r.stderr.hasPrefix("error: \(tmp.file("missing")): "), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// Truth values that are not classes (nor 255) are an error, not a silent miscount.
    @Test func evalRejectsTruthOutsideTheLabelSet() throws {
        let tmp = try TemporaryFolder()
        let dir = try Self.folder(tmp, truth: false)
        let indices = [UInt8](repeating: 5, count: 40 * 30)
        try LabelImageFile.writeIndexed(width: 40, height: 30, indices: indices, palette: VOCColormap.colors(), to: dir + "/truth.png")
        let r = try CRFViewProcess.run(["eval", dir])
        #expect(r.status != 0)
        #expect(r.stderr == "error: \(dir)/truth.png: truth value 5 at pixel 0 is neither a class (0..2) nor 255 (ignore)\n")
    }

    @Test func kmeansUnaryRunsOnAnyImage() throws {
        let tmp = try TemporaryFolder()
        let (image, _) = try InferCommandTests.fixture(tmp)
        var r = try CRFViewProcess.run(["infer", image, "--kmeans", "2", "--seed", "3", "--out-labels", tmp.file("a.png")])
        #expect(r.status == 0, "\(r.stderr)")
        r = try CRFViewProcess.run(["infer", image, "--kmeans", "2", "--seed", "3", "--out-labels", tmp.file("b.png")])
        #expect(r.status == 0, "\(r.stderr)")
        guard case .indices(40, 30, let a) = try LabelImageFile.read(tmp.file("a.png")),
              case .indices(40, 30, let b) = try LabelImageFile.read(tmp.file("b.png")) else {
            Issue.record("labels PNG is not a 40x30 index image")
            return
        }
        #expect(a == b)
        // The dark green left half and the sand right half are told apart.
        #expect(a.enumerated().allSatisfy { $0.element == ($0.offset % 40 < 20 ? 0 : 1) })

        r = try CRFViewProcess.run(["infer", image, "--kmeans", "1"])
        #expect(r.status != 0)
        #expect(r.stderr == "error: --kmeans: k-means needs at least 2 clusters, got 1\n")
        r = try CRFViewProcess.run(["infer", image, "--kmeans", "3", "--probs", tmp.file("probs.npy")])
        #expect(r.stderr == "error: command line: give only one of --probs, --logits, --unary, --labels and --kmeans\n")
    }
}

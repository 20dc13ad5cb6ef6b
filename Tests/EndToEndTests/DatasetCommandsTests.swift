import CRFIO
import CRFTestSupport
import DenseCRF
import Foundation
import Testing

/// `infer --out-dir` and `eval` over datasets, run as processes: outputs per input, resuming,
/// and sharded evaluations that merge into the whole run's report.
@Suite struct DatasetCommandsTests {
    /// `count` sample folders built from the infer fixture with the boundary moved.
    static func dataset(_ tmp: TemporaryFolder, count: Int) throws -> [String] {
        let (image, probs) = try InferCommandTests.fixture(tmp, labels: 2)
        return try (0..<count).map { n in
            let dir = tmp.file("ds/img-\(n)")
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: image, toPath: dir + "/image.png")
            var p = try NPYFile.read(probs)
            for i in 0..<1200 where (i % 40) == 10 + n {  // one wrong column per image
                (p.values[i], p.values[1200 + i]) = (p.values[1200 + i], p.values[i])
            }
            try NPYFile.write(p, to: dir + "/probs.npy")
            let truth = (0..<1200).map { UInt8($0 % 40 < 20 ? 0 : 1) }
            try LabelImageFile.writeIndexed(width: 40, height: 30, indices: truth, palette: VOCColormap.colors(count: 2), to: dir + "/truth.png")
            return dir
        }
    }

    @Test func inferOutDirWritesEachInputAndResumes() throws {
        let tmp = try TemporaryFolder()
        let dirs = try Self.dataset(tmp, count: 5)
        let out = tmp.file("out")
        var r = try CRFViewProcess.run(["infer", "--out-dir", out, "--with-probs", "--jobs", "2", "--iterations", "3"] + dirs)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "infer: 5 inputs: 5 written\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == (0..<5).map { "img-\($0)" })
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/img-0").sorted() == ["labels.png", "probs.npy"])
        try FileManager.default.removeItem(atPath: out + "/img-3/labels.png")
        r = try CRFViewProcess.run(["infer", "--out-dir", out, "--with-probs", "--iterations", "3"] + dirs)
        #expect(r.stderr == "infer: 5 inputs: 1 written, 4 skipped (outputs exist; --overwrite redoes them)\n")

        // A list with one broken line: reported, the rest written, exit 1.
        try FileManager.default.copyItem(atPath: dirs[0] + "/image.png", toPath: tmp.file("a.png"))
        try FileManager.default.copyItem(atPath: dirs[1] + "/image.png", toPath: tmp.file("b.png"))
        let list = try tmp.write("list.txt", Array("a.png ds/img-0/probs.npy\n# b is broken\nb.png missing.npy\n".utf8))
        r = try CRFViewProcess.run(["infer", "--out-dir", tmp.file("out2"), "--list", list, "--iterations", "3"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: \(tmp.file("missing.npy")): no such file\ninfer: 2 inputs: 1 written, 1 failed\n")
        #expect(FileManager.default.fileExists(atPath: tmp.file("out2/a/labels.png")))
        #expect(!FileManager.default.fileExists(atPath: tmp.file("out2/b/labels.png")))
    }

    @Test func datasetFlagMistakesGetOneLine() throws {
        let tmp = try TemporaryFolder()
        let dirs = try Self.dataset(tmp, count: 1)
        let cases: [([String], String)] = [
            (["infer", "--list", tmp.file("l.txt")], "error: --list: runs a dataset; give --out-dir OUT for the results\n"),
            (["infer", "--out-dir", tmp.file("o"), "--shard", "4/3"] + dirs, "error: --shard: expected K/N with 1 <= K <= N (e.g. 2/8), got '4/3'\n"),
            (["infer", "--out-dir", tmp.file("o"), "--probs", "p.npy"] + dirs, "error: --out-dir: each input brings its own unary file; leave out --probs, --logits, --unary, --labels and --kmeans\n"),
            (["infer", "--out-dir", tmp.file("o"), "--out-labels", "l.png"] + dirs, "error: --out-labels: writes one image's result; with --out-dir use --with-probs and --with-overlay\n"),
            (["infer", "--out-dir", tmp.file("o"), "--voc", tmp.path, "--split", "val"], "error: --voc: needs --probs-dir D, the folder of the network's ID.npy files\n"),
            (["infer", "--out-dir", tmp.file("o"), "--jobs", "0"] + dirs, "error: --jobs: must be at least 1, got 0\n"),
            (["eval", "--merge", tmp.file("none.json")], "error: \(tmp.file("none.json")): no such file\n"),
        ]
        for (args, message) in cases {
            let r = try CRFViewProcess.run(args)
            #expect(r.status == 1 && r.stderr.hasPrefix(message.split(separator: ":").prefix(2).joined(separator: ":")), "\(args): \(r.stderr)")
            if !message.contains("no such file") { #expect(r.stderr == message, "\(args)") }
        }
        #expect(!FileManager.default.fileExists(atPath: tmp.file("o")))
    }

    /// The VOC dataset figure pools intersections and unions; shards 1/3..3/3 merged give
    /// exactly the report of one run.
    @Test func shardedEvalMergesIntoTheWholeRun() throws {
        let tmp = try TemporaryFolder()
        let dirs = try Self.dataset(tmp, count: 7)
        let whole = try CRFViewProcess.run(["eval", "--json", "--iterations", "3"] + dirs)
        #expect(whole.status == 0, "\(whole.stderr)")
        var parts: [String] = []
        for k in 1...3 {
            let r = try CRFViewProcess.run(["eval", "--json", "--iterations", "3", "--shard", "\(k)/3"] + dirs)
            #expect(r.status == 0, "\(r.stderr)")
            parts.append(try tmp.write("s\(k).json", Array(r.stdout.utf8)))
        }
        let merged = try CRFViewProcess.run(["eval", "--merge"] + parts + ["--json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == whole.stdout)
        let object = try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [String: Any]
        let pooled = try #require(object?["pooled_crf_miou"] as? Double)
        let perClass = try #require(object?["crf_per_class"] as? [String: Any])
        let i = try #require(perClass["intersection"] as? [Int]), u = try #require(perClass["union"] as? [Int])
        #expect(i.count == 2 && u.count == 2)
        #expect(abs(pooled - (Double(i[0]) / Double(u[0]) + Double(i[1]) / Double(u[1])) / 2) < 1e-12)
        #expect(object?["pooled_unary_miou"] is Double)
        let table = try CRFViewProcess.run(["eval", "--merge"] + parts)
        let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.hasPrefix("pooled ") } && lines.contains { $0.hasPrefix("class ") }, "\(table.stdout)")
    }
}

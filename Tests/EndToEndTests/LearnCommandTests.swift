import CRFIO
import CRFTestSupport
import DenseCRF
import Foundation
import Testing

/// `crfview learn` as a user runs it: on a generated learning set, then its output through
/// `infer` and `eval --params`; and each bad input as one error line.
@Suite(.serialized) struct LearnCommandTests {
    /// A small learning set (2 training scenes, 1 validation scene), made once.
    static let set: String = {
        let folder = NSTemporaryDirectory() + "crfview-learnset-" + UUID().uuidString
        _ = try? CRFViewProcess.run(["make-samples", "--learning-set", "--out", folder, "--train", "2", "--val", "1", "--seed", "3"])
        return folder
    }()

    @Test func learnedParametersRoundTripThroughInferAndEval() throws {
        let tmp = try TemporaryFolder()
        let train = ["\(Self.set)/train/street-01", "\(Self.set)/train/street-02"]
        let out = tmp.file("learned.json"), log = tmp.file("learn.csv")
        let r = try CRFViewProcess.run(["learn"] + train + ["--val", "\(Self.set)/val/street-03", "--epochs", "2",
                                        "--out", out, "--log", log, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("epoch 2/2  loss "), "\(r.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let before = summary["val_miou_before"] as! Double, after = summary["val_miou_after"] as! Double
        #expect(after >= before, "validation mIoU \(before) → \(after)")
        #expect(try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").count == 3)

        // The file is a params file every command loads: a learned matrix and calibration.
        let file = try ParamsFile.read(out)
        guard case .matrix(let m)? = file.parameters.bilateral?.compat else { Issue.record("no matrix"); return }
        #expect(m.count == 6 && m[1][2] == m[2][1])
        #expect(file.parameters.unaryCalibration?.bias.count == 6)
        #expect(file.parameters.iterations == 10)
        let probs = tmp.file("q.npy")
        let infer = try CRFViewProcess.run(["infer", "\(Self.set)/val/street-03/image.png", "--probs", "\(Self.set)/val/street-03/probs.npy",
                                            "--params", out, "--out-probs", probs])
        #expect(infer.status == 0, "\(infer.stderr)")
        #expect(try NPYFile.read(probs).shape == [6, 300, 400])
        let eval = try CRFViewProcess.run(["eval", "\(Self.set)/val/street-03", "--params", out, "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let scores = try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as! [String: Any]
        #expect(abs((scores["mean_crf_miou"] as! Double) - after) < 1e-9, "eval agrees with learn's own validation score")
    }

    @Test func badInputsAreOneLineErrors() throws {
        let tmp = try TemporaryFolder()
        let scene = "\(Self.set)/train/street-01"
        // A folder without truth.
        let noTruth = tmp.file("no-truth")
        try FileManager.default.createDirectory(atPath: noTruth, withIntermediateDirectories: true)
        for f in ["image.png", "probs.npy"] { try FileManager.default.copyItem(atPath: "\(scene)/\(f)", toPath: "\(noTruth)/\(f)") }
        // A folder with another label count (a bundled-style sample with 3 classes).
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples").path
        // An INIT file for another label count.
        let init3 = try tmp.write("init.json", Array(#"{"bilateral": {"sxy": 80, "srgb": 13, "compat": [1, 2, 3]}}"#.utf8))
        let cases: [([String], String)] = [
            (["learn", noTruth], "error: \(noTruth): no truth.png in this folder; learning needs the truth"),
            (["learn", scene, "\(samples)/birds-on-wire"], "error: \(samples)/birds-on-wire: has 3 labels but street-01 has 6; all folders must share one class set"),
            (["learn", scene, "--params", init3], "error: \(init3): diagonal compatibility has 3 values but there are 6 labels"),
            (["learn", scene, "--learn", "full"], "error: --learn: expected potts, diagonal or matrix, got 'full'"),
            (["learn", scene, "--epochs", "0"], "error: --epochs: must be at least 1, got 0"),
        ]
        for (arguments, expected) in cases {
            let r = try CRFViewProcess.run(arguments + ["--out", tmp.file("never.json")])
            #expect(r.status == 1, "\(arguments)")
            #expect(r.stderr == expected + "\n", "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: tmp.file("never.json")))
    }
}

import CRFIO
import CRFTestSupport
import DenseCRF
import Foundation
import Testing

/// `crfview infer` run as a process: outputs on good input, and one clear line, a non-zero
/// exit and no partial output on each kind of bad input the engine issue lists.
@Suite struct InferCommandTests {
    /// A 40×30 two-region image with noisy 3-class probabilities, written to `folder`.
    static func fixture(_ folder: TemporaryFolder, labels: Int = 3) throws -> (image: String, probs: String) {
        let scene = TwoRegions(width: 40, height: 30)
        var random = XorShift(state: 99)
        let p = scene.probabilities(labels: labels, boost: 0.7, random: &random)
        let image = folder.file("image.png")
        try ImageFile.writePNG(scene.image, to: image)
        let probs = folder.file("probs.npy")
        try NPYFile.write(NPYArray(shape: [labels, scene.height, scene.width], values: p), to: probs)
        return (image, probs)
    }

    @Test func writesEveryOutput() throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try Self.fixture(tmp)
        let r = try CRFViewProcess.run(["infer", image, "--probs", probs, "--iterations", "5",
                                        "--out-labels", tmp.file("l.png"), "--out-probs", tmp.file("q.npy"),
                                        "--out-overlay", tmp.file("o.png"), "--energy-log", tmp.file("e.csv"), "--timing"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.range(of: #"^timing: load=[0-9.]+ build=[0-9.]+ iterate=[0-9.]+ save=[0-9.]+\n$"#, options: .regularExpression) != nil, "\(r.stderr)")
        guard case .indices(40, 30, let labels) = try LabelImageFile.read(tmp.file("l.png")) else {
            Issue.record("labels PNG is not an index image")
            return
        }
        #expect(labels.enumerated().allSatisfy { $0.element == ($0.offset % 40 < 20 ? 0 : 1) })
        let q = try NPYFile.read(tmp.file("q.npy"))
        #expect(q.shape == [3, 30, 40])
        for i in stride(from: 0, to: 1200, by: 97) {
            #expect(abs(q.values[i] + q.values[1200 + i] + q.values[2400 + i] - 1) < 1e-5)
        }
        #expect(try ImageFile.readRGB(tmp.file("o.png")).width == 40)
        let csv = try String(contentsOfFile: tmp.file("e.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "iteration,kl,map_energy,changed")
        #expect(csv.count == 7)
        #expect(csv[1].hasPrefix("0,"))
    }

    @Test func hwcLayoutIsDetected() throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try Self.fixture(tmp)
        let chw = try NPYFile.read(probs)
        var hwc = [Float](repeating: 0, count: chw.values.count)
        for l in 0..<3 { for i in 0..<1200 { hwc[i * 3 + l] = chw.values[l * 1200 + i] } }
        try NPYFile.write(NPYArray(shape: [30, 40, 3], values: hwc), to: tmp.file("hwc.npy"))
        _ = try CRFViewProcess.run(["infer", image, "--probs", probs, "--out-probs", tmp.file("a.npy")])
        let r = try CRFViewProcess.run(["infer", image, "--probs", tmp.file("hwc.npy"), "--out-probs", tmp.file("b.npy")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try NPYFile.read(tmp.file("a.npy")) == NPYFile.read(tmp.file("b.npy")))
    }

    @Test func annotationInput() throws {
        let tmp = try TemporaryFolder()
        let (image, _) = try Self.fixture(tmp)
        // Index PNG: 0 = unknown, classes 1..2; a scribble in each half.
        var a = [UInt8](repeating: 0, count: 1200)
        for y in 10..<20 { a[y * 40 + 5] = 1; a[y * 40 + 35] = 2 }
        try LabelImageFile.writeIndexed(width: 40, height: 30, indices: a, palette: VOCColormap.colors(count: 3), to: tmp.file("a.png"))
        let r = try CRFViewProcess.run(["infer", image, "--labels", tmp.file("a.png"), "--out-labels", tmp.file("l.png")])
        #expect(r.status == 0, "\(r.stderr)")
        guard case .indices(_, _, let labels) = try LabelImageFile.read(tmp.file("l.png")) else { return }
        #expect(labels[15 * 40 + 2] == 0 && labels[15 * 40 + 38] == 1)
    }

    /// Runs infer expecting failure: one `error: <subject>: …` line, exit 1, no output file.
    func expectFailure(_ args: [String], subject: String, mentions: String, in tmp: TemporaryFolder,
                       environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = tmp.contents
        let r = try CRFViewProcess.run(["infer"] + args + ["--out-labels", tmp.file("out.png"), "--out-probs", tmp.file("out.npy")], environment: environment)
        #expect(r.status != 0, sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("error: \(subject): "), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(mentions), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(tmp.contents == before, "left files behind: \(tmp.contents)", sourceLocation: sourceLocation)
    }

    @Test func badInputsGetOneClearLine() throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try Self.fixture(tmp)
        let pngBytes = Array(try Data(contentsOf: URL(fileURLWithPath: image)))
        let npyBytes = NPYFile.encode(NPYArray(shape: [3, 30, 40], values: [Float](repeating: 0.3, count: 3600)))

        try expectFailure(["missing.png", "--probs", probs], subject: "missing.png", mentions: "no such file", in: tmp)
        try expectFailure([tmp.path, "--probs", probs], subject: tmp.path, mentions: "directory", in: tmp)
        let truncated = try tmp.write("truncated.png", Array(pngBytes.prefix(pngBytes.count / 2)))
        try expectFailure([truncated, "--probs", probs], subject: truncated, mentions: "PNG", in: tmp)
        var flipped = pngBytes
        flipped[flipped.count / 2] ^= 0xFF
        let corrupt = try tmp.write("corrupt.png", flipped)
        try expectFailure([corrupt, "--probs", probs], subject: corrupt, mentions: "PNG", in: tmp)
        let jpeg = try tmp.write("cut.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8))
        try expectFailure([jpeg, "--probs", probs], subject: jpeg, mentions: "JPEG", in: tmp)
        let cutNpy = try tmp.write("cut.npy", Array(npyBytes.prefix(npyBytes.count - 100)))
        try expectFailure([image, "--probs", cutNpy], subject: cutNpy, mentions: "truncated", in: tmp)

        var intBytes = npyBytes
        if let at = (0..<120).first(where: { Array(intBytes[$0..<($0 + 3)]) == Array("<f4".utf8) }) { intBytes[at + 1] = UInt8(ascii: "i") }
        let ints = try tmp.write("int.npy", intBytes)
        try expectFailure([image, "--probs", ints], subject: ints, mentions: "an integer array cannot hold probabilities", in: tmp)
        try NPYFile.write(NPYArray(shape: [3, 1200], values: [Float](repeating: 0.3, count: 3600)), to: tmp.file("rank2.npy"))
        try expectFailure([image, "--probs", tmp.file("rank2.npy")], subject: tmp.file("rank2.npy"), mentions: "holds a map of 1200x3 but the image is 40x30, another aspect ratio", in: tmp)
        try NPYFile.write(NPYArray(shape: [3, 20, 60], values: [Float](repeating: 1 / 3, count: 3600)), to: tmp.file("shape.npy"))
        try expectFailure([image, "--probs", tmp.file("shape.npy")], subject: tmp.file("shape.npy"), mentions: "holds 3 maps of 60x20 but the image is 40x30, another aspect ratio; if the network was given a resized photo, pass --resize", in: tmp)
        var nan = [Float](repeating: 0.3, count: 3600)
        nan[1234] = .nan
        try NPYFile.write(NPYArray(shape: [3, 30, 40], values: nan), to: tmp.file("nan.npy"))
        try expectFailure([image, "--unary", tmp.file("nan.npy")], subject: tmp.file("nan.npy"), mentions: "not finite", in: tmp)
        nan[1234] = .infinity
        try NPYFile.write(NPYArray(shape: [3, 30, 40], values: nan), to: tmp.file("inf.npy"))
        try expectFailure([image, "--probs", tmp.file("inf.npy")], subject: tmp.file("inf.npy"), mentions: "not finite", in: tmp)
        try NPYFile.write(NPYArray(shape: [1, 30, 40], values: [Float](repeating: 1, count: 1200)), to: tmp.file("one.npy"))
        try expectFailure([image, "--unary", tmp.file("one.npy")], subject: tmp.file("one.npy"), mentions: "has one channel; energies need one per label", in: tmp)
        try NPYFile.write(NPYArray(shape: [257, 30, 40], values: [Float](repeating: 1 / 257, count: 257 * 1200)), to: tmp.file("many.npy"))
        try expectFailure([image, "--probs", tmp.file("many.npy")], subject: tmp.file("out.png"), mentions: "257 labels", in: tmp)
        try expectFailure([image, "--probs", probs, "--gaussian-sxy", "0"], subject: "--gaussian-sxy", mentions: "positive", in: tmp)
        try expectFailure([image, "--probs", probs, "--bilateral-srgb=-2"], subject: "--bilateral-srgb", mentions: "positive", in: tmp)
        try NPYFile.write(NPYArray(shape: [2, 2], values: [0, 1, 1, 0]), to: tmp.file("mu.npy"))
        try expectFailure([image, "--probs", probs, "--bilateral-compat", tmp.file("mu.npy")], subject: tmp.file("mu.npy"), mentions: "2x2 but there are 3 labels", in: tmp)
        try expectFailure([image, "--probs", probs, "--gaussian-compat", "1,2"], subject: "--gaussian-compat", mentions: "2 values but there are 3 labels", in: tmp)
        let params = try tmp.write("p.json", Array(#"{"gaussian": {"sxy": 3, "compat": [[1, 0], [0, 1]]}}"#.utf8))
        try expectFailure([image, "--probs", probs, "--params", params], subject: params, mentions: "2x2 but there are 3 labels", in: tmp)
        let broken = try tmp.write("broken.json", Array(#"{"gaussian": "#.utf8))
        try expectFailure([image, "--probs", probs, "--params", broken], subject: broken, mentions: "JSON", in: tmp)
        try expectFailure([image, "--probs", probs], subject: image, mentions: "would fit", in: tmp, environment: ["CRFVIEW_MEMORY_LIMIT": "100000"])
        try expectFailure([image], subject: "command line", mentions: "--probs", in: tmp)
    }

    /// The same 2-class problem given as probabilities, as one foreground channel, as logits
    /// and at a quarter of the resolution gives the labels users expect, with notes on stderr.
    @Test func networkOutputsInEveryForm() throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try Self.fixture(tmp, labels: 2)
        let p = try NPYFile.read(probs).values
        let foreground = Array(p[1200...])
        try NPYFile.write(NPYArray(shape: [30, 40], values: foreground), to: tmp.file("fg.npy"))
        let logits = foreground.map { log($0 / (1 - $0)) * 3 }
        try NPYFile.write(NPYArray(shape: [1, 30, 40], values: logits), to: tmp.file("z.npy"))
        var quarter = [Float]()
        for y in stride(from: 0, to: 30, by: 4) { for x in stride(from: 0, to: 40, by: 4) { quarter.append(foreground[y * 40 + x]) } }
        try NPYFile.write(NPYArray(shape: [8, 10], values: quarter), to: tmp.file("small.npy"))
        for (args, note) in [(["--probs", tmp.file("fg.npy")], ""), (["--logits", tmp.file("z.npy"), "--temperature", "3"], ""),
                             (["--probs", tmp.file("small.npy")], "note: \(tmp.file("small.npy")): a map of 10x8 upsampled bilinearly to the 40x30 image\n")] {
            let r = try CRFViewProcess.run(["infer", image] + args + ["--out-labels", tmp.file("l.png")])
            #expect(r.status == 0 && r.stderr == note, "\(args): \(r.stderr)")
            guard case .indices(40, 30, let labels) = try LabelImageFile.read(tmp.file("l.png")) else {
                Issue.record("no labels for \(args)")
                continue
            }
            #expect(labels.enumerated().allSatisfy { $0.element == ($0.offset % 40 < 20 ? 0 : 1) }, "\(args)")
        }
        let r = try CRFViewProcess.run(["infer", image, "--logits", tmp.file("z.npy")])
        #expect(r.status == 0)
        #expect(r.stdout.range(of: #"^2 labels in the result \(0: 50\.0%, 1: 50\.0%\), [0-9]+ of 1200 pixels \([0-9.]+%\) changed from the unary argmax, [0-9]+ ms; nothing saved: add --out-labels L.png, --out-probs Q.npy or --out-overlay O.png\n$"#, options: .regularExpression) != nil, "\(r.stdout)")
        try expectFailure([image, "--probs", tmp.file("z.npy")], subject: tmp.file("z.npy"), mentions: "these look like logits; use --logits", in: tmp)
        try expectFailure([image, "--unary", tmp.file("z.npy")], subject: tmp.file("z.npy"), mentions: "has one channel", in: tmp)
        try expectFailure([image, "--probs", probs, "--temperature", "2"], subject: "--temperature", mentions: "applies to --logits only", in: tmp)
    }

    @Test func marginalsAsFloat16() throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try Self.fixture(tmp)
        _ = try CRFViewProcess.run(["infer", image, "--probs", probs, "--out-probs", tmp.file("q32.npy")])
        let r = try CRFViewProcess.run(["infer", image, "--probs", probs, "--out-probs", tmp.file("q16.npy"), "--probs-dtype", "float16"])
        #expect(r.status == 0, "\(r.stderr)")
        let (q32, q16) = (try NPYFile.read(tmp.file("q32.npy")), try NPYFile.read(tmp.file("q16.npy")))
        #expect(q16.storedType == .float16 && q16.shape == q32.shape)
        #expect(zip(q32.values, q16.values).allSatisfy { abs($0 - $1) <= 4.9e-4 })
        let size = { (p: String) in (try FileManager.default.attributesOfItem(atPath: p)[.size] as? Int) ?? 0 }
        #expect(try size(tmp.file("q16.npy")) < size(tmp.file("q32.npy")) / 2 + 128)
        try expectFailure([image, "--probs", probs, "--probs-dtype", "float64"], subject: "--probs-dtype", mentions: "expected float32 or float16", in: tmp)
    }

    @Test func outputFolderMustExist() throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try Self.fixture(tmp)
        let r = try CRFViewProcess.run(["infer", image, "--probs", probs, "--out-labels", tmp.file("nope/l.png")])
        #expect(r.status != 0)
        #expect(r.stderr == "error: \(tmp.file("nope/l.png")): cannot write: folder '\(tmp.file("nope"))' does not exist\n", "\(r.stderr)")
    }
}

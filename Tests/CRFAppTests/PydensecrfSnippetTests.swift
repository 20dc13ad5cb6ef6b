@testable import CRFApp
import CRFIO
import CRFTestSupport
import DenseCRF
import Foundation
import Testing

/// The exported script run in pydensecrf gives crfview's Q, for inputs that used to break it:
/// an (H, W, L) array, a single sigmoid logit channel at a quarter of the resolution, an RGB
/// annotation and k-means memberships.
@Suite struct PydensecrfSnippetTests {
    static let python: String? = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import pydensecrf.densecrf, numpy, PIL"]
        // The probe's complaint, if any, is read and dropped; nothing goes to the machine's /dev/null.
        let complaint = Pipe()
        probe.standardError = complaint
        guard (try? probe.run()) != nil else { return nil }
        _ = complaint.fileHandleForReading.readDataToEndOfFile()
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? "python3" : nil
    }()

    func problems(_ tmp: TemporaryFolder) throws -> [(String, Problem)] {
        let folder = tmp.file("scene")
        try SceneFixture.write(3, to: folder)
        let image = folder + "/image.png"
        let (w, h) = (SceneFixture.width, SceneFixture.height)
        let p = try NPYFile.read(folder + "/probs.npy").values
        var hwc = [Float](repeating: 0, count: p.count)
        for i in 0..<(w * h) { for l in 0..<2 { hwc[i * 2 + l] = p[l * w * h + i] } }
        let hwcPath = try tmp.npy("hwc.npy", shape: [h, w, 2], values: hwc)
        var quarter = [Float]()
        for y in stride(from: 0, to: h, by: 4) { for x in stride(from: 0, to: w, by: 4) { quarter.append(log(p[w * h + y * w + x] / p[y * w + x])) } }
        let logitPath = try tmp.npy("z.npy", shape: [h / 4, w / 4], values: quarter)
        var rgb = RGBImage(width: w, height: h, pixels: [UInt8](repeating: 0, count: 3 * w * h))
        for y in 4..<12 { rgb.pixels[3 * (y * w + 2)] = 255; rgb.pixels[3 * (y * w + 20) + 1] = 255 }
        try ImageFile.writePNG(rgb, to: tmp.file("scribble.png"))
        let specs: [(String, UnarySpec)] = [
            ("hwc", .map(path: hwcPath, kind: .probs)), ("logit", .map(path: logitPath, kind: .logits)),
            ("rgb annotation", .annotation(path: tmp.file("scribble.png"))), ("kmeans", .kmeans(clusters: 3, seed: 1)),
        ]
        var list = try specs.map { ($0.0, try ProblemFiles.load(imagePath: image, unary: $0.1, mapOptions: MapOptions(temperature: 2), model: SceneFixture.model).problem) }
        // What `crfview learn` writes: a matrix compatibility and a unary calibration.
        var learned = list[0].1
        learned.parameters.bilateral?.compat = .matrix([[-4, 1.5], [1.5, -6]])
        learned.parameters.unaryCalibration = UnaryCalibration(weight: 0.7, bias: [0.3, -0.2])
        list.append(("learned", learned))
        return list
    }

    @Test func scriptIsAbsoluteAndReadsTheUnaryCrfviewUsed() throws {
        let tmp = try TemporaryFolder()
        let (_, problem) = try problems(tmp)[1]
        let script = PydensecrfSnippet.make(imagePath: "rel/image.png", source: problem.source, origin: "z.npy", unaryFile: "out/u.npy",
                                            parameters: problem.parameters, unary: problem.unarySettings)
        let cwd = FileManager.default.currentDirectoryPath
        #expect(script.contains("Image.open(\"\(cwd)/rel/image.png\")"))
        #expect(script.contains("probs = np.load(\"\(cwd)/out/u.npy\")"))
        #expect(script.contains("U = unary_from_softmax(probs, clip=1e-05)"))
        #expect(!script.contains("--kmeans"))
    }

    @Test func scriptRunInPydensecrfGivesCrfviewsQ() throws {
        guard let python = Self.python else {
            print("skipped: pydensecrf is not installed (python3 -m pip install pydensecrf2 pillow)")
            return
        }
        let tmp = try TemporaryFolder()
        for (name, problem) in try problems(tmp) {
            let inference = MeanFieldInference(model: try problem.model(), tracksEnergy: false)
            inference.run(problem.parameters.iterations)
            let q = inference.finish().labelMajor()
            let (shape, values) = PydensecrfSnippet.unaryArray(problem.source, width: problem.image.width, height: problem.image.height)
            let unaryFile = try tmp.npy("\(name)-unary.npy", shape: shape, values: values)
            let script = PydensecrfSnippet.make(imagePath: problem.imagePath!, source: problem.source, origin: problem.sourcePath!,
                                                unaryFile: unaryFile, parameters: problem.parameters, unary: problem.unarySettings)
            let scriptPath = try tmp.write("\(name).py", script + "np.save(\"\(tmp.file("\(name)-q.npy"))\", Q.astype(np.float32))\n")
            let run = Process()
            run.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            run.arguments = [python, scriptPath]
            run.currentDirectoryURL = URL(fileURLWithPath: "/")
            try run.run()
            run.waitUntilExit()
            #expect(run.terminationStatus == 0, "\(name): the script failed")
            let peer = try NPYFile.read(tmp.file("\(name)-q.npy"))
            #expect(peer.shape == [problem.labelCount, problem.image.height, problem.image.width], "\(name)")
            let worst = zip(q, peer.values).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst < 1e-4, "\(name): max |dQ| = \(worst)")
        }
    }
}

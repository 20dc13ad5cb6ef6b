@testable import CRFApp
import CRFIO
import CRFTestSupport
import DenseCRF
import Foundation
import Testing

/// A generated sample folder reads back as `SampleFolder` and `ProblemFiles` read it, and the
/// writer never writes into a folder of the user's.
@Suite struct SampleWriterTests {
    static let manifest = SampleManifest(title: "Two \"fields\"", description: "Dark left,\tlight right.", classes: ["dark", "light"],
                                         present: ["dark", "light"], seed: 3, generator: "SceneSynth 1")

    @Test func manifestIsReproducibleTOML() {
        #expect(Self.manifest.toml == """
            title = "Two \\"fields\\""
            description = "Dark left,\\tlight right."
            classes = ["dark", "light"]
            present = ["dark", "light"]
            seed = 3
            generator = "SceneSynth 1"

            """)
        #expect(SampleManifest.quoted("a\u{1}b\\") == "\"a\\u0001b\\\\\"")
    }

    @Test func writtenSampleOpensAsAProblem() throws {
        let tmp = try TemporaryFolder()
        let writer = SampleWriter(folder: tmp.file("sample"))
        #expect(try writer.prepare())
        let (w, h) = (4, 2)
        let image = RGBImage(width: w, height: h, pixels: (0..<(3 * w * h)).map { UInt8($0 * 10) })
        let p: [Float] = [0.9, 0.8, 0.3, 0.2, 0.9, 0.7, 0.4, 0.1]
        let bytes = try writer.write(image: image, probabilities: p + p.map { 1 - $0 }, truth: [0, 0, 1, 1, 0, 0, 1, 255],
                                     manifest: Self.manifest, readme: "test\n")
        #expect(Set(tmp.contents("sample")) == ["image.png", "probs.npy", "truth.png", "sample.toml", "README.md"])
        #expect(bytes == tmp.contents("sample").map { tmp.size("sample/\($0)") }.reduce(0, +))
        let (problem, notes) = try ProblemFiles.open(writer.folder, unary: nil, model: ModelFlags())
        #expect(notes.isEmpty)
        #expect(problem.title == "Two \"fields\"" && problem.classNames == ["dark", "light"])
        #expect(problem.truth == [0, 0, 1, 1, 0, 0, 1, 255])
        #expect(problem.image == image && problem.labelCount == 2)
        // A folder it made may be written again; a user's folder may not.
        #expect(try writer.prepare() == false)
        let user = try tmp.mkdir("mine")
        _ = try tmp.write("mine/notes.txt", "mine")
        #expect(throws: CLIFailure(user, "exists and was not made by make-samples (no sample.toml from SceneSynth); remove it or choose another --out")) {
            try SampleWriter(folder: user).prepare()
        }
    }
}

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

    /// The bundled samples store float16 probabilities, the learning set float32; both open.
    @Test(arguments: [true, false]) func writtenSampleOpensAsAProblem(float16: Bool) throws {
        let tmp = try TemporaryFolder()
        let writer = SampleWriter(folder: tmp.file("sample"), float16: float16)
        #expect(try writer.prepare())
        let (w, h) = (4, 2)
        let image = RGBImage(width: w, height: h, pixels: (0..<(3 * w * h)).map { UInt8($0 * 10) })
        let p: [Float] = [0.9, 0.8, 0.3, 0.2, 0.9, 0.7, 0.4, 0.1]
        let bytes = try writer.write(image: image, probabilities: p + p.map { 1 - $0 }, truth: [0, 0, 1, 1, 0, 0, 1, 255],
                                     manifest: Self.manifest, readme: "test\n")
        #expect(Set(tmp.contents("sample")) == ["image.png", "probs.npy", "truth.png", "sample.toml", "README.md"])
        #expect(bytes == tmp.contents("sample").map { tmp.size("sample/\($0)") }.reduce(0, +))
        // A 128-byte header, then 16 values of 2 or 4 bytes; float16 rounds 0.9 to 0.89990234.
        #expect(tmp.size("sample/probs.npy") == 128 + 16 * (float16 ? 2 : 4))
        let stored = try NPYFile.read(tmp.file("sample/probs.npy"))
        #expect(stored.storedType == (float16 ? .float16 : .float))
        #expect(stored.values == (p + p.map { 1 - $0 }).map { float16 ? Float(Float16($0)) : $0 })
        #expect(stored.values[0] == (float16 ? 0.89990234 : 0.9))
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
            try SampleWriter(folder: user, float16: true).prepare()
        }
    }
}

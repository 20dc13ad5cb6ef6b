import CRFIO
import Foundation
import Testing
@testable import SceneSynth

/// The folders in `Samples/` are exactly what `crfview make-samples` makes with the default
/// seed: a change to the generator that changes its output must come with regenerated
/// samples (and a new `generatorVersion`). The probabilities are stored as float16, which keeps
/// every committed file under the repository's 4 MiB limit.
@Suite struct CommittedSamplesTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples").path

    @Test(arguments: SampleCatalog.recipes.map(\.name))
    func committedFilesAreTheGeneratorsOutput(_ name: String) throws {
        let folder = Self.samples + "/" + name
        let s = SampleCatalog.recipe(named: name)!.render(seed: SampleCatalog.defaultSeed)
        #expect(try ImageFile.readRGB(folder + "/image.png") == s.image)
        guard case .indices(let w, let h, let truth) = try LabelImageFile.read(folder + "/truth.png") else {
            Issue.record("truth.png is not an index PNG")
            return
        }
        #expect(w == s.image.width && h == s.image.height)
        #expect(truth == s.truth)
        let probs = try NPYFile.read(folder + "/probs.npy")
        #expect(probs.shape == [s.classes.count, s.image.height, s.image.width])
        #expect(probs.storedType == .float16)
        #expect(probs.values == s.probabilities.map { Float(Float16($0)) })
        let manifest = try String(contentsOfFile: folder + "/sample.toml", encoding: .utf8)
        #expect(manifest.contains("generator = \"SceneSynth \(SampleCatalog.generatorVersion)\""))
        #expect(manifest.contains("seed = \(SampleCatalog.defaultSeed)"))
    }

    @Test func everyCommittedFileIsUnder4MiB() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.samples)
        #expect(files.count >= 5 * SampleCatalog.recipes.count)
        for file in files {
            let size = try #require(FileManager.default.attributesOfItem(atPath: Self.samples + "/" + file)[.size] as? Int)
            #expect(size < 4 << 20, "Samples/\(file) is \(size) bytes")
        }
    }
}

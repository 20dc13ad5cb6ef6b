import CRFIO
import Foundation
import Testing
@testable import SceneSynth

/// The folders in `Samples/` are exactly what `crfview make-samples` makes with the default
/// seed: a change to the generator that changes its output must come with regenerated
/// samples (and a new `generatorVersion`).
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
        #expect(probs.values == s.probabilities)
        let manifest = try String(contentsOfFile: folder + "/sample.toml", encoding: .utf8)
        #expect(manifest.contains("generator = \"SceneSynth \(SampleCatalog.generatorVersion)\""))
        #expect(manifest.contains("seed = \(SampleCatalog.defaultSeed)"))
    }
}

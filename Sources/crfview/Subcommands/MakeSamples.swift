import ArgumentParser
import CRFApp
import CRFIO
import Foundation
import SceneSynth

/// `crfview make-samples`: writes the bundled sample folders from the SceneSynth generator.
///
/// The committed `Samples/` are this command's output with the default seed; the same seed
/// always gives the same bytes, so anyone can check or regenerate them, and other seeds give
/// as many fresh samples as wanted. Samples store their probabilities as float16, which keeps
/// every committed file under 4 MiB (the 21-class, 320×240 voc21-mix is 3.2 MB instead of
/// 6.5 MB); the learning set is made locally, not committed, and keeps float32, the data the
/// README's learning figures were measured on.
struct MakeSamples: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-samples",
        abstract: "Generate sample folders: synthetic photographs with ground truth and a simulated network's coarse prediction.")

    @Option(help: ArgumentHelp("Folder to write the sample folders into.", valueName: "dir"))
    var out = "Samples"
    @Option(help: ArgumentHelp("Generator seed; the committed samples use the default.", valueName: "S"))
    var seed = Int(SampleCatalog.defaultSeed)
    @Option(help: ArgumentHelp("Make only this sample (repeatable): \(SampleCatalog.recipes.map(\.name).joined(separator: ", ")).", valueName: "name"))
    var only: [String] = []
    @Flag(help: "Make the learning set instead: street scenes sharing one class set, in <out>/train and <out>/val, for `crfview learn`.")
    var learningSet = false
    @Option(help: ArgumentHelp("Training scenes of the learning set.", valueName: "N"))
    var train = 12
    @Option(help: ArgumentHelp("Validation scenes of the learning set.", valueName: "N"))
    var val = 6

    func run() throws {
        guard seed >= 0 else { throw CLIFailure("--seed", "must be at least 0, got \(seed)") }
        if learningSet {
            guard only.isEmpty else { throw CLIFailure("--only", "does not apply to --learning-set") }
            guard train >= 1 else { throw CLIFailure("--train", "must be at least 1, got \(train)") }
            guard val >= 0 else { throw CLIFailure("--val", "must be at least 0, got \(val)") }
            for (split, recipe) in LearningSet.scenes(train: train, validation: val) {
                try make(recipe, in: PathName.join(out, split))
            }
            return
        }
        let recipes = try only.isEmpty ? SampleCatalog.recipes : only.map { name in
            guard let recipe = SampleCatalog.recipe(named: name) else {
                throw CLIFailure("--only", "no sample called '\(name)'; the samples are \(SampleCatalog.recipes.map(\.name).joined(separator: ", "))")
            }
            return recipe
        }
        for recipe in recipes { try make(recipe, in: out) }
    }

    /// Renders one recipe into `parent/<name>`; a folder it created is removed again when
    /// writing fails.
    private func make(_ recipe: SceneRecipe, in parent: String) throws {
        let sample = recipe.render(seed: UInt64(seed))
        let writer = SampleWriter(folder: PathName.join(parent, recipe.name), float16: !learningSet)
        let created = try writer.prepare()
        let manifest = SampleManifest(
            title: sample.title, description: sample.description, classes: sample.classes.map(\.name),
            present: sample.present.map(\.name), seed: seed, generator: "SceneSynth \(SampleCatalog.generatorVersion)")
        let command = learningSet
            ? "crfview make-samples --learning-set --seed \(seed) --train \(train) --val \(val)"
            : "crfview make-samples --seed \(seed) --only \(sample.name)"
        let readme = "\(sample.title): \(sample.description) Made by `\(command)`.\n"
        do {
            let bytes = try writer.write(image: sample.image, probabilities: sample.probabilities, truth: sample.truth,
                                         manifest: manifest, readme: readme)
            let size = "\(sample.image.width)x\(sample.image.height)"
            print("\(writer.folder): \(size), \(sample.classes.count) classes, present: \(sample.present.map(\.name).joined(separator: " ")); \(String(format: "%.1f", Double(bytes) / 1e6)) MB")
        } catch {
            if created { rmdir(writer.folder) }
            throw error
        }
    }
}

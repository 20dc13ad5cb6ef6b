import ArgumentParser
import CRFApp
import CRFIO
import DenseCRF
import Foundation
import SceneSynth
import TOMLKit
import TOMLText

/// `crfview make-samples`: writes the bundled sample folders from the SceneSynth generator.
///
/// The committed `Samples/` are this command's output with the default seed; the same seed
/// always gives the same bytes, so anyone can check or regenerate them, and other seeds give
/// as many fresh samples as wanted.
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
        do {
            try make()
        } catch {
            throw report(error)
        }
    }

    private func make() throws {
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
        let folder = PathName.join(parent, recipe.name)
        let created = try Self.prepareFolder(folder)
        do {
            let bytes = try write(sample, to: folder)
            let size = "\(sample.image.width)x\(sample.image.height)"
            print("\(folder): \(size), \(sample.classes.count) classes, present: \(sample.present.map(\.name).joined(separator: " ")); \(String(format: "%.1f", Double(bytes) / 1e6)) MB")
        } catch {
            if created { rmdir(folder) }
            throw error
        }
    }

    /// Makes the sample's folder, or accepts an existing one that is empty or holds a sample
    /// this command made (its sample.toml names the SceneSynth generator), so a user's own
    /// files are never overwritten. Returns whether the folder was created.
    static func prepareFolder(_ folder: String) throws -> Bool {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CLIFailure(folder, "exists and is not a folder") }
            let entries = try CLIFailure.attributing(to: folder) { try FileManager.default.contentsOfDirectory(atPath: folder) }
            guard entries.isEmpty || isGenerated(folder) else {
                throw CLIFailure(folder, "exists and was not made by make-samples (no sample.toml from SceneSynth); remove it or choose another --out")
            }
            return false
        }
        try CLIFailure.attributing(to: folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        return true
    }

    /// Whether `folder/sample.toml` says the folder came from the generator.
    private static func isGenerated(_ folder: String) -> Bool {
        guard let text = try? String(contentsOfFile: PathName.join(folder, "sample.toml"), encoding: .utf8),
              let table = try? TOMLText.table(text) else { return false }
        return table["generator"]?.string?.hasPrefix("SceneSynth") == true
    }

    /// Writes the five files of one sample, all or none; returns their total size in bytes.
    private func write(_ sample: SynthesizedSample, to folder: String) throws -> Int {
        let image = sample.image
        let manifest = SampleManifest(
            title: sample.title, description: sample.description, classes: sample.classes.map(\.name),
            present: sample.present.map(\.name), seed: seed, generator: "SceneSynth \(SampleCatalog.generatorVersion)")
        let command = learningSet
            ? "crfview make-samples --learning-set --seed \(seed) --train \(train) --val \(val)"
            : "crfview make-samples --seed \(seed) --only \(sample.name)"
        let readme = "\(sample.title): \(sample.description) Made by `\(command)`.\n"
        var files = OutputFiles()
        var total = 0
        func file(_ name: String, _ encode: (String) throws -> [UInt8]) throws {
            let path = PathName.join(folder, name)
            try files.stage(path) {
                let bytes = try encode(path)
                total += bytes.count
                return bytes
            }
        }
        try file("image.png") { try ImageFile.encodePNG(image, path: $0) }
        try file("probs.npy") { _ in NPYFile.encode(NPYArray(shape: [sample.classes.count, image.height, image.width], values: sample.probabilities)) }
        try file("truth.png") {
            try LabelImageFile.encodeIndexed(width: image.width, height: image.height, indices: sample.truth, palette: VOCColormap.colors(), path: $0)
        }
        try file("sample.toml") { _ in Array(manifest.toml.utf8) }
        try file("README.md") { _ in Array(readme.utf8) }
        try files.commit()
        return total
    }
}

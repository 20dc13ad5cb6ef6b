import CRFIO
import DenseCRF
import Foundation
import TOMLText

/// Writes a sample folder as `SampleFolder` reads it back: image.png, probs.npy (L, H, W),
/// truth.png, sample.toml and a README, all or none. It never writes into a folder of the
/// user's: an existing folder must be empty or hold a sample it made (its sample.toml names
/// the SceneSynth generator).
public struct SampleWriter {
    public let folder: String
    /// Whether probs.npy stores float16 rather than float32: half the size, p rounded to a
    /// relative 2⁻¹¹, so U = −log p moves by at most 4.9e-4 for p ≥ 6.1e-5 (float16's
    /// normal range) and by at most 3e-3 down to the default clip of 1e-5; p below 3e-8
    /// becomes 0, which the clip in `UnaryEnergies` keeps finite as it did before.
    public let float16: Bool

    public init(folder: String, float16: Bool) {
        self.folder = folder
        self.float16 = float16
    }

    /// Makes the folder, or accepts an existing one that is empty or holds a generated sample.
    /// Returns whether the folder was created (and so may be removed again on failure).
    public func prepare() throws -> Bool {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CLIFailure(folder, "exists and is not a folder") }
            let entries = try CLIFailure.attributing(to: folder) { try FileManager.default.contentsOfDirectory(atPath: folder) }
            guard entries.isEmpty || isGenerated else {
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
    var isGenerated: Bool {
        guard let text = try? String(contentsOfFile: PathName.join(folder, "sample.toml"), encoding: .utf8),
              let table = try? TOMLText.table(text) else { return false }
        return table["generator"]?.string?.hasPrefix("SceneSynth") == true
    }

    /// Writes the five files of one sample, all or none; returns their total size in bytes.
    /// `probabilities` are label-major, one map per class of `manifest.classes`; `truth` holds
    /// class indices (255 = ignore).
    public func write(image: RGBImage, probabilities: [Float], truth: [UInt8], manifest: SampleManifest, readme: String) throws -> Int {
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
        try file("probs.npy") { _ in
            NPYFile.encode(NPYArray(shape: [manifest.classes.count, image.height, image.width], values: probabilities,
                                    storedType: float16 ? .float16 : .float))
        }
        try file("truth.png") {
            try LabelImageFile.encodeIndexed(width: image.width, height: image.height, indices: truth, palette: VOCColormap.colors(), path: $0)
        }
        try file("sample.toml") { _ in Array(manifest.toml.utf8) }
        try file("README.md") { _ in Array(readme.utf8) }
        try files.commit()
        return total
    }
}

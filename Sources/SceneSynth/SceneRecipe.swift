import DenseCRF
import Randomness

/// How to make one sample: its names, size, label set, composition and the network that
/// "predicts" it. Rendering is a pure function of the recipe and the seed.
public struct SceneRecipe: Sendable {
    /// Folder name, e.g. "street-scene".
    public let name: String
    public let title: String
    /// One line saying what is in the picture and what it shows about the CRF.
    public let description: String
    public let width: Int
    public let height: Int
    public let classes: [VOCClass]
    let network: SimulatedNetwork
    let compose: @Sendable (inout Scene) -> Void

    /// Pixels whose largest class share is below this are "ignore" (255) in the truth.
    static let truthConfidence: Float = 0.75

    /// The sample for catalogue seed `seed`. Each recipe draws from its own stream of that
    /// seed, so one sample can be regenerated alone and adding a recipe changes no other.
    public func render(seed: UInt64) -> SynthesizedSample {
        let sampleSeed = SplitMix64(seed: seed, stream: name).state
        var scene = Scene(width: width, height: height, classes: classes, seed: sampleSeed)
        compose(&scene)
        let truth = scene.canvas.truth(confidence: Self.truthConfidence)
        let probabilities = network.predict(scene, seed: sampleSeed)
        let image = scene.photograph()
        let presentLabels = Set(truth.filter { $0 != 255 })
        return SynthesizedSample(
            name: name, title: title, description: description, classes: classes,
            present: classes.enumerated().filter { presentLabels.contains(UInt8($0.offset)) }.map(\.element),
            seed: seed, image: image, truth: truth, probabilities: probabilities)
    }
}

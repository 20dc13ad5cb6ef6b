/// The scenes `crfview make-samples --learning-set` writes for `crfview learn`: street scenes
/// that share one class set, split into training and validation folders.
///
/// Unlike the bundled samples (each with its own classes) they can train one model. Their
/// simulated network confuses look-alike classes more often than the samples' (bus ↔ car,
/// motorbike ↔ bicycle, as FCNs do on PASCAL VOC) and misses thin parts (frames, spokes, legs):
/// errors whose pattern a learned compatibility and unary calibration can correct, where
/// hand-set Potts weights cannot tell one class pair from another.
public enum LearningSet {
    public static let classes: [VOCClass] = [.background, .bicycle, .bus, .car, .motorbike, .person]

    /// One scene of the set: its split ("train" or "val") and recipe. Scenes are named
    /// `street-NN`, numbered across both splits, so a bigger set keeps the smaller one's scenes.
    public static func scenes(train: Int, validation: Int) -> [(split: String, recipe: SceneRecipe)] {
        (0..<(train + validation)).map { k in
            let split = k < train ? "train" : "val"
            let recipe = SceneRecipe(
                name: "street-" + (k < 9 ? "0" : "") + String(k + 1), title: "Street scene \(k + 1)",
                description: "A street with a bus, cars, a motorbike, a bicycle and walkers, for learning CRF parameters.",
                width: 400, height: 300, classes: classes,
                network: SimulatedNetwork(confusionRate: 0.6, confusionStrength: 0.7...0.95),
                compose: { $0.composeStreet() })
            return (split, recipe)
        }
    }
}

/// The samples `crfview make-samples` writes: scenes in the manner of PASCAL VOC photographs,
/// each with a simulated network prediction for the CRF to refine.
public enum SampleCatalog {
    /// Bumped whenever a change to the generator changes its output for a given seed, so a
    /// sample folder says which generator made it.
    public static let generatorVersion = 1
    /// The seed the committed samples were made with.
    public static let defaultSeed: UInt64 = 2011

    public static let recipes: [SceneRecipe] = [
        SceneRecipe(
            name: "farm-animals", title: "Farm animals",
            description: "Cows, sheep, a horse and a dog in a pasture by a fence; legs and tails are a few pixels wide.",
            width: 500, height: 333, classes: [.background, .cow, .dog, .horse, .sheep],
            network: SimulatedNetwork(), compose: { $0.composeFarm() }),
        SceneRecipe(
            name: "street-scene", title: "Street scene",
            description: "A bus, cars, a motorbike, a bicycle and walkers under overhead wires; thin frames and spokes, stride 8.",
            width: 500, height: 375, classes: [.background, .bicycle, .bus, .car, .motorbike, .person],
            network: SimulatedNetwork(), compose: { $0.composeStreet() }),
        SceneRecipe(
            name: "living-room", title: "Living room",
            description: "Sofa, table, chair, monitor, plant, bottle and cat indoors; thin chair and table legs, confusable furniture.",
            width: 300, height: 400, classes: [.background, .bottle, .cat, .chair, .diningtable, .pottedplant, .sofa, .tvmonitor],
            network: SimulatedNetwork(), compose: { $0.composeLivingRoom() }),
        SceneRecipe(
            name: "harbour", title: "Harbour",
            description: "Boats with thin masts on rippled water, a person on the pier and gulls; predicted at stride 16.",
            width: 450, height: 300, classes: [.background, .aeroplane, .bird, .boat, .person],
            network: SimulatedNetwork(stride: 16, receptiveField: 0.7), compose: { $0.composeHarbour() }),
        SceneRecipe(
            name: "birds-on-wire", title: "Birds on a wire",
            description: "Small birds perched on overhead wires, a gull and an airliner against a cloudy sky.",
            width: 333, height: 500, classes: [.background, .aeroplane, .bird],
            network: SimulatedNetwork(), compose: { $0.composeBirdsOnWire() }),
        SceneRecipe(
            name: "voc21-mix", title: "Pavement café (21 classes)",
            description: "A café pavement with many small objects, scored over all 21 PASCAL VOC classes.",
            width: 320, height: 240, classes: VOCClass.allCases,
            network: SimulatedNetwork(), compose: { $0.composeCafe() }),
    ]

    /// The recipe called `name`, if any.
    public static func recipe(named name: String) -> SceneRecipe? {
        recipes.first { $0.name == name }
    }
}

import CRFLearning
import DenseCRF

/// The folders `learn` trains or validates on, as training examples: each an image, its
/// unaries (before any calibration: learning calibrates them) and its truth, all with one
/// label count (`LabelledFolder` loads and checks each).
public enum TrainingSet {
    /// Loads `folders` under `choice`; all must have the label count of the first folder (or
    /// `labels`). Returns the examples and the model and unary settings they were read with.
    public static func load(_ folders: [String], choice: ModelChoice, labels: Int? = nil) throws
        -> (examples: [TrainingExample], parameters: CRFParameters, settings: UnarySettings)
    {
        var examples: [TrainingExample] = []
        var parameters = CRFParameters()
        var settings = UnarySettings()
        var expected = labels
        for folder in folders {
            let setName = examples.first.map { "\($0.name) has" } ?? "the training folders have"
            let loaded = try LabelledFolder(folder, model: choice, labels: expected, setName: setName)
            expected = loaded.problem.labelCount
            let unary = try loaded.problem.unaryEnergies()
            examples.append(try CLIFailure.attributing(to: folder) {
                try TrainingExample(name: loaded.name, image: loaded.problem.image, unary: unary, truth: loaded.truth)
            })
            parameters = loaded.problem.parameters
            settings = loaded.problem.unarySettings
        }
        return (examples, parameters, settings)
    }
}

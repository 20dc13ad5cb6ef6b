import ArgumentParser
import CRFApp
import CRFLearning

/// What is learned and how: the flags `crfview learn` and the viewer's learning mode (`L`)
/// share, with the same defaults.
struct LearningOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Form of the learned compatibilities: potts (a weight per kernel), diagonal (a weight per class and kernel) or matrix (a symmetric LxL per kernel). (default: matrix)", valueName: "form"))
    var learn: String = "matrix"
    @Flag(inversion: .prefixedNo, help: "Learn the unary calibration U' = a*U + b_l.")
    var learnUnary = true
    @Flag(inversion: .prefixedNo, help: "Learn the kernel widths (by a numerical derivative; about twice the time).")
    var learnWidths = true
    @Flag(help: "A separate set of compatibilities per mean-field step (CRF-RNN's ablation).")
    var untied = false
    @Flag(help: "Weigh classes by median frequency in the cross-entropy.")
    var classBalanced = false
    @Option(help: ArgumentHelp("jaccard (soft IoU, the mean IoU's surrogate), ce (pixel cross-entropy, CRF-RNN's) or both (their sum).", valueName: "name"))
    var loss = "jaccard"
    @Option(help: ArgumentHelp("Mean-field steps unrolled while training.", valueName: "T"))
    var trainIterations = 5
    @Option(help: ArgumentHelp("Training epochs (passes over the training images).", valueName: "N"))
    var epochs = 15
    @Option(help: ArgumentHelp("adam (per image) or lbfgs (full batch).", valueName: "name"))
    var optimizer = "adam"
    @Option(help: ArgumentHelp("Step size in parameter units. (default: 0.1 for adam, 1 for lbfgs)", valueName: "R"))
    var learningRate: Double?
    @Option(help: ArgumentHelp("Seed of the image order.", valueName: "S"))
    var learnSeed: UInt64 = 1

    /// The flags as a learning spec and training options, checked; the caller sets the
    /// options' `inferenceSteps` from the model once it is loaded.
    func resolved() throws -> (spec: LearningSpec, options: TrainingOptions) {
        guard let form = LearningSpec.CompatibilityForm(rawValue: learn) else {
            throw CLIFailure("--learn", "expected potts, diagonal or matrix, got '\(learn)'")
        }
        guard let method = TrainingOptions.Optimizer(rawValue: optimizer) else {
            throw CLIFailure("--optimizer", "expected adam or lbfgs, got '\(optimizer)'")
        }
        guard let objective = TrainingOptions.Loss(rawValue: loss) else {
            throw CLIFailure("--loss", "expected ce, jaccard or both, got '\(loss)'")
        }
        guard trainIterations >= 1 else { throw CLIFailure("--train-iterations", "must be at least 1, got \(trainIterations)") }
        guard epochs >= 1 else { throw CLIFailure("--epochs", "must be at least 1, got \(epochs)") }
        if let r = learningRate, !(r > 0 && r.isFinite) { throw CLIFailure("--learning-rate", "must be positive, got \(r)") }
        let spec = LearningSpec(compatibility: form, unary: learnUnary, widths: learnWidths, untied: untied, trainSteps: trainIterations)
        let options = TrainingOptions(
            optimizer: method, loss: objective, learningRate: learningRate ?? (method == .adam ? 0.1 : 1), epochs: epochs, seed: learnSeed,
            classBalanced: classBalanced)
        return (spec, options)
    }
}

import CRFLearning

/// How `L` learns: what is learned and how (the same defaults and flags as `crfview learn`),
/// and the images besides the open one.
public struct LearningSetup: Sendable {
    public var spec: LearningSpec
    public var options: TrainingOptions
    public var otherImages: [TrainingImage]

    public init(spec: LearningSpec = LearningSpec(), options: TrainingOptions = TrainingOptions(epochs: 15),
                otherImages: [TrainingImage] = []) {
        self.spec = spec
        self.options = options
        self.otherImages = otherImages
    }
}

import DenseCRF

/// Everything the viewer is opened on: the image, where the unaries come from, the model,
/// and what is known about the classes. Built by the command line from files.
public struct ViewerProblem: Sendable {
    public var title: String
    public var image: RGBImage
    public var source: UnarySource
    public var unarySettings: UnarySettings
    public var parameters: CRFParameters
    /// Ground truth per pixel (255 = ignore), when known.
    public var truth: [UInt8]?
    /// Class names by index; numbers are shown where missing.
    public var classNames: [String]
    /// Where the image and the unary source were read from, for exported scripts.
    public var imagePath: String?
    public var sourcePath: String?

    public init(title: String, image: RGBImage, source: UnarySource, unarySettings: UnarySettings,
                parameters: CRFParameters, truth: [UInt8]? = nil, classNames: [String] = [],
                imagePath: String? = nil, sourcePath: String? = nil) {
        self.title = title
        self.image = image
        self.source = source
        self.unarySettings = unarySettings
        self.parameters = parameters
        self.truth = truth
        self.classNames = classNames
        self.imagePath = imagePath
        self.sourcePath = sourcePath
    }

    public var labelCount: Int { source.labelCount }

    /// The name of class `label`, or its number.
    public func className(_ label: Int) -> String {
        label < classNames.count && !classNames[label].isEmpty ? classNames[label] : "class \(label)"
    }
}

/// One segmentation problem: the image, where its unaries come from, the model to run, and what
/// is known about its classes. The command line loads it from files (`CRFApp.ProblemFiles`),
/// the viewer tunes it, the batch runner and `eval` run it; one type, so a field added here
/// (a learned kernel, a calibration) reaches all of them.
///
/// It holds the unary *source*, not the energies: U depends on the unary settings (clip,
/// scale, gt_prob), which the viewer lets the user change.
public struct Problem: Sendable {
    /// What the viewer's title line and exported file names call it.
    public var title: String
    public var image: RGBImage
    public var source: UnarySource
    public var unarySettings: UnarySettings
    public var parameters: CRFParameters
    /// Ground truth per pixel (255 = ignore), when known.
    public var truth: [UInt8]?
    /// Class names by index; numbers are shown where missing.
    public var classNames: [String]
    /// Where the image and the unary source were read from, for messages and exported scripts.
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

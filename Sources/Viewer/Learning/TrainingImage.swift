import DenseCRF

/// One image learning mode trains on: the photograph, where its unaries come from, and its
/// truth (class indices, 255 = ignore). The open problem is one; `crfview view DIR...` adds
/// the other folders.
public struct TrainingImage: Sendable {
    public var title: String
    public var image: RGBImage
    public var source: UnarySource
    public var truth: [UInt8]

    public init(title: String, image: RGBImage, source: UnarySource, truth: [UInt8]) {
        self.title = title
        self.image = image
        self.source = source
        self.truth = truth
    }
}

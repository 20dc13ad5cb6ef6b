import DenseCRF
import Metrics

/// One image to learn from: the photograph, the network's unaries before calibration, and the
/// truth (class indices, 255 = ignore).
///
/// It keeps the last model built for it, so that a new θ with the same widths reuses the
/// lattices (`DenseCRF(reusing:)`): training then builds each image's lattices once.
public final class TrainingExample: @unchecked Sendable {
    public let name: String
    public let image: RGBImage
    public let unary: UnaryEnergies
    public let truth: [UInt8]
    private var cached: DenseCRF?

    public init(name: String, image: RGBImage, unary: UnaryEnergies, truth: [UInt8]) throws(CRFError) {
        guard unary.pixelCount == image.pixelCount, truth.count == image.pixelCount else {
            throw CRFError("\(name): image, unaries and truth cover different pixel counts")
        }
        if let bad = truth.first(where: { $0 != SegmentationMetrics.ignoreLabel && Int($0) >= unary.labelCount }) {
            throw CRFError("\(name): truth has class \(bad) but there are \(unary.labelCount) labels (255 is ignore)")
        }
        self.name = name
        self.image = image
        self.unary = unary
        self.truth = truth
    }

    public var labelCount: Int { unary.labelCount }

    /// The model for `parameters`, reusing the lattices of the previous call where possible.
    /// With `keep` false the new model is not remembered (a probe at other widths).
    public func model(_ parameters: CRFParameters, keep: Bool = true) throws(CRFError) -> DenseCRF {
        let model = try DenseCRF(image: image, unary: unary, parameters: parameters, reusing: cached)
        if keep { cached = model }
        return model
    }

    /// Forgets the cached lattices (to bound memory between uses).
    public func release() { cached = nil }
}

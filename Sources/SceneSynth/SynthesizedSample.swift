import DenseCRF

/// One generated sample: a photograph-like image, its ground truth, and a simulated
/// network's coarse prediction, with the names that describe it.
public struct SynthesizedSample: Sendable, Equatable {
    public let name: String
    public let title: String
    public let description: String
    /// The label set, in the order of the probability channels and truth indices.
    public let classes: [VOCClass]
    /// The classes that have at least one pixel in the truth, in label order.
    public let present: [VOCClass]
    /// The seed passed to the catalogue (not the per-sample seed derived from it).
    public let seed: UInt64
    public let image: RGBImage
    /// Class index per pixel, row-major; 255 where the class is ambiguous (void band).
    public let truth: [UInt8]
    /// Probabilities, label-major (L, H·W), each pixel summing to 1.
    public let probabilities: [Float]
}

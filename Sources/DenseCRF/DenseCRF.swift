import Dispatch

/// A fully connected CRF over the pixels of one image (Krähenbühl & Koltun 2011):
/// E(x) = Σ_i U(x_i) + Σ_{i<j} Σ_m μ_m(x_i, x_j) k_m(f_i, f_j).
///
/// Building it creates one lattice per kernel; that is the expensive part that inference
/// reuses at every step. The model is immutable, so several inferences (say, the viewer's
/// current run and a cancelled one still winding down) can share it.
public final class DenseCRF: Sendable {
    public let width: Int
    public let height: Int
    public let unary: UnaryEnergies
    public let parameters: CRFParameters
    public let terms: [PairwiseTerm]

    public var labelCount: Int { unary.labelCount }
    public var pixelCount: Int { unary.pixelCount }

    public init(image: RGBImage, unary: UnaryEnergies, parameters: CRFParameters) throws(CRFError) {
        let labels = unary.labelCount
        guard unary.pixelCount == image.pixelCount else {
            throw CRFError("unaries cover \(unary.pixelCount) pixels but the image is \(image.width)x\(image.height) (\(image.pixelCount) pixels)")
        }
        try parameters.validate(labels: labels)
        for (i, k) in parameters.featureKernels.enumerated() where k.features.count != k.dimension * image.pixelCount {
            throw CRFError("feature kernel \(i + 1) has \(k.features.count) values, need \(k.dimension) per pixel (\(k.dimension * image.pixelCount))")
        }
        width = image.width
        height = image.height
        self.unary = unary
        self.parameters = parameters

        // Each builder makes its features and lattice; building them concurrently overlaps
        // the sequential hashing of one lattice with the other's work.
        var builders: [@Sendable () -> PairwiseTerm] = []
        if let g = parameters.gaussian {
            let (w, h) = (image.width, image.height)
            builders.append {
                let kernel = DenseKernel(features: KernelFeatures.gaussian(width: w, height: h, sxy: g.sxy), dimension: 2, normalization: g.normalization)
                return PairwiseTerm(name: "gaussian", kernel: kernel, compatibility: g.compat, labels: labels)
            }
        }
        if let b = parameters.bilateral {
            builders.append {
                let kernel = DenseKernel(features: KernelFeatures.bilateral(image: image, sxy: b.sxy, srgb: b.srgb), dimension: 5, normalization: b.normalization)
                return PairwiseTerm(name: "bilateral", kernel: kernel, compatibility: b.compat, labels: labels)
            }
        }
        for (i, k) in parameters.featureKernels.enumerated() {
            builders.append {
                let kernel = DenseKernel(features: KernelFeatures.scaled(k.features, dimension: k.dimension, widths: k.widths), dimension: k.dimension, normalization: k.normalization)
                return PairwiseTerm(name: "features \(i + 1)", kernel: kernel, compatibility: k.compat, labels: labels)
            }
        }
        terms = Self.buildAll(builders)
    }

    private static func buildAll(_ builders: [@Sendable () -> PairwiseTerm]) -> [PairwiseTerm] {
        final class Slots: @unchecked Sendable { var terms: [PairwiseTerm?] = [] }
        let slots = Slots()
        slots.terms = Array(repeating: nil, count: builders.count)
        let lock = DispatchSemaphore(value: 1)
        DispatchQueue.concurrentPerform(iterations: builders.count) { i in
            let term = builders[i]()
            lock.wait()
            slots.terms[i] = term
            lock.signal()
        }
        return slots.terms.map { $0! }
    }

    /// Bytes that building and running a model of this size needs, for refusing inputs that
    /// cannot fit before allocating them: unaries, Q, messages, scratch and per-kernel lattices.
    /// Lattice points are counted as one per pixel, more than natural images create with the
    /// usual widths (a width far below a pixel can create up to d+1 per pixel).
    public static func estimatedMemory(pixels: Int, labels: Int, parameters: CRFParameters) -> Int {
        let perLabelBuffers = 6   // U, Q, pairwise sum, kernel output, logits, one-hot
        var bytes = pixels * labels * 4 * perLabelBuffers
        var dims: [Int] = []
        if parameters.gaussian != nil { dims.append(2) }
        if parameters.bilateral != nil { dims.append(5) }
        dims += parameters.featureKernels.map(\.dimension)
        for d in dims {
            let vertices = pixels * (d + 1)
            // vertex + weight + splat entry per vertex; features; keys, neighbours and two
            // value rows per point.
            bytes += vertices * 12 + pixels * d * 4 + pixels * (d * 4 + 8 * (d + 1) + 8 * labels)
        }
        return bytes
    }
}

import Dispatch

/// A fully connected CRF over the pixels of one image (Krähenbühl & Koltun 2011):
/// E(x) = Σ_i U(x_i) + Σ_{i<j} Σ_m μ_m(x_i, x_j) k_m(f_i, f_j).
///
/// Building it creates one lattice per kernel; that is the expensive part that inference
/// reuses at every step. The model is immutable, so several inferences (say, the viewer's
/// current run and a cancelled one still winding down) can share it. A model with new weights
/// (compatibilities, unary calibration, iterations) is made `reusing:` the old one, which keeps
/// every lattice whose geometry did not change.
public final class DenseCRF: Sendable {
    public let width: Int
    public let height: Int
    /// The unaries inference uses: the given ones after `parameters.unaryCalibration`.
    public let unary: UnaryEnergies
    public let parameters: CRFParameters
    public let terms: [PairwiseTerm]

    public var labelCount: Int { unary.labelCount }
    public var pixelCount: Int { unary.pixelCount }

    /// - Parameter previous: a model of the same image whose kernels may be reused where their
    ///   geometry is unchanged.
    public init(image: RGBImage, unary: UnaryEnergies, parameters: CRFParameters, reusing previous: DenseCRF? = nil) throws(CRFError) {
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
        self.unary = try parameters.unaryCalibration?.apply(to: unary) ?? unary
        self.parameters = parameters

        let sameImage = previous.map { $0.width == image.width && $0.height == image.height } ?? false
        let kernels = parameters.kernels
        let reused: [DenseKernel?] = kernels.map { k in
            sameImage ? previous!.terms.first { $0.geometry == k.geometry }?.kernel : nil
        }
        // Missing kernels are built concurrently: the sequential hashing of one lattice
        // overlaps with the other's work.
        let built = Self.buildAll(kernels.indices.filter { reused[$0] == nil }.map { i in
            let geometry = kernels[i].geometry
            return { @Sendable in (i, geometry.build(image: image)) }
        })
        terms = kernels.enumerated().map { i, k in
            PairwiseTerm(name: k.name, geometry: k.geometry, kernel: reused[i] ?? built[i]!,
                         compatibility: k.compat, steps: k.steps, labels: labels)
        }
    }

    private static func buildAll(_ builders: [@Sendable () -> (Int, DenseKernel)]) -> [Int: DenseKernel] {
        final class Slots: @unchecked Sendable { var kernels: [Int: DenseKernel] = [:] }
        let slots = Slots()
        let lock = DispatchSemaphore(value: 1)
        DispatchQueue.concurrentPerform(iterations: builders.count) { i in
            let (index, kernel) = builders[i]()
            lock.wait()
            slots.kernels[index] = kernel
            lock.signal()
        }
        return slots.kernels
    }

    /// Bytes that building and running a model of this size needs, for refusing inputs that
    /// cannot fit before allocating them: unaries, Q, messages, scratch and per-kernel lattices.
    /// Lattice points are counted as one per pixel, more than natural images create with the
    /// usual widths (a width far below a pixel can create up to d+1 per pixel).
    public static func estimatedMemory(pixels: Int, labels: Int, parameters: CRFParameters) -> Int {
        // U, Q, the pairwise sum and one kernel's output; a calibrated copy of U.
        let perLabelBuffers = 4 + (parameters.unaryCalibration == nil ? 0 : 1)
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

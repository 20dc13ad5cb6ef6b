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

    /// - Parameters:
    ///   - previous: a model of the same image whose kernels may be reused where their
    ///     geometry is unchanged.
    ///   - cancelled: asked while the lattices are built; once it answers true (and it must
    ///     keep doing so), building stops within a few thousand pixels of work per thread
    ///     and the model throws `CRFError.cancelled`.
    public init(
        image: RGBImage, unary: UnaryEnergies, parameters: CRFParameters, reusing previous: DenseCRF? = nil,
        cancelled: (@Sendable () -> Bool)? = nil
    ) throws(CRFError) {
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
        // Missing kernels are built one after the other, each with every worker: built side by
        // side, each lattice's parallel loops would run on one thread.
        var finished: [Int: DenseKernel] = [:]
        for i in kernels.indices where reused[i] == nil {
            guard let kernel = kernels[i].geometry.build(image: image, cancelled: cancelled) else { throw CRFError.cancelled }
            finished[i] = kernel
        }
        terms = kernels.enumerated().map { i, k in
            PairwiseTerm(name: k.name, geometry: k.geometry, kernel: reused[i] ?? finished[i]!,
                         compatibility: k.compat, steps: k.steps, labels: labels)
        }
    }

    /// Bytes that building and running a model of this size may need, for refusing inputs that
    /// cannot fit before allocating them: a bound, not an inventory. It charges, at 4 bytes a
    /// value:
    /// - per pixel and label, four buffers: the unaries U, and the inference's Q, pairwise sum
    ///   and one kernel's filtered output (five with a unary calibration, whose calibrated U
    ///   is a copy);
    /// - per kernel of d dimensions: 12 bytes for each of the n(d+1) lattice entries (a pixel
    ///   and one vertex of its simplex), the n·d scaled features, and per lattice point its
    ///   key (d values), its 2(d+1) neighbours and the filter's two value rows (L values each).
    ///
    /// A lattice keeps 8 bytes per entry (vertex, barycentric weight), and its build needs no
    /// more per entry; the per-point charges hold because points are charged as one per pixel,
    /// many times what natural images create with the usual widths (the bundled samples make about one
    /// per ten pixels for the spatial kernel and fewer for the bilateral one). Measured:
    /// `crfview infer` on a 1000x750 textured image with 21 labels peaked at 419 MB resident
    /// for the whole process; this bound says 681 MB. A width far below a pixel can create up
    /// to d+1 points per pixel, and such a model can need more than the bound.
    public static func estimatedMemory(pixels: Int, labels: Int, parameters: CRFParameters) -> Int {
        let perLabelBuffers = 4 + (parameters.unaryCalibration == nil ? 0 : 1)
        var bytes = pixels * labels * 4 * perLabelBuffers
        var dims: [Int] = []
        if parameters.gaussian != nil { dims.append(2) }
        if parameters.bilateral != nil { dims.append(5) }
        dims += parameters.featureKernels.map(\.dimension)
        for d in dims {
            let entries = pixels * (d + 1)
            let points = pixels
            bytes += entries * 12 + pixels * d * 4 + points * (d * 4 + 8 * (d + 1) + 8 * labels)
        }
        return bytes
    }
}

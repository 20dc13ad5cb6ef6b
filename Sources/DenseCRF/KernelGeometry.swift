/// What a kernel's lattice depends on: its features, widths and normalisation — and nothing
/// of its weights. Two kernels with equal geometry on the same image filter identically, so a
/// model whose compatibilities, unary calibration or iteration count change reuses its lattices
/// (the viewer's weight edits, every step of parameter learning).
public enum KernelGeometry: Sendable, Equatable {
    case gaussian(sxy: Float, normalization: KernelNormalization)
    case bilateral(sxy: Float, srgb: Float, normalization: KernelNormalization)
    case features(values: [Float], dimension: Int, widths: [Float], normalization: KernelNormalization)

    /// Builds the kernel for `image`: features divided by the widths, then the lattice; nil
    /// when `cancelled` answers true meanwhile.
    func build(image: RGBImage, cancelled: (@Sendable () -> Bool)?) -> DenseKernel? {
        switch self {
        case .gaussian(let sxy, let norm):
            DenseKernel(features: KernelFeatures.gaussian(width: image.width, height: image.height, sxy: sxy), dimension: 2,
                        normalization: norm, cancelled: cancelled)
        case .bilateral(let sxy, let srgb, let norm):
            DenseKernel(features: KernelFeatures.bilateral(image: image, sxy: sxy, srgb: srgb), dimension: 5,
                        normalization: norm, cancelled: cancelled)
        case .features(let values, let d, let widths, let norm):
            DenseKernel(features: KernelFeatures.scaled(values, dimension: d, widths: widths), dimension: d,
                        normalization: norm, cancelled: cancelled)
        }
    }
}

extension CRFParameters {
    /// The model's kernels in a fixed order (gaussian, bilateral, feature kernels): name,
    /// geometry, compatibility and per-step compatibilities.
    public var kernels: [(name: String, geometry: KernelGeometry, compat: LabelCompatibility, steps: [LabelCompatibility])] {
        var list: [(name: String, geometry: KernelGeometry, compat: LabelCompatibility, steps: [LabelCompatibility])] = []
        if let g = gaussian {
            list.append(("gaussian", .gaussian(sxy: g.sxy, normalization: g.normalization), g.compat, g.compatSteps))
        }
        if let b = bilateral {
            list.append(("bilateral", .bilateral(sxy: b.sxy, srgb: b.srgb, normalization: b.normalization), b.compat, b.compatSteps))
        }
        for (i, k) in featureKernels.enumerated() {
            list.append(("features \(i + 1)", .features(values: k.features, dimension: k.dimension, widths: k.widths, normalization: k.normalization), k.compat, k.compatSteps))
        }
        return list
    }
}

/// The smoothness kernel k(f_i, f_j) = exp(−|p_i − p_j|²/2sxy²) of Krähenbühl & Koltun (2011),
/// which removes small isolated regions.
public struct GaussianKernelParameters: Sendable, Equatable {
    /// Width in pixels of the original image.
    public var sxy: Float
    public var compat: LabelCompatibility
    /// Per-step compatibilities of an untied model (see `CRFParameters.compatibility`).
    public var compatSteps: [LabelCompatibility] = []
    public var normalization: KernelNormalization

    public init(sxy: Float = 3, compat: LabelCompatibility = .potts(3), normalization: KernelNormalization = .symmetric) {
        self.sxy = sxy
        self.compat = compat
        self.normalization = normalization
    }
}

/// The appearance kernel exp(−|p_i − p_j|²/2sxy² − |I_i − I_j|²/2srgb²): nearby pixels of
/// similar colour likely share a label.
public struct BilateralKernelParameters: Sendable, Equatable {
    public var sxy: Float
    /// Width in colour levels (0…255 per channel).
    public var srgb: Float
    public var compat: LabelCompatibility
    /// Per-step compatibilities of an untied model (see `CRFParameters.compatibility`).
    public var compatSteps: [LabelCompatibility] = []
    public var normalization: KernelNormalization

    public init(
        sxy: Float = 80, srgb: Float = 13, compat: LabelCompatibility = .potts(10),
        normalization: KernelNormalization = .symmetric
    ) {
        self.sxy = sxy
        self.srgb = srgb
        self.compat = compat
        self.normalization = normalization
    }
}

/// A kernel on caller-supplied per-pixel features (depth, extra channels): the features are
/// divided by `widths` (one per dimension) before filtering.
public struct FeatureKernelParameters: Sendable, Equatable {
    /// N rows of `dimension` values, pixel-major.
    public var features: [Float]
    public var dimension: Int
    public var widths: [Float]
    public var compat: LabelCompatibility
    /// Per-step compatibilities of an untied model (see `CRFParameters.compatibility`).
    public var compatSteps: [LabelCompatibility] = []
    public var normalization: KernelNormalization

    public init(
        features: [Float], dimension: Int, widths: [Float], compat: LabelCompatibility,
        normalization: KernelNormalization = .symmetric
    ) {
        self.features = features
        self.dimension = dimension
        self.widths = widths
        self.compat = compat
        self.normalization = normalization
    }
}

/// The pairwise part of the model and the number of mean-field steps.
///
/// Defaults are those of the pydensecrf examples and of CRF-RNN's starting point:
/// gaussian sxy 3 compat 3, bilateral sxy 80 srgb 13 compat 10, ten steps.
public struct CRFParameters: Sendable, Equatable {
    public var gaussian: GaussianKernelParameters?
    public var bilateral: BilateralKernelParameters?
    public var featureKernels: [FeatureKernelParameters]
    public var iterations: Int
    /// U' = a·U + b_l applied to the unaries before inference; nil is the identity.
    public var unaryCalibration: UnaryCalibration?

    public init(
        gaussian: GaussianKernelParameters? = GaussianKernelParameters(),
        bilateral: BilateralKernelParameters? = BilateralKernelParameters(),
        featureKernels: [FeatureKernelParameters] = [], iterations: Int = 10,
        unaryCalibration: UnaryCalibration? = nil
    ) {
        self.gaussian = gaussian
        self.bilateral = bilateral
        self.featureKernels = featureKernels
        self.iterations = iterations
        self.unaryCalibration = unaryCalibration
    }

    /// Whether some kernel has per-step compatibilities (an untied model, CRF-RNN's ablation).
    public var isUntied: Bool {
        !(gaussian?.compatSteps.isEmpty ?? true) || !(bilateral?.compatSteps.isEmpty ?? true)
            || featureKernels.contains { !$0.compatSteps.isEmpty }
    }

    /// The compatibility a kernel uses at mean-field step `step` (1-based): `compat` when tied,
    /// else `compatSteps[step − 1]`, the last one repeating for steps beyond the list.
    public static func compatibility(_ compat: LabelCompatibility, steps: [LabelCompatibility], at step: Int) -> LabelCompatibility {
        steps.isEmpty ? compat : steps[min(max(step, 1), steps.count) - 1]
    }

    /// Checks every value that does not depend on the image; sizes are checked by `DenseCRF`.
    public func validate(labels: Int) throws(CRFError) {
        guard iterations >= 0 else { throw CRFError("iterations must be at least 0, got \(iterations)") }
        if let g = gaussian {
            try Self.checkWidth(g.sxy, "gaussian sxy")
            try g.compat.validate(labels: labels)
            for c in g.compatSteps { try c.validate(labels: labels) }
        }
        if let b = bilateral {
            try Self.checkWidth(b.sxy, "bilateral sxy")
            try Self.checkWidth(b.srgb, "bilateral srgb")
            try b.compat.validate(labels: labels)
            for c in b.compatSteps { try c.validate(labels: labels) }
        }
        for (i, k) in featureKernels.enumerated() {
            guard k.widths.count == k.dimension else {
                throw CRFError("feature kernel \(i + 1) has \(k.widths.count) widths for \(k.dimension) dimensions")
            }
            for w in k.widths { try Self.checkWidth(w, "feature kernel \(i + 1) width") }
            guard k.features.allSatisfy(\.isFinite) else {
                throw CRFError("feature kernel \(i + 1) has a non-finite feature value")
            }
            try k.compat.validate(labels: labels)
            for c in k.compatSteps { try c.validate(labels: labels) }
        }
        try unaryCalibration?.validate(labels: labels)
    }

    private static func checkWidth(_ w: Float, _ name: String) throws(CRFError) {
        guard w.isFinite, w > 0 else { throw CRFError("\(name) must be positive, got \(w)") }
    }
}

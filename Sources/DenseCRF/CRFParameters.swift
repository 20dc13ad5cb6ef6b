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
            try Self.checkWidth(g.sxy, "gaussian sxy", largestFeature: Self.largestCoordinate)
            try g.compat.validate(labels: labels)
            try Self.checkCompatibility(g.compat, "gaussian compat")
            for c in g.compatSteps {
                try c.validate(labels: labels)
                try Self.checkCompatibility(c, "gaussian compat")
            }
        }
        if let b = bilateral {
            try Self.checkWidth(b.sxy, "bilateral sxy", largestFeature: Self.largestCoordinate)
            try Self.checkWidth(b.srgb, "bilateral srgb", largestFeature: Self.largestColourLevel)
            try b.compat.validate(labels: labels)
            try Self.checkCompatibility(b.compat, "bilateral compat")
            for c in b.compatSteps {
                try c.validate(labels: labels)
                try Self.checkCompatibility(c, "bilateral compat")
            }
        }
        for (i, k) in featureKernels.enumerated() {
            guard k.widths.count == k.dimension else {
                throw CRFError("feature kernel \(i + 1) has \(k.widths.count) widths for \(k.dimension) dimensions")
            }
            guard k.features.allSatisfy(\.isFinite) else {
                throw CRFError("feature kernel \(i + 1) has a non-finite feature value")
            }
            for (dimension, w) in k.widths.enumerated() {
                var largest: Float = 0
                for f in stride(from: dimension, to: k.features.count, by: k.dimension) { largest = max(largest, abs(k.features[f])) }
                try Self.checkWidth(w, "feature kernel \(i + 1) width", largestFeature: largest)
            }
            try k.compat.validate(labels: labels)
            try Self.checkCompatibility(k.compat, "feature kernel \(i + 1) compat")
            for c in k.compatSteps {
                try c.validate(labels: labels)
                try Self.checkCompatibility(c, "feature kernel \(i + 1) compat")
            }
        }
        try unaryCalibration?.validate(labels: labels)
    }

    /// The largest pixel coordinate a spatial width (sxy) divides: image sides are Ints.
    public static let largestCoordinate = Float(Int.max)
    /// The largest colour level a colour width (srgb) divides.
    public static let largestColourLevel: Float = 255

    /// Fails unless `w` is a positive width that keeps `largestFeature / w` finite, saying
    /// the smallest accepted width: largestFeature / Float.greatestFiniteMagnitude, about
    /// 2.7e-20 for sxy and 7.5e-37 for srgb.
    ///
    /// A kernel divides each feature by its width and the permutohedral lattice needs the
    /// quotients finite; quotients beyond `PermutohedralLattice.maximumFeatureMagnitude` are
    /// then compressed into the lattice's key range (see its init). Any width far below one
    /// pixel or one colour level already gives the same filter, in which no two distinct
    /// pixels interact, so the bound refuses no model that means something different.
    public static func checkWidth(_ w: Float, _ name: String, largestFeature: Float) throws(CRFError) {
        guard w.isFinite, w > 0 else { throw CRFError("\(name) must be positive and finite, got \(w)") }
        guard w >= smallestWidth(largestFeature: largestFeature) else {
            throw CRFError("\(name) must be at least \(smallestWidth(largestFeature: largestFeature)) (smaller widths make the scaled features overflow), got \(w)")
        }
    }

    /// The smallest width for which `largestFeature / width` is finite (rounded up one ulp so
    /// that the quotient's rounding cannot reach infinity).
    public static func smallestWidth(largestFeature: Float) -> Float {
        (largestFeature / .greatestFiniteMagnitude).nextUp
    }

    /// The largest compatibility magnitude accepted, 1e20. A pairwise energy is Σ μ(l, l')
    /// times a kernel response, and a kernel's responses over the labels of a pixel sum to at
    /// most the pixel count (below 2^31), so one kernel gives at most 1e20 · 2^31 ≈ 2e29:
    /// finite, and below the magnitude at which inference clamps pairwise energies (1e30).
    /// Larger weights would saturate that clamp for every label alike and make Q uniform.
    public static let maximumCompatibility: Float = 1e20

    /// Fails when an entry of `c` is larger in magnitude than `maximumCompatibility`.
    public static func checkCompatibility(_ c: LabelCompatibility, _ name: String) throws(CRFError) {
        let entries: [Float] = switch c {
        case .potts(let w): [w]
        case .diagonal(let v): v
        case .matrix(let m): m.flatMap { $0 }
        }
        if let bad = entries.first(where: { !(abs($0) <= maximumCompatibility) }) {
            throw CRFError("\(name) must be at most \(maximumCompatibility) in magnitude (larger weights swamp every label alike), got \(bad)")
        }
    }
}

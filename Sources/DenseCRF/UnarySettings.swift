/// How unary energies are made from a network's probabilities or from an annotation.
///
/// Kept with the model parameters because the viewer tunes them live alongside the kernels.
public struct UnarySettings: Sendable, Equatable {
    /// Confidence given to an annotated label (pydensecrf's `gt_prob`).
    public var gtProb: Float
    /// Probabilities are clamped to at least this before −log (pydensecrf's `clip`).
    public var clip: Float
    /// When set, p is blended with the uniform distribution: scale·p + (1 − scale)/L.
    public var scale: Float?

    public init(gtProb: Float = 0.7, clip: Float = 1e-5, scale: Float? = nil) {
        self.gtProb = gtProb
        self.clip = clip
        self.scale = scale
    }
}

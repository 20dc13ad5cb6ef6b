/// Where a problem's unary energies come from, kept raw so that the unary settings
/// (gt_prob, clip, scale) can be changed and the energies made again, as the viewer does.
public enum UnarySource: Sendable, Equatable {
    /// Energies U, label-major (L, H·W).
    case energies(labelMajor: [Float], labels: Int)
    /// Probabilities p, label-major (L, H·W): U = −log(clamp(p, clip, 1)).
    case probabilities(labelMajor: [Float], labels: Int)
    /// A partial annotation, 0 = unknown, classes 1…labels.
    case annotation(values: [Int32], labels: Int)

    public var labelCount: Int {
        switch self {
        case .energies(_, let l), .probabilities(_, let l), .annotation(_, let l): l
        }
    }

    /// The unary energies under `settings` for an image of `pixels` pixels.
    public func energies(pixels: Int, settings: UnarySettings) throws(CRFError) -> UnaryEnergies {
        switch self {
        case .energies(let u, let l):
            try UnaryEnergies(energies: u, labels: l, pixels: pixels)
        case .probabilities(let p, let l):
            try UnaryEnergies(probabilities: p, labels: l, pixels: pixels, clip: settings.clip, scale: settings.scale)
        case .annotation(let a, let l):
            try UnaryEnergies(annotation: a, labels: l, gtProb: settings.gtProb)
        }
    }
}

/// The ways a pane can show the problem, cycled with `v`.
public enum ViewKind: String, Sendable, CaseIterable {
    case image
    /// Argmax of Q at the current step.
    case labels
    /// Labels blended over the image.
    case overlay
    /// Argmax of the unaries alone (step 0).
    case unaryLabels = "unary labels"
    /// Q of the selected class as a heat map.
    case marginal
    /// Entropy of Q, normalised to 0…1, as a heat map.
    case uncertainty
    /// Pixels whose label the last step changed.
    case changed
    case truth
    /// Pixels whose label differs from the truth.
    case errors
    /// −log Q(truth) at the current step as a heat map over 0…5 (`LossField`), ignored
    /// pixels neutral; its mean is in the pane title.
    case loss
    /// Pixels whose label differs from the pinned baseline.
    case diff

    /// The views available for a problem: truth views need a truth map, the diff a baseline.
    public static func available(hasTruth: Bool, hasBaseline: Bool) -> [ViewKind] {
        allCases.filter { kind in
            switch kind {
            case .truth, .errors, .loss: hasTruth
            case .diff: hasBaseline
            default: true
            }
        }
    }
}

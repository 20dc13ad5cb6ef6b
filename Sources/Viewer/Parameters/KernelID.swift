/// A pairwise kernel of the model: the two standard kernels of Krähenbühl & Koltun (2011) or
/// kernel `i` of `CRFParameters.featureKernels` (caller-supplied features).
public enum KernelID: Hashable, Sendable {
    case gaussian
    case bilateral
    case feature(Int)

    /// The panel's name for it, as the engine's messages name it.
    public var name: String {
        switch self {
        case .gaussian: "gaussian"
        case .bilateral: "bilateral"
        case .feature(let i): "feature kernel \(i + 1)"
        }
    }

    /// The name of width `index`: sxy (pixels), srgb (colour levels), or a feature
    /// dimension's width.
    public func widthName(_ index: Int) -> String {
        switch (self, index) {
        case (.gaussian, _), (.bilateral, 0): "sxy"
        case (.bilateral, _): "srgb"
        case (.feature, _): "width \(index + 1)"
        }
    }
}

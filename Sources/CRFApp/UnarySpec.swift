import CRFIO

/// Where a problem's unaries come from, as the user asked for them.
public enum UnarySpec: Sendable, Equatable {
    /// A per-pixel array file (.npy or file.npz:key) holding probabilities, logits or energies.
    case map(path: String, kind: UnaryKind)
    /// An annotation PNG: 0 = unknown, classes 1…L (or RGB colours, black = unknown).
    case annotation(path: String)
    /// No network: k-means colour clusters of the image.
    case kmeans(clusters: Int, seed: UInt64)

    /// The file read for the unaries (an archive without its ":key"), to keep outputs off it.
    public var inputFiles: [String] {
        switch self {
        case .map(let path, _): [path.range(of: ".npz:", options: .backwards).map { String(path[..<$0.upperBound].dropLast()) } ?? path]
        case .annotation(let path): [path]
        case .kmeans: []
        }
    }

    /// What to say when an image comes with no unary source.
    public static let missing = "give the unaries with one of --probs P.npy, --logits Z.npy, --unary U.npy, --labels A.png or --kmeans K"

    /// What error messages call the source.
    public var subject: String {
        switch self {
        case .map(let path, _), .annotation(let path): path
        case .kmeans: "--kmeans"
        }
    }
}

/// How a map file is read: its layout when the shape leaves it open, the softmax temperature
/// of logits, and whether a map of another aspect ratio may be stretched to the image.
public struct MapOptions: Sendable, Equatable {
    public var layout: ArrayLayout?
    public var temperature: Float
    public var resize: Bool

    public init(layout: ArrayLayout? = nil, temperature: Float = 1, resize: Bool = false) {
        self.layout = layout
        self.temperature = temperature
        self.resize = resize
    }

    /// The options as the flags `--layout`, `--temperature` and `--resize` give them, checked.
    public init(layoutFlag: String?, temperatureFlag: Float?, resize: Bool) throws {
        var layout: ArrayLayout?
        if let layoutFlag {
            guard let l = ArrayLayout(rawValue: layoutFlag.lowercased()) else {
                throw CLIFailure("--layout", "expected chw or hwc, got '\(layoutFlag)'")
            }
            layout = l
        }
        if let t = temperatureFlag, !(t > 0 && t.isFinite) { throw CLIFailure("--temperature", "must be positive, got \(t)") }
        self.init(layout: layout, temperature: temperatureFlag ?? 1, resize: resize)
    }
}

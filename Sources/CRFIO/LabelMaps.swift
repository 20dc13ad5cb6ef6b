/// Per-label maps of one image, label-major: `values[l * height * width + y * width + x]`.
/// They may be at the network's own resolution, smaller than the image they belong to.
public struct LabelMaps: Sendable, Equatable {
    public let labels: Int
    public let width: Int
    public let height: Int
    public var values: [Float]

    public init(labels: Int, width: Int, height: Int, values: [Float]) {
        precondition(values.count == labels * width * height, "LabelMaps \(labels)x\(height)x\(width) needs \(labels * width * height) values")
        self.labels = labels
        self.width = width
        self.height = height
        self.values = values
    }

    /// Whether a `width`×`height` map has the aspect ratio of a `imageWidth`×`imageHeight`
    /// image, up to the one-pixel rounding of a network's strided output grid (65×49 for
    /// 513×385): scaled to the image's width, its height is less than one map pixel off, or
    /// the other way round. That is |h·W − H·w| < max(W, H).
    public static func sameAspect(width: Int, height: Int, imageWidth: Int, imageHeight: Int) -> Bool {
        abs(height * imageWidth - imageHeight * width) < max(imageWidth, imageHeight)
    }

    /// The maps resized to `newWidth`×`newHeight` by bilinear interpolation with pixel centres
    /// aligned (source coordinate (x + ½)·w/W − ½, clamped at the borders), as
    /// `cv2.resize(…, INTER_LINEAR)`, `torch.nn.functional.interpolate(mode="bilinear",
    /// align_corners=False)` and `skimage.transform.resize(order=1)` upsample. Each output is
    /// a convex combination of inputs, so probabilities stay in [0, 1] and keep summing to 1.
    public func resampled(width newWidth: Int, height newHeight: Int) -> LabelMaps {
        let xs = Self.taps(from: width, to: newWidth)
        let ys = Self.taps(from: height, to: newHeight)
        let plane = width * height, newPlane = newWidth * newHeight
        var out = [Float](repeating: 0, count: labels * newPlane)
        for l in 0..<labels {
            let src = l * plane, dst = l * newPlane
            for (y, ty) in ys.enumerated() {
                let row0 = src + ty.lower * width, row1 = src + ty.upper * width
                for (x, tx) in xs.enumerated() {
                    let top = values[row0 + tx.lower] * (1 - tx.weight) + values[row0 + tx.upper] * tx.weight
                    let bottom = values[row1 + tx.lower] * (1 - tx.weight) + values[row1 + tx.upper] * tx.weight
                    out[dst + y * newWidth + x] = top * (1 - ty.weight) + bottom * ty.weight
                }
            }
        }
        return LabelMaps(labels: labels, width: newWidth, height: newHeight, values: out)
    }

    /// For each output position along one axis: the two source positions and the weight of
    /// the upper one.
    static func taps(from source: Int, to target: Int) -> [(lower: Int, upper: Int, weight: Float)] {
        let scale = Double(source) / Double(target)
        return (0..<target).map { i in
            let s = min(max((Double(i) + 0.5) * scale - 0.5, 0), Double(source - 1))
            let lower = Int(s.rounded(.down))
            return (lower, min(lower + 1, source - 1), Float(s - Double(lower)))
        }
    }
}

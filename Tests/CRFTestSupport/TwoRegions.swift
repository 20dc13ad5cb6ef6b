import DenseCRF

/// The fixture scene of the engine, application, viewer and end-to-end tests: an image split
/// into a left and a right region of two colours, with noisy per-label probabilities that
/// favour each pixel's true label, which the CRF should clean up along the colour edge.
public struct TwoRegions {
    public var width: Int
    public var height: Int
    /// The first column of the right region.
    public var boundary: Int
    public var left: (UInt8, UInt8, UInt8)
    public var right: (UInt8, UInt8, UInt8)
    /// The true labels of the two regions.
    public var leftLabel: Int
    public var rightLabel: Int

    public init(width: Int, height: Int, boundary: Int? = nil, left: (UInt8, UInt8, UInt8) = (40, 60, 50),
                right: (UInt8, UInt8, UInt8) = (210, 190, 120), leftLabel: Int = 0, rightLabel: Int = 1) {
        self.width = width
        self.height = height
        self.boundary = boundary ?? width / 2
        self.left = left
        self.right = right
        self.leftLabel = leftLabel
        self.rightLabel = rightLabel
    }

    public func isRight(_ pixel: Int) -> Bool { pixel % width >= boundary }

    /// The two flat colours.
    public var image: RGBImage {
        var px = [UInt8]()
        px.reserveCapacity(3 * width * height)
        for i in 0..<(width * height) {
            let c = isRight(i) ? right : left
            px += [c.0, c.1, c.2]
        }
        return RGBImage(width: width, height: height, pixels: px)
    }

    /// The two colours with uniform noise of `amplitude` levels (peak to peak) on every
    /// channel, clamped to 0…255: colour edges for the bilateral kernel to respect.
    public func noisyImage(amplitude: Float, random: inout XorShift) -> RGBImage {
        var px = [UInt8]()
        px.reserveCapacity(3 * width * height)
        for i in 0..<(width * height) {
            let c = isRight(i) ? right : left
            for v in [c.0, c.1, c.2] { px.append(UInt8(max(0, min(255, Float(v) + (random.float() - 0.5) * amplitude)))) }
        }
        return RGBImage(width: width, height: height, pixels: px)
    }

    /// The true label per pixel.
    public var truth: [UInt8] { (0..<(width * height)).map { UInt8(isRight($0) ? rightLabel : leftLabel) } }

    /// Label-major probabilities of `labels` labels: per pixel, uniform draws with `boost`
    /// added to the true label's, normalised.
    public func probabilities(labels: Int, boost: Float, random: inout XorShift) -> [Float] {
        let n = width * height
        var p = [Float](repeating: 0, count: labels * n)
        for i in 0..<n {
            var row = (0..<labels).map { _ in random.float() }
            row[isRight(i) ? rightLabel : leftLabel] += boost
            let s = row.reduce(0, +)
            for l in 0..<labels { p[l * n + i] = row[l] / s }
        }
        return p
    }
}

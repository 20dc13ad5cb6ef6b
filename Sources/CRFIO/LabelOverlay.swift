import DenseCRF

/// The image with each pixel's label colour blended over it, for people to look at.
public enum LabelOverlay {
    /// `opacity` of the label colour over the image (0 = image only, 1 = labels only).
    public static func blend(
        image: RGBImage, labels: [Int32], palette: [(UInt8, UInt8, UInt8)], opacity: Float = 0.5
    ) -> RGBImage {
        precondition(labels.count == image.pixelCount)
        var px = image.pixels
        let a = max(0, min(1, opacity))
        for i in 0..<labels.count {
            let c = palette[Int(labels[i]) % palette.count]
            let colour = [c.0, c.1, c.2]
            for k in 0..<3 {
                let v = Float(px[3 * i + k]) * (1 - a) + Float(colour[k]) * a
                px[3 * i + k] = UInt8(v.rounded())
            }
        }
        return RGBImage(width: image.width, height: image.height, pixels: px)
    }
}

import DenseCRF

/// The image with the labels drawn over it, for people to look at.
///
/// Label 0 is the background (VOC's convention, and class 0 of every two-class mask): its
/// pixels keep the photo, so the overlay of a 2-class result shows the object, not a darkened
/// picture (label 0 is black in the VOC colours). Other labels tint the photo with their colour
/// at `opacity`, and the outline of each labelled region (its pixels with a 4-neighbour of
/// another label) is drawn in the full colour, so adjacent classes and thin parts stay
/// readable whatever the photo's colours.
public enum LabelOverlay {
    /// `opacity` of the label colour over the image inside regions (0 = image only, 1 = labels only).
    public static func blend(
        image: RGBImage, labels: [Int32], palette: [(UInt8, UInt8, UInt8)], opacity: Float = 0.5
    ) -> RGBImage {
        precondition(labels.count == image.pixelCount)
        let (w, h) = (image.width, image.height)
        var px = image.pixels
        let a = max(0, min(1, opacity))
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x
                let label = labels[i]
                guard label != 0 else { continue }
                let edge = (x > 0 && labels[i - 1] != label) || (x + 1 < w && labels[i + 1] != label)
                    || (y > 0 && labels[i - w] != label) || (y + 1 < h && labels[i + w] != label)
                let c = palette[Int(label) % palette.count]
                let weight = edge ? 1 : a
                for (k, v) in [c.0, c.1, c.2].enumerated() {
                    px[3 * i + k] = UInt8((Float(px[3 * i + k]) * (1 - weight) + Float(v) * weight).rounded())
                }
            }
        }
        return RGBImage(width: w, height: h, pixels: px)
    }
}

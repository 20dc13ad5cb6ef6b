/// Feature vectors of the standard 2-D kernels, in float as densecrf computes them.
public enum KernelFeatures {
    /// (x/sxy, y/sxy) per pixel, x = column, y = row.
    public static func gaussian(width: Int, height: Int, sxy: Float) -> [Float] {
        rows(width: width, height: height, dimension: 2) { x, y, f in
            f[0] = Float(x) / sxy
            f[1] = Float(y) / sxy
        }
    }

    /// (x/sxy, y/sxy, r/srgb, g/srgb, b/srgb) per pixel, colours 0…255.
    public static func bilateral(image: RGBImage, sxy: Float, srgb: Float) -> [Float] {
        image.pixels.withUnsafeBufferPointer { px in
            let rgb = SharedConstPointer(px.baseAddress!), w = image.width
            return rows(width: w, height: image.height, dimension: 5) { x, y, f in
                let p = 3 &* (y &* w &+ x)
                f[0] = Float(x) / sxy
                f[1] = Float(y) / sxy
                f[2] = Float(rgb[p]) / srgb
                f[3] = Float(rgb[p &+ 1]) / srgb
                f[4] = Float(rgb[p &+ 2]) / srgb
            }
        }
    }

    /// The `dimension` features of every pixel, written by `pixel(x, y, row)`, image rows split
    /// across cores: serial, they took as long as a tenth of a 1920×1280 build on two cores.
    private static func rows(
        width: Int, height: Int, dimension d: Int, _ pixel: @Sendable (Int, Int, UnsafeMutablePointer<Float>) -> Void
    ) -> [Float] {
        parallelArray(count: height, valuesEach: width * d, grain: max(1, 16384 / max(1, width))) { range, f in
            for y in range {
                for x in 0..<width { pixel(x, y, f + (y &* width &+ x) &* d) }
            }
        }
    }

    /// Caller features divided by one width per dimension.
    public static func scaled(_ features: [Float], dimension: Int, widths: [Float]) -> [Float] {
        var f = features
        for i in 0..<f.count { f[i] /= widths[i % dimension] }
        return f
    }
}

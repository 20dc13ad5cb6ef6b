/// Feature vectors of the standard 2-D kernels, in float as densecrf computes them.
public enum KernelFeatures {
    /// (x/sxy, y/sxy) per pixel, x = column, y = row.
    public static func gaussian(width: Int, height: Int, sxy: Float) -> [Float] {
        var f = [Float](repeating: 0, count: width * height * 2)
        for y in 0..<height {
            for x in 0..<width {
                let i = 2 * (y * width + x)
                f[i] = Float(x) / sxy
                f[i + 1] = Float(y) / sxy
            }
        }
        return f
    }

    /// (x/sxy, y/sxy, r/srgb, g/srgb, b/srgb) per pixel, colours 0…255.
    public static func bilateral(image: RGBImage, sxy: Float, srgb: Float) -> [Float] {
        let w = image.width
        var f = [Float](repeating: 0, count: image.pixelCount * 5)
        image.pixels.withUnsafeBufferPointer { px in
            for y in 0..<image.height {
                for x in 0..<w {
                    let p = y * w + x
                    f[5 * p] = Float(x) / sxy
                    f[5 * p + 1] = Float(y) / sxy
                    f[5 * p + 2] = Float(px[3 * p]) / srgb
                    f[5 * p + 3] = Float(px[3 * p + 1]) / srgb
                    f[5 * p + 4] = Float(px[3 * p + 2]) / srgb
                }
            }
        }
        return f
    }

    /// Caller features divided by one width per dimension.
    public static func scaled(_ features: [Float], dimension: Int, widths: [Float]) -> [Float] {
        var f = features
        for i in 0..<f.count { f[i] /= widths[i % dimension] }
        return f
    }
}

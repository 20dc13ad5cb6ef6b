import RealModule

/// Separable Gaussian blur of one plane of floats, edges clamped (replicated), used for the
/// lens and depth of field of the photograph and for the network's receptive field.
enum GaussianBlur {
    /// Blurs the w×h plane that starts at `offset` in `a`, in place.
    static func apply(_ a: UnsafeMutableBufferPointer<Float>, offset: Int, width w: Int, height h: Int, sigma: Float) {
        guard sigma > 0 else { return }
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-radius...radius).map { Float.exp(-Float($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        var tmp = [Float](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                var acc: Float = 0
                for k in -radius...radius { acc += a[offset + y * w + min(max(x + k, 0), w - 1)] * kernel[k + radius] }
                tmp[y * w + x] = acc
            }
        }
        for y in 0..<h {
            for x in 0..<w {
                var acc: Float = 0
                for k in -radius...radius { acc += tmp[min(max(y + k, 0), h - 1) * w + x] * kernel[k + radius] }
                a[offset + y * w + x] = acc
            }
        }
    }
}

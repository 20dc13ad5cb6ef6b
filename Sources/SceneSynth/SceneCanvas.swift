import RealModule

/// The raster a scene is painted into: colour, a soft label per pixel, and which object
/// instance covers each pixel.
///
/// Labels are kept soft: painting a part with coverage α moves each pixel's class mass by
/// m ← α·onehot(class) + (1 − α)·m, exactly as its colour is blended. A pixel cut by an
/// anti-aliased or blurred outline therefore ends up with mixed mass, which is how the truth
/// gets its ignore band (see `truth`) and what the simulated network looks at.
struct SceneCanvas {
    let width: Int
    let height: Int
    let classCount: Int
    var colour: [Colour]
    /// Pixel-major class mass, `mass[i * classCount + c]`, summing to 1 per pixel.
    var mass: [Float]
    /// The topmost object instance covering more than half of each pixel; −1 for background.
    var instance: [Int32]

    init(width: Int, height: Int, classCount: Int) {
        self.width = width
        self.height = height
        self.classCount = classCount
        colour = [Colour](repeating: .zero, count: width * height)
        mass = [Float](repeating: 0, count: width * height * classCount)
        for i in 0..<(width * height) { mass[i * classCount] = 1 }
        instance = [Int32](repeating: -1, count: width * height)
    }

    /// Fraction of a pixel covered by an outline at signed distance `d` whose transition is
    /// `width` pixels wide: the linear ramp of a half-plane through a pixel for width 1
    /// (anti-aliasing), a smoothstep for wider, blurred edges.
    @inline(__always)
    static func coverage(_ d: Float, width: Float) -> Float {
        let t = min(max(0.5 - d / width, 0), 1)
        return width <= 1 ? t : t * t * (3 - 2 * t)
    }

    /// Pixel rows and columns that a shape with an outline of `softness` can touch.
    func pixelRange(_ shape: Shape, softness: Float) -> (xs: Range<Int>, ys: Range<Int>)? {
        let (x0, y0, x1, y1) = shape.bounds
        let pad = softness + 1
        let left = max(0, Int((x0 - pad).rounded(.down))), right = min(width, Int((x1 + pad).rounded(.up)) + 1)
        let top = max(0, Int((y0 - pad).rounded(.down))), bottom = min(height, Int((y1 + pad).rounded(.up)) + 1)
        return left < right && top < bottom ? (left..<right, top..<bottom) : nil
    }

    /// Paints an opaque part of class `label` belonging to `instance` (−1 for background
    /// scenery): colour and class mass are blended by the part's coverage.
    mutating func paint(_ part: Part, label: Int, instance id: Int32, light: SIMD3<Float>, noise: ValueNoise) {
        let w = max(part.softness, 1)
        guard let (xs, ys) = pixelRange(part.shape, softness: w) else { return }
        let l = classCount
        for y in ys {
            for x in xs {
                let p = Vec2(Float(x) + 0.5, Float(y) + 0.5)
                let s = part.shape.sample(p)
                let alpha = Self.coverage(s.distance, width: w)
                if alpha <= 0 { continue }
                let i = y * width + x
                let c = part.material.colour(at: p, sample: s, light: light, noise: noise)
                colour[i] += (c - colour[i]) * alpha
                for k in 0..<l { mass[i * l + k] *= 1 - alpha }
                mass[i * l + label] += alpha
                if alpha > 0.5 { instance[i] = id }
            }
        }
    }

    /// Multiplies the colour under `shape` by (1 − strength·coverage): cast shadows and
    /// contact shadows, which darken whatever is below without changing its class.
    mutating func darken(_ shape: Shape, strength: Float, softness: Float) {
        let w = max(softness, 1)
        guard let (xs, ys) = pixelRange(shape, softness: w) else { return }
        for y in ys {
            for x in xs {
                let s = shape.sample(Vec2(Float(x) + 0.5, Float(y) + 0.5))
                let alpha = Self.coverage(s.distance, width: w)
                if alpha > 0 { colour[y * width + x] *= 1 - strength * alpha }
            }
        }
    }

    /// Sets every pixel's colour from `body(x, y)`, pixel centres passed in.
    mutating func fill(_ body: (Vec2) -> Colour) {
        for y in 0..<height {
            for x in 0..<width { colour[y * width + x] = body(Vec2(Float(x) + 0.5, Float(y) + 0.5)) }
        }
    }

    /// Blends background scenery given per pixel as (coverage, colour) into the image; it is
    /// class 0, so any object mass already there is washed towards background by the coverage.
    mutating func blendScenery(_ body: (Vec2) -> (alpha: Float, colour: Colour)) {
        let l = classCount
        for y in 0..<height {
            for x in 0..<width {
                let (alpha, c) = body(Vec2(Float(x) + 0.5, Float(y) + 0.5))
                if alpha <= 0 { continue }
                let i = y * width + x
                colour[i] += (c - colour[i]) * alpha
                for k in 0..<l { mass[i * l + k] *= 1 - alpha }
                mass[i * l] += alpha
                if alpha > 0.5 { instance[i] = -1 }
            }
        }
    }

    /// Separable Gaussian blur of the colour only: depth of field for the backdrop before
    /// objects are painted over it, and the lens's slight softness over the whole frame.
    mutating func blur(sigma: Float) {
        let n = width * height
        var planes = [Float](repeating: 0, count: 3 * n)
        for i in 0..<n {
            for k in 0..<3 { planes[k * n + i] = colour[i][k] }
        }
        planes.withUnsafeMutableBufferPointer { buffer in
            for k in 0..<3 { GaussianBlur.apply(buffer, offset: k * n, width: width, height: height, sigma: sigma) }
        }
        for i in 0..<n { colour[i] = Colour(planes[i], planes[n + i], planes[2 * n + i]) }
    }

    /// The ground truth: the class with most mass, or 255 ("ignore") where no class holds at
    /// least `confidence` of the pixel. This reproduces VOC's void band: a thin strip along
    /// hard outlines and a wider one along blurred ones, where annotators could not say.
    func truth(confidence: Float) -> [UInt8] {
        let l = classCount
        return (0..<(width * height)).map { i in
            var best = 0
            for k in 1..<l where mass[i * l + k] > mass[i * l + best] { best = k }
            return mass[i * l + best] >= confidence ? UInt8(best) : 255
        }
    }
}

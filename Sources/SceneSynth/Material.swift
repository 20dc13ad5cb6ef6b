import RealModule

/// A colour in 0…255 sRGB levels, kept in Float while a scene is composed.
typealias Colour = SIMD3<Float>

/// How a surface looks: its colour, a pattern, fine grain, and how it takes the light.
///
/// The diffuse term follows Lambert (brightness ∝ n·l) on the pseudo-3-D normal of the shape,
/// with an ambient floor so shadowed sides stay readable; `gloss` adds a Blinn–Phong highlight
/// (exponent 24). These few terms are what make a flat silhouette read as a rounded object in
/// a photograph, and they give the CRF's bilateral kernel the colour gradients inside objects
/// that real images have.
struct Material {
    enum Pattern {
        case plain
        /// Smooth blend towards a second colour by fractal noise (dappled coats, stains).
        case mottled(Colour, scale: Float)
        /// Large blobs of a second colour with fairly sharp borders (Holstein cows).
        case patches(Colour, scale: Float)
        /// Bands of a second colour across the shape's length, wobbled by noise (tabby cats).
        case stripes(Colour, period: Float)
    }

    var colour: Colour
    var pattern: Pattern = .plain
    /// Relative amplitude of the luminance grain (fur, fabric, paint texture).
    var grain: Float = 0.06
    /// Pixels per noise cell of the grain.
    var grainScale: Float = 2.5
    /// Strength of the specular highlight.
    var gloss: Float = 0
    /// 0 = flat colour, 1 = full Lambert shading.
    var shading: Float = 0.6
    /// Where in noise space this surface's texture is read, so that two objects of the same
    /// material do not carry identical spots.
    var textureOffset: Vec2 = .zero

    func colour(at p: Vec2, sample s: ShapeSample, light: SIMD3<Float>, noise: ValueNoise) -> Colour {
        var base = colour
        let q = p + textureOffset
        switch pattern {
        case .plain:
            break
        case .mottled(let other, let scale):
            let t = 0.5 + 0.5 * noise.fractal(q.x / scale, q.y / scale, octaves: 3)
            base = base + (other - base) * min(max(t * 1.4 - 0.2, 0), 1)
        case .patches(let other, let scale):
            let t = noise.fractal(q.x / scale + 31.7, q.y / scale - 12.3, octaves: 3)
            let mix = min(max((t - 0.05) * 6, 0), 1)
            base = base + (other - base) * mix
        case .stripes(let other, let period):
            let wobble = noise.fractal(q.x / 9, q.y / 9, octaves: 2) * 2.2
            let t = 0.5 + 0.5 * Float.sin(s.u * .pi * 2 * 20 / period + wobble)
            base = base + (other - base) * (0.6 * t * t)
        }
        let grainValue = 1 + grain * noise.fractal(q.x / grainScale - 101.3, q.y / grainScale + 57.9, octaves: 3)
        let diffuse = max(0, (s.normal * light).sum())
        let lit = 1 - shading + shading * (0.32 + 0.85 * diffuse)
        var out = base * (lit * grainValue)
        if gloss > 0 {
            let half = Self.normalize(light + SIMD3(0, 0, 1))
            let specular = Float.pow(max(0, (s.normal * half).sum()), 24)
            out += Colour(repeating: 255 * gloss * specular)
        }
        return out
    }

    static func normalize(_ v: SIMD3<Float>) -> SIMD3<Float> {
        v / max((v * v).sum().squareRoot(), 1e-9)
    }
}

/// One primitive of an object: a silhouette, its surface, and how soft its outline is.
struct Part {
    var shape: Shape
    var material: Material
    /// Width in pixels of the outline's transition: 1 is plain anti-aliasing (a hard edge),
    /// larger values blur the edge (fur, wool, foliage, parts out of focus).
    var softness: Float = 1

    init(_ shape: Shape, _ material: Material, softness: Float = 1) {
        self.shape = shape
        self.material = material
        self.softness = softness
    }
}

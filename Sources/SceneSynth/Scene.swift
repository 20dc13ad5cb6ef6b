import DenseCRF
import RealModule
import Randomness

/// A scene being composed: the canvas, the label set, the seeded generator every random
/// choice comes from, the texture noise and the light, plus the object instances painted so
/// far (what the simulated network later "recognises").
///
/// Painting order is back to front: scenery first, then objects from far to near, each with
/// its contact shadow, so occlusion falls out of the order.
struct Scene {
    let classes: [VOCClass]
    var canvas: SceneCanvas
    var rng: SplitMix64
    let noise: ValueNoise
    /// Direction towards the light in (x right, y down, z towards the viewer): from the upper
    /// left and in front, the usual photographic key light.
    let light: SIMD3<Float>
    /// Colours `contrasting` has chosen so far and where, so that neighbouring objects also
    /// differ from each other.
    private var chosenColours: [(at: Vec2, colour: Colour, object: Int)] = []
    /// The class of each painted instance; instance ids index this array.
    private(set) var instances: [VOCClass] = []
    private let labelIndex: [VOCClass: Int]

    init(width: Int, height: Int, classes: [VOCClass], seed: UInt64) {
        precondition(classes.first == .background, "class 0 must be background")
        self.classes = classes
        labelIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        canvas = SceneCanvas(width: width, height: height, classCount: classes.count)
        rng = SplitMix64(seed: seed, stream: "scene")
        noise = ValueNoise(seed: SplitMix64(seed: seed, stream: "texture").state)
        var r = SplitMix64(seed: seed, stream: "light")
        light = Material.normalize(SIMD3(Float(r.uniform(-0.6, -0.2)), Float(r.uniform(-0.8, -0.4)), 0.75))
    }

    var width: Float { Float(canvas.width) }
    var height: Float { Float(canvas.height) }

    /// The label index of `cls` in this scene's class list.
    func label(_ cls: VOCClass) -> Int {
        guard let l = labelIndex[cls] else { preconditionFailure("\(cls.name) is not in this scene's classes") }
        return l
    }

    /// Paints one object instance of class `cls` from its parts, in order.
    mutating func add(_ cls: VOCClass, _ parts: [Part]) {
        let id = Int32(instances.count)
        instances.append(cls)
        let l = label(cls)
        for part in parts { canvas.paint(part, label: l, instance: id, light: light, noise: noise) }
    }

    /// Paints background scenery (buildings, trees, poles, wires, furniture VOC does not name).
    mutating func scenery(_ parts: [Part]) {
        for part in parts { canvas.paint(part, label: 0, instance: -1, light: light, noise: noise) }
    }

    /// A soft contact shadow on the ground under an object.
    mutating func shadow(at center: Vec2, radii: Vec2, strength: Float = 0.45) {
        canvas.darken(.ellipse(center: center, radii: radii), strength: strength, softness: max(3, radii.y * 1.2))
    }

    // MARK: - Random choices

    mutating func random(_ lower: Float, _ upper: Float) -> Float {
        Float(rng.uniform(Double(lower), Double(upper)))
    }

    mutating func chance(_ p: Double) -> Bool { rng.chance(p) }

    mutating func pick<T>(_ items: [T]) -> T { rng.pick(items) }

    /// One of `palette`, chosen among the entries that stand out from what is already painted
    /// in `area` (image-space corners): at least 80 levels (RGB distance) from every colour
    /// sampled there and from the colours chosen for other objects within 120 pixels (the
    /// parts of one object may match: a dark suit is not a cue to lose), on both its
    /// shadowed (×0.6) and lit (×1) sides; else the entry farthest from most of them.
    ///
    /// Objects people photograph and annotate mostly stand out from their surroundings; one
    /// that matches them (a tabby cat on a wooden floor) is lost by any colour-driven CRF,
    /// and a sample built on such matches would measure the scene, not the model.
    /// Neighbouring objects of one colour would likewise bleed into each other.
    mutating func contrasting(_ palette: [Colour], behind area: (Vec2, Vec2)) -> Colour {
        let centre = (area.0 + area.1) / 2
        // Colours are chosen before their object is added, so the object they belong to is
        // the next instance.
        let object = instances.count
        var samples = chosenColours.filter { $0.object != object && (($0.at - centre) * ($0.at - centre)).sum() < 120 * 120 }.map(\.colour)
        for j in 0..<5 {
            for i in 0..<5 {
                let p = area.0 + (area.1 - area.0) * Vec2(Float(i) / 4, Float(j) / 4)
                let x = Int(p.x), y = Int(p.y)
                if x >= 0, y >= 0, x < canvas.width, y < canvas.height { samples.append(canvas.colour[y * canvas.width + x]) }
            }
        }
        // Distances from the candidate's shadowed and lit sides to every sample, ascending.
        func distances(_ c: Colour) -> [Float] {
            [c * 0.6, c].flatMap { shade in samples.map { ((shade - $0) * (shade - $0)).sum().squareRoot() } }.sorted()
        }
        let clear = palette.filter { (distances($0).first ?? .greatestFiniteMagnitude) >= 80 }
        // In a crowded spot no colour may clear everything; then the one farthest from most
        // of it (the median distance, so one dark leg nearby does not decide).
        let chosen = clear.isEmpty ? palette.max { distances($0)[samples.count] < distances($1)[samples.count] }! : pick(clear)
        chosenColours.append((centre, chosen, object))
        return chosen
    }

    /// `c` with each channel moved by up to ±`amount` levels, so no two objects share a colour.
    mutating func vary(_ c: Colour, by amount: Float = 12) -> Colour {
        Colour(c.x + random(-amount, amount), c.y + random(-amount, amount), c.z + random(-amount, amount))
    }

    /// A fresh place in noise space for one surface's texture.
    mutating func textureOffset() -> Vec2 { Vec2(random(0, 4000), random(0, 4000)) }

    /// A material of colour `c` with its own texture placement.
    mutating func material(_ c: Colour, pattern: Material.Pattern = .plain, grain: Float = 0.06, grainScale: Float = 2.5,
                           gloss: Float = 0, shading: Float = 0.6) -> Material {
        Material(colour: c, pattern: pattern, grain: grain, grainScale: grainScale, gloss: gloss, shading: shading,
                 textureOffset: textureOffset())
    }

    // MARK: - Exposure

    /// The finished photograph: lens softness, vignetting, and sensor noise with a shot-noise
    /// part that grows with brightness (σ² = read² + gain·level), quantised to 8 bits.
    mutating func photograph() -> RGBImage {
        canvas.blur(sigma: 0.55)
        var sensor = SplitMix64(seed: rng.next(), stream: "sensor")
        let cx = width / 2, cy = height / 2
        let corner = (cx * cx + cy * cy)
        var pixels = [UInt8](repeating: 0, count: canvas.width * canvas.height * 3)
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let dx = Float(x) + 0.5 - cx, dy = Float(y) + 0.5 - cy
                let vignette = 1 - 0.22 * (dx * dx + dy * dy) / corner
                let c = canvas.colour[y * canvas.width + x] * vignette
                for k in 0..<3 {
                    let level = max(c[k], 0)
                    let sigma = (9 + 0.1 * level).squareRoot()
                    let v = level + sigma * Float(sensor.normal())
                    pixels[3 * (y * canvas.width + x) + k] = UInt8(min(max(v.rounded(), 0), 255))
                }
            }
        }
        return RGBImage(width: canvas.width, height: canvas.height, pixels: pixels)
    }
}

/// Coordinates local to one object: lengths in units of its size, x towards the way it
/// faces, y up from its ground point. Painters describe an object once in these units and
/// it can be placed at any size, mirrored, anywhere.
struct Frame {
    let origin: Vec2
    let size: Float
    /// +1 faces right, −1 faces left.
    let facing: Float

    func p(_ x: Float, _ y: Float) -> Vec2 { origin + Vec2(x * size * facing, -y * size) }
    func len(_ v: Float) -> Float { v * size }
    func radii(_ a: Float, _ b: Float) -> Vec2 { Vec2(a * size, b * size) }
    /// A counter-clockwise rotation in the object's frame as an image-space angle.
    func angle(_ a: Float) -> Float { -a * facing }

    func ellipse(_ x: Float, _ y: Float, _ rx: Float, _ ry: Float, angle a: Float = 0) -> Shape {
        .ellipse(center: p(x, y), radii: radii(rx, ry), angle: angle(a))
    }
    func box(_ x: Float, _ y: Float, _ hx: Float, _ hy: Float, corner: Float = 0, angle a: Float = 0) -> Shape {
        .box(center: p(x, y), half: radii(hx, hy), angle: angle(a), corner: len(corner))
    }
    func capsule(_ x0: Float, _ y0: Float, _ x1: Float, _ y1: Float, _ r0: Float, _ r1: Float? = nil) -> Shape {
        .capsule(a: p(x0, y0), b: p(x1, y1), r0: len(r0), r1: len(r1 ?? r0))
    }
    /// The image-space box spanning local corners (x0, y0) and (x1, y1).
    func area(_ x0: Float, _ y0: Float, _ x1: Float, _ y1: Float) -> (Vec2, Vec2) {
        let a = p(x0, y0), b = p(x1, y1)
        return (pointwiseMin(a, b), pointwiseMax(a, b))
    }
    func polygon(_ points: [(Float, Float)]) -> Shape { .polygon(points.map { p($0.0, $0.1) }) }
    func ring(_ x: Float, _ y: Float, _ r: Float, width: Float) -> Shape {
        .ring(center: p(x, y), radius: len(r), width: len(width))
    }
}

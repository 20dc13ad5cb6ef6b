import RealModule

/// Painters for the vehicle classes, seen from the side (VOC's train has none: no sample needs it). Paint is glossy, windows are
/// dark glass with a highlight, tyres are near-black: strong, hard edges the bilateral kernel
/// can lock onto, and thin frames and masts it cannot rescue when the network missed them.
extension Scene {
    mutating func glass() -> Material {
        material(vary(Colour(40, 52, 64), by: 6), pattern: .mottled(Colour(90, 106, 122), scale: 60), grain: 0.03, gloss: 0.5, shading: 0.3)
    }

    /// Glossy car paint in a colour that stands out from what is behind `area`.
    mutating func paintwork(behind area: (Vec2, Vec2)) -> Material {
        let c = vary(contrasting([Colour(170, 30, 30), Colour(30, 60, 140), Colour(210, 210, 205), Colour(40, 40, 42), Colour(120, 124, 128), Colour(200, 160, 40), Colour(40, 100, 60)], behind: area))
        return material(c, grain: 0.02, grainScale: 4, gloss: 0.35, shading: 0.55)
    }

    /// A tyre with its hub, centred at (x, r) in the frame.
    mutating func wheel(_ f: Frame, x: Float, radius r: Float) -> [Part] {
        let tyre = material(Colour(28, 28, 30), grain: 0.05, shading: 0.5)
        let hub = material(Colour(150, 150, 155), grain: 0.02, gloss: 0.5)
        return [Part(f.ellipse(x, r, r, r), tyre), Part(f.ellipse(x, r, r * 0.5, r * 0.5), hub), Part(f.ellipse(x, r, r * 0.15, r * 0.15), tyre)]
    }

    /// `size` is the car's length; the origin is the road under its middle.
    mutating func addCar(at ground: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: ground, size: size, facing: facing)
        let body = paintwork(behind: f.area(-0.5, 0, 0.5, 0.33))
        var parts: [Part] = []
        parts.append(Part(f.polygon([(-0.32, 0.2), (-0.2, 0.33), (0.14, 0.33), (0.3, 0.2)]), body))
        parts.append(Part(f.box(0, 0.14, 0.5, 0.085, corner: 0.04), body))
        let g = glass()
        parts.append(Part(f.polygon([(-0.29, 0.205), (-0.19, 0.31), (-0.04, 0.31), (-0.04, 0.205)]), g))
        parts.append(Part(f.polygon([(-0.01, 0.205), (-0.01, 0.31), (0.13, 0.31), (0.26, 0.205)]), g))
        parts.append(Part(f.box(0, 0.1, 0.5, 0.012), material(body.colour * 0.6, gloss: 0.2)))
        parts.append(Part(f.ellipse(0.48, 0.16, 0.02, 0.018), material(Colour(250, 240, 200), gloss: 0.8)))
        parts.append(Part(f.ellipse(-0.49, 0.16, 0.012, 0.02), material(Colour(200, 30, 20), gloss: 0.5)))
        parts += wheel(f, x: 0.31, radius: 0.075)
        parts += wheel(f, x: -0.31, radius: 0.075)
        shadow(at: f.p(0, 0.005), radii: f.radii(0.52, 0.03), strength: 0.6)
        add(.car, parts)
    }

    mutating func addBus(at ground: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: ground, size: size, facing: facing)
        let body = material(vary(contrasting([Colour(200, 40, 30), Colour(230, 190, 40), Colour(40, 110, 170), Colour(220, 220, 214)], behind: f.area(-0.5, 0, 0.5, 0.33))), grain: 0.02, grainScale: 5, gloss: 0.3, shading: 0.45)
        var parts: [Part] = [Part(f.box(0, 0.18, 0.5, 0.15, corner: 0.02), body)]
        parts.append(Part(f.box(0, 0.09, 0.5, 0.012), material(body.colour * 0.55)))
        let g = glass()
        for k in 0..<6 {
            let x = -0.4 + Float(k) * 0.145
            parts.append(Part(f.box(x, 0.24, 0.06, 0.05, corner: 0.008), g))
        }
        parts.append(Part(f.box(0.46, 0.2, 0.035, 0.1, corner: 0.005), g))
        parts += wheel(f, x: 0.33, radius: 0.055)
        parts += wheel(f, x: -0.33, radius: 0.055)
        shadow(at: f.p(0, 0.005), radii: f.radii(0.52, 0.025), strength: 0.6)
        add(.bus, parts)
    }

    /// `size` is the motorbike's length.
    mutating func addMotorbike(at ground: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: ground, size: size, facing: facing)
        let tank = paintwork(behind: f.area(-0.5, 0, 0.5, 0.55))
        let chrome = material(Colour(170, 170, 176), grain: 0.02, gloss: 0.7, shading: 0.5)
        let black = material(Colour(26, 26, 28), grain: 0.04)
        var parts: [Part] = []
        for x in [-0.33, 0.35] as [Float] {
            parts.append(Part(f.ring(x, 0.17, 0.15, width: 0.055), black))
            parts.append(Part(f.ellipse(x, 0.17, 0.04, 0.04), chrome))
            for k in 0..<6 {
                let a = Float(k) * .pi / 3
                parts.append(Part(f.capsule(x, 0.17, x + 0.12 * Float.cos(a), 0.17 + 0.12 * Float.sin(a), 0.006), chrome))
            }
        }
        parts.append(Part(f.box(-0.02, 0.27, 0.14, 0.07, corner: 0.02), material(Colour(80, 80, 84), grain: 0.05, gloss: 0.3)))
        parts.append(Part(f.capsule(-0.33, 0.17, -0.05, 0.3, 0.018), black))
        parts.append(Part(f.capsule(-0.15, 0.2, -0.45, 0.24, 0.022), chrome))
        parts.append(Part(f.capsule(0.35, 0.17, 0.25, 0.5, 0.018), chrome))
        parts.append(Part(f.ellipse(0.08, 0.4, 0.15, 0.07), tank))
        parts.append(Part(f.box(-0.17, 0.41, 0.12, 0.03, corner: 0.02), black))
        parts.append(Part(f.capsule(0.2, 0.52, 0.3, 0.55, 0.012), black))
        parts.append(Part(f.ellipse(0.36, 0.44, 0.03, 0.035), material(Colour(250, 240, 210), gloss: 0.8)))
        shadow(at: f.p(0, 0.005), radii: f.radii(0.45, 0.025), strength: 0.5)
        add(.motorbike, parts)
    }

    /// A bicycle, mostly air: two thin rims, spokes, a frame of tubes a pixel or two wide.
    mutating func addBicycle(at ground: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: ground, size: size, facing: facing)
        let frame = material(vary(contrasting([Colour(30, 120, 180), Colour(190, 40, 40), Colour(30, 30, 30), Colour(220, 220, 220)], behind: f.area(-0.5, 0, 0.5, 0.6))), grain: 0.02, gloss: 0.4)
        let tyre = material(Colour(24, 24, 26))
        let spoke = material(Colour(180, 180, 186), gloss: 0.4)
        var parts: [Part] = []
        for x in [-0.32, 0.32] as [Float] {
            parts.append(Part(f.ring(x, 0.2, 0.185, width: 0.045), tyre))
            for k in 0..<8 {
                let a = Float(k) * .pi / 4
                parts.append(Part(f.capsule(x, 0.2, x + 0.18 * Float.cos(a), 0.2 + 0.18 * Float.sin(a), 0.004), spoke))
            }
        }
        let joints: [(Float, Float, Float, Float)] = [(-0.32, 0.2, -0.05, 0.2), (-0.05, 0.2, -0.12, 0.5), (-0.12, 0.5, 0.22, 0.48),
                                                      (0.22, 0.48, -0.05, 0.2), (-0.32, 0.2, -0.12, 0.5), (0.22, 0.48, 0.32, 0.2), (0.22, 0.48, 0.2, 0.58)]
        for (x0, y0, x1, y1) in joints { parts.append(Part(f.capsule(x0, y0, x1, y1, 0.02), frame)) }
        parts.append(Part(f.capsule(0.14, 0.6, 0.26, 0.58, 0.012), tyre))
        parts.append(Part(f.ellipse(-0.13, 0.54, 0.07, 0.018), tyre))
        parts.append(Part(f.ellipse(-0.05, 0.2, 0.04, 0.04), spoke))
        shadow(at: f.p(0, 0.005), radii: f.radii(0.5, 0.02), strength: 0.35)
        add(.bicycle, parts)
    }

    /// An airliner in the sky, `size` long.
    mutating func addAeroplane(at center: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: center, size: size, facing: facing)
        let paint = material(vary(contrasting([Colour(232, 234, 238), Colour(40, 60, 120), Colour(170, 40, 40), Colour(60, 62, 66)], behind: f.area(-0.5, -0.2, 0.5, 0.2)), by: 6),
                             grain: 0.015, grainScale: 6, gloss: 0.4, shading: 0.5)
        let trim = material(vary(pick([Colour(30, 60, 140), Colour(180, 30, 40), Colour(40, 40, 44)])), grain: 0.02)
        var parts: [Part] = []
        parts.append(Part(f.polygon([(-0.05, 0), (-0.28, 0.05), (-0.2, 0.06), (0.08, 0.0)]), material(paint.colour * 0.8)))
        parts.append(Part(f.polygon([(-0.47, 0.02), (-0.5, 0.2), (-0.42, 0.2), (-0.33, 0.03)]), trim))
        parts.append(Part(f.capsule(-0.48, 0.02, 0.44, 0.0, 0.055, 0.065), paint))
        parts.append(Part(f.ellipse(0.46, -0.005, 0.06, 0.055), paint))
        parts.append(Part(f.polygon([(0.0, -0.02), (-0.28, -0.22), (-0.2, -0.23), (0.14, -0.02)]), paint))
        parts.append(Part(f.polygon([(-0.4, 0.0), (-0.5, -0.08), (-0.46, -0.08), (-0.34, 0.0)]), paint))
        parts.append(Part(f.capsule(-0.12, -0.1, 0.0, -0.1, 0.025), material(Colour(150, 150, 156), gloss: 0.4)))
        parts.append(Part(f.box(0.0, 0.012, 0.36, 0.006), material(Colour(50, 60, 80), gloss: 0.3)))
        add(.aeroplane, parts)
    }

    /// A sailing boat, `size` long, its waterline at the origin; the mast is the thin part.
    mutating func addBoat(at waterline: Vec2, size: Float, facing: Float, sail: Bool) {
        let f = Frame(origin: waterline, size: size, facing: facing)
        let hull = material(vary(contrasting([Colour(230, 230, 226), Colour(30, 50, 90), Colour(170, 40, 30), Colour(60, 110, 80)], behind: f.area(-0.5, 0, 0.5, 0.2))), grain: 0.03, gloss: 0.3, shading: 0.55)
        let wood = material(vary(Colour(140, 100, 60)), pattern: .mottled(Colour(100, 70, 40), scale: 8), grain: 0.08)
        var parts: [Part] = []
        if sail {
            parts.append(Part(f.capsule(-0.02, 0.12, -0.02, 0.95, 0.008), wood))
            parts.append(Part(f.polygon([(0.0, 0.93), (0.0, 0.2), (0.38, 0.2)]), material(vary(Colour(240, 238, 230), by: 6), grain: 0.03, shading: 0.4)))
            parts.append(Part(f.polygon([(-0.04, 0.85), (-0.04, 0.22), (-0.36, 0.22)]), material(vary(Colour(236, 234, 228), by: 6), grain: 0.03, shading: 0.5)))
        } else {
            parts.append(Part(f.box(-0.05, 0.21, 0.2, 0.08, corner: 0.02), material(vary(Colour(220, 220, 216)), grain: 0.03, shading: 0.5)))
            parts.append(Part(f.box(0.0, 0.23, 0.12, 0.03), glass()))
            parts.append(Part(f.capsule(-0.1, 0.28, -0.1, 0.5, 0.007), wood))
        }
        parts.append(Part(f.polygon([(-0.5, 0.14), (0.5, 0.17), (0.4, 0.0), (-0.44, -0.02)]), hull))
        parts.append(Part(f.box(0, 0.03, 0.45, 0.012), material(hull.colour * 0.5)))
        add(.boat, parts)
    }
}

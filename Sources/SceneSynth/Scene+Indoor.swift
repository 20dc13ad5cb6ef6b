/// Painters for the indoor classes: furniture with thin legs, a bottle of shiny glass, a
/// monitor whose screen is its own picture, and a plant whose leaves and stems fray at the
/// edges the way a coarse network cannot follow.
extension Scene {
    /// Varnished wood in a tone that stands out from what is behind `area`.
    mutating func wood(behind area: (Vec2, Vec2)) -> Material {
        let c = vary(contrasting([Colour(120, 80, 48), Colour(160, 120, 80), Colour(70, 46, 32), Colour(200, 170, 130), Colour(226, 222, 212), Colour(44, 44, 48)], behind: area))
        return material(c, pattern: .stripes(c * 0.8, period: 1.5), grain: 0.06, grainScale: 3, gloss: 0.15, shading: 0.5)
    }

    /// A chair in three-quarter view, `size` to the top of its back; the origin is the floor
    /// under the seat. The back is a solid panel (the part a network finds), the legs and
    /// posts are bars a few pixels wide (the part it loses).
    mutating func addChair(at floor: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: floor, size: size, facing: facing)
        let behind = f.area(-0.3, 0, 0.3, 1)
        let w = wood(behind: behind)
        var far = w
        far.colour *= 0.7
        let panel = chance(0.5) ? w : material(vary(contrasting([Colour(150, 40, 40), Colour(60, 80, 120), Colour(90, 110, 70), Colour(220, 214, 200)], behind: behind)),
                                               grain: 0.1, grainScale: 1.5, shading: 0.55)
        var parts: [Part] = []
        parts.append(Part(f.capsule(0.14, 0.47, 0.15, 0.03, 0.02, 0.016), far))
        parts.append(Part(f.capsule(-0.2, 0.45, -0.21, 0.03, 0.02, 0.016), far))
        parts.append(Part(f.capsule(-0.2, 0.45, -0.22, 1.0, 0.024), w))
        parts.append(Part(f.capsule(0.14, 0.5, 0.13, 1.0, 0.024), w))
        parts.append(Part(f.polygon([(-0.21, 0.97), (0.135, 0.98), (0.135, 0.64), (-0.21, 0.62)]), panel))
        parts.append(Part(f.polygon([(-0.2, 0.48), (0.14, 0.51), (0.25, 0.45), (-0.1, 0.41)]), panel))
        parts.append(Part(f.box(0.075, 0.42, 0.175, 0.02, corner: 0.01, angle: 0.08), w))
        parts.append(Part(f.capsule(-0.1, 0.41, -0.1, 0.0, 0.022, 0.018), w))
        parts.append(Part(f.capsule(0.24, 0.44, 0.25, 0.0, 0.022, 0.018), w))
        shadow(at: f.p(0.02, 0.005), radii: f.radii(0.3, 0.03), strength: 0.35)
        add(.chair, parts)
    }

    /// `size` is the table's length; the origin is the floor under its middle.
    mutating func addDiningTable(at floor: Vec2, size: Float, facing: Float, cloth: Bool) {
        let f = Frame(origin: floor, size: size, facing: facing)
        let behind = f.area(-0.5, 0, 0.5, 0.45)
        let w = wood(behind: behind)
        var far = w
        far.colour *= 0.7
        var parts: [Part] = []
        for x in [-0.4, 0.4] as [Float] { parts.append(Part(f.capsule(x, 0.36, x, 0.0, 0.018, 0.014), far)) }
        if cloth {
            let fabric = material(vary(contrasting([Colour(236, 232, 220), Colour(200, 60, 50), Colour(120, 150, 190)], behind: behind)), pattern: .mottled(Colour(180, 176, 168), scale: 20), grain: 0.05, shading: 0.4)
            parts.append(Part(f.polygon([(-0.5, 0.4), (0.5, 0.4), (0.52, 0.24), (-0.52, 0.24)]), fabric, softness: 1.3))
        } else {
            parts.append(Part(f.box(0, 0.375, 0.5, 0.03, corner: 0.008), w))
        }
        for x in [-0.46, 0.46] as [Float] { parts.append(Part(f.capsule(x, cloth ? 0.25 : 0.36, x, 0.0, 0.02, 0.016), w)) }
        shadow(at: f.p(0, 0.005), radii: f.radii(0.55, 0.03), strength: 0.3)
        add(.diningtable, parts)
    }

    /// `size` is the sofa's length.
    mutating func addSofa(at floor: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: floor, size: size, facing: facing)
        let fabricColour = vary(contrasting([Colour(110, 60, 50), Colour(60, 70, 90), Colour(140, 130, 110), Colour(70, 90, 60), Colour(40, 40, 44)], behind: f.area(-0.5, 0, 0.5, 0.6)))
        let fabric = material(fabricColour, pattern: .mottled(fabricColour * 0.85, scale: 14), grain: 0.08, grainScale: 1.5, shading: 0.6)
        var parts: [Part] = []
        parts.append(Part(f.box(0, 0.46, 0.46, 0.17, corner: 0.06), fabric))
        parts.append(Part(f.box(0, 0.2, 0.5, 0.13, corner: 0.04), fabric))
        for x in [-0.22, 0.22] as [Float] {
            parts.append(Part(f.box(x, 0.33, 0.21, 0.06, corner: 0.05), material(fabricColour * 1.08, grain: 0.08, grainScale: 1.5, shading: 0.7)))
        }
        for x in [-0.48, 0.48] as [Float] {
            parts.append(Part(f.box(x, 0.32, 0.055, 0.15, corner: 0.05), fabric))
        }
        let legs = material(Colour(40, 30, 24))
        for x in [-0.44, 0.44] as [Float] { parts.append(Part(f.box(x, 0.035, 0.015, 0.035), legs)) }
        shadow(at: f.p(0, 0.005), radii: f.radii(0.55, 0.03), strength: 0.4)
        add(.sofa, parts)
    }

    /// `size` is the monitor's width; the origin is the bottom of its stand.
    mutating func addMonitor(at base: Vec2, size: Float) {
        let f = Frame(origin: base, size: size, facing: 1)
        let bezel = material(Colour(24, 24, 26), grain: 0.02, gloss: 0.4, shading: 0.4)
        let picture = vary(pick([Colour(60, 110, 170), Colour(40, 140, 90), Colour(180, 120, 60)]), by: 20)
        let screen = material(picture, pattern: .mottled(picture * 1.5, scale: size * 0.25), grain: 0.02, gloss: 0.3, shading: 0.15)
        var parts: [Part] = []
        parts.append(Part(f.box(0, 0.02, 0.2, 0.02, corner: 0.01), bezel))
        parts.append(Part(f.capsule(0, 0.03, 0, 0.2, 0.035), bezel))
        parts.append(Part(f.box(0, 0.48, 0.5, 0.31, corner: 0.015), bezel))
        parts.append(Part(f.box(0, 0.49, 0.46, 0.27, corner: 0.005), screen))
        add(.tvmonitor, parts)
    }

    /// `size` is the bottle's height.
    mutating func addBottle(at base: Vec2, size: Float) {
        let f = Frame(origin: base, size: size, facing: 1)
        let glassColour = vary(contrasting([Colour(40, 90, 40), Colour(110, 60, 20), Colour(150, 180, 170)], behind: f.area(-0.3, 0, 0.3, 1)), by: 10)
        let bottleGlass = material(glassColour, grain: 0.02, gloss: 0.8, shading: 0.75)
        var parts: [Part] = []
        parts.append(Part(f.box(0, 0.32, 0.16, 0.32, corner: 0.06), bottleGlass))
        parts.append(Part(f.ellipse(0, 0.62, 0.16, 0.12), bottleGlass))
        parts.append(Part(f.box(0, 0.82, 0.055, 0.16, corner: 0.02), bottleGlass))
        parts.append(Part(f.box(0, 0.97, 0.065, 0.03, corner: 0.01), material(vary(Colour(200, 170, 60)), gloss: 0.5)))
        parts.append(Part(f.box(0, 0.3, 0.16, 0.12), material(vary(Colour(230, 220, 200)), grain: 0.03, shading: 0.7)))
        add(.bottle, parts)
    }

    /// A potted plant `size` tall: terracotta pot, then leaves on thin stems.
    mutating func addPottedPlant(at base: Vec2, size: Float) {
        let f = Frame(origin: base, size: size, facing: 1)
        let pot = material(vary(Colour(170, 90, 60)), pattern: .mottled(Colour(130, 70, 50), scale: 10), grain: 0.06, shading: 0.6)
        let stem = material(vary(Colour(70, 100, 40)))
        var parts: [Part] = []
        var leaves: [Part] = []
        for _ in 0..<9 {
            let x = random(-0.32, 0.32), y = random(0.5, 0.95)
            parts.append(Part(f.capsule(0, 0.34, x, y, 0.012), stem))
            let leafColour = vary(pick([Colour(50, 110, 40), Colour(70, 140, 50), Colour(40, 90, 40)]), by: 10)
            let leaf = material(leafColour, pattern: .mottled(leafColour * 1.3, scale: 6), grain: 0.08, shading: 0.7)
            leaves.append(Part(f.ellipse(x, y, random(0.09, 0.16), random(0.035, 0.06), angle: random(-1.2, 1.2)), leaf, softness: 1.2))
        }
        parts += leaves
        parts.append(Part(f.polygon([(-0.2, 0.36), (0.2, 0.36), (0.15, 0.0), (-0.15, 0.0)]), pot))
        parts.append(Part(f.box(0, 0.35, 0.22, 0.03, corner: 0.01), pot))
        shadow(at: f.p(0, 0.005), radii: f.radii(0.22, 0.025), strength: 0.4)
        add(.pottedplant, parts)
    }
}

/// Painters for the six animal classes. Bodies are ellipses shaded as solids, legs and tails
/// are tapered capsules a few pixels wide (the thin parts a coarse network loses), and coats
/// carry their own texture: patches for cows, wool for sheep, stripes for tabby cats.
extension Scene {
    /// The parts shared by four-legged animals, in painting order: far legs (darker, as they
    /// are in shade), tail, body, near legs, neck. Heads differ too much to share.
    struct Quadruped {
        var body: (x: Float, y: Float, rx: Float, ry: Float)
        /// Where the legs meet the body and how thick they are at the top and at the hoof.
        var legTop: Float
        var legX: (front: Float, back: Float)
        var legWidth: (top: Float, bottom: Float)
        var neck: (x0: Float, y0: Float, x1: Float, y1: Float, r0: Float, r1: Float)
        var tail: (x0: Float, y0: Float, x1: Float, y1: Float, r: Float)
    }

    mutating func quadrupedParts(_ f: Frame, _ q: Quadruped, coat: Material, legs: Material, softness: Float) -> [Part] {
        var farLegs = legs
        farLegs.colour *= 0.72
        var parts: [Part] = []
        for x in [q.legX.front - 0.07, q.legX.back + 0.06] {
            parts.append(Part(f.capsule(x, q.legTop, x + random(-0.03, 0.03), 0.02, q.legWidth.top, q.legWidth.bottom), farLegs))
        }
        parts.append(Part(f.capsule(q.tail.x0, q.tail.y0, q.tail.x1, q.tail.y1, q.tail.r, q.tail.r * 0.7), coat, softness: softness))
        parts.append(Part(f.ellipse(q.body.x, q.body.y, q.body.rx, q.body.ry), coat, softness: softness))
        for x in [q.legX.front, q.legX.back] {
            parts.append(Part(f.capsule(x, q.legTop, x + random(-0.04, 0.04), 0.02, q.legWidth.top, q.legWidth.bottom), legs))
        }
        parts.append(Part(f.capsule(q.neck.x0, q.neck.y0, q.neck.x1, q.neck.y1, q.neck.r0, q.neck.r1), coat, softness: softness))
        return parts
    }

    /// `size` is the height to the top of the back; the frame's origin is the ground below the
    /// middle of the body.
    mutating func addCow(at ground: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: ground, size: size, facing: facing)
        let holstein = chance(0.55)
        let coatColour = holstein ? vary(Colour(236, 232, 224), by: 8) : vary(contrasting([Colour(120, 72, 40), Colour(86, 56, 36), Colour(168, 120, 80), Colour(40, 34, 32)], behind: f.area(-0.7, 0, 0.9, 0.9)))
        let coat = material(coatColour, pattern: holstein ? .patches(Colour(28, 26, 26), scale: size * 0.16) : .mottled(coatColour * 0.8, scale: size * 0.3),
                            grain: 0.07, grainScale: 2)
        let legs = material(coatColour * (holstein ? 0.95 : 0.85), grain: 0.05)
        let q = Quadruped(body: (0, 0.66, 0.6, 0.22), legTop: 0.52, legX: (0.42, -0.44), legWidth: (0.05, 0.032),
                          neck: (0.45, 0.7, 0.7, 0.66, 0.15, 0.11), tail: (-0.58, 0.76, -0.66, 0.3, 0.02))
        var parts = quadrupedParts(f, q, coat: coat, legs: legs, softness: 1.2)
        let head = material(holstein ? Colour(34, 30, 30) : coatColour * 0.9, grain: 0.05)
        parts.append(Part(f.ellipse(0.82, 0.6, 0.15, 0.1, angle: -0.6), head))
        parts.append(Part(f.ellipse(0.9, 0.5, 0.08, 0.065), material(Colour(196, 150, 140), grain: 0.04)))
        parts.append(Part(f.ellipse(0.74, 0.7, 0.06, 0.03, angle: 0.3), head))
        let horn = material(Colour(220, 210, 180), grain: 0.02, gloss: 0.2)
        parts.append(Part(f.capsule(0.8, 0.7, 0.86, 0.8, 0.018, 0.008), horn))
        parts.append(Part(f.ellipse(-0.66, 0.28, 0.03, 0.05), material(Colour(30, 28, 26)), softness: 1.5))
        shadow(at: f.p(0, 0.01), radii: f.radii(0.7, 0.05))
        add(.cow, parts)
    }

    mutating func addHorse(at ground: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: ground, size: size, facing: facing)
        let coatColour = vary(contrasting([Colour(110, 62, 32), Colour(60, 38, 26), Colour(150, 110, 70), Colour(190, 184, 176)], behind: f.area(-0.6, 0, 0.8, 1.1)))
        let coat = material(coatColour, pattern: .mottled(coatColour * 0.85, scale: size * 0.25), grain: 0.04, grainScale: 3, gloss: 0.18, shading: 0.7)
        let legs = material(coatColour * 0.75, grain: 0.04, gloss: 0.1)
        let q = Quadruped(body: (0, 0.7, 0.5, 0.17), legTop: 0.6, legX: (0.35, -0.38), legWidth: (0.05, 0.03),
                          neck: (0.38, 0.76, 0.6, 1.02, 0.12, 0.075), tail: (-0.5, 0.8, -0.6, 0.38, 0.045))
        let mane = material(coatColour * 0.45, grain: 0.15, grainScale: 1.5)
        var parts = quadrupedParts(f, q, coat: coat, legs: legs, softness: 1)
        parts.insert(Part(f.capsule(-0.5, 0.8, -0.6, 0.38, 0.05, 0.07), mane, softness: 2.5), at: 2)
        parts.append(Part(f.capsule(0.4, 0.86, 0.58, 1.08, 0.045, 0.03), mane, softness: 2))
        parts.append(Part(f.ellipse(0.72, 0.98, 0.17, 0.065, angle: -0.85), coat))
        parts.append(Part(f.ellipse(0.6, 1.1, 0.025, 0.05, angle: -0.2), coat))
        parts.append(Part(f.ellipse(0.83, 0.85, 0.05, 0.045), material(coatColour * 0.6)))
        shadow(at: f.p(0, 0.01), radii: f.radii(0.6, 0.045))
        add(.horse, parts)
    }

    mutating func addSheep(at ground: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: ground, size: size, facing: facing)
        let woolColour = vary(Colour(222, 214, 192), by: 10)
        let wool = material(woolColour, pattern: .mottled(woolColour * 0.82, scale: size * 0.12), grain: 0.16, grainScale: 1.4, shading: 0.55)
        let darkFace = chance(0.5)
        let skin = material(darkFace ? Colour(44, 38, 36) : Colour(200, 182, 160), grain: 0.05)
        let q = Quadruped(body: (0, 0.6, 0.52, 0.3), legTop: 0.4, legX: (0.32, -0.34), legWidth: (0.035, 0.028),
                          neck: (0.4, 0.65, 0.52, 0.7, 0.16, 0.12), tail: (-0.5, 0.62, -0.58, 0.5, 0.06))
        var parts = quadrupedParts(f, q, coat: wool, legs: skin, softness: 3)
        parts.append(Part(f.ellipse(0.62, 0.66, 0.14, 0.095, angle: -0.45), skin))
        parts.append(Part(f.ellipse(0.55, 0.74, 0.07, 0.025, angle: 0.5), skin))
        shadow(at: f.p(0, 0.01), radii: f.radii(0.6, 0.05))
        add(.sheep, parts)
    }

    mutating func addDog(at ground: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: ground, size: size, facing: facing)
        let coatColour = vary(contrasting([Colour(180, 130, 70), Colour(60, 50, 44), Colour(200, 180, 150), Colour(130, 80, 40)], behind: f.area(-0.5, 0, 0.7, 1)))
        let coat = material(coatColour, pattern: .mottled(coatColour * 0.75, scale: size * 0.2), grain: 0.1, grainScale: 1.6, shading: 0.65)
        let q = Quadruped(body: (0, 0.56, 0.42, 0.15), legTop: 0.5, legX: (0.3, -0.32), legWidth: (0.05, 0.035),
                          neck: (0.32, 0.62, 0.46, 0.82, 0.1, 0.08), tail: (-0.4, 0.62, -0.58, 0.86, 0.03))
        var parts = quadrupedParts(f, q, coat: coat, legs: coat, softness: 1.8)
        parts.append(Part(f.ellipse(0.5, 0.86, 0.13, 0.11), coat, softness: 1.5))
        parts.append(Part(f.ellipse(0.64, 0.8, 0.09, 0.05, angle: -0.2), coat))
        parts.append(Part(f.ellipse(0.72, 0.81, 0.025, 0.02), material(Colour(20, 18, 18), gloss: 0.4)))
        parts.append(Part(f.ellipse(0.44, 0.83, 0.05, 0.1, angle: 0.3), material(coatColour * 0.6), softness: 1.5))
        shadow(at: f.p(0, 0.01), radii: f.radii(0.5, 0.04))
        add(.dog, parts)
    }

    mutating func addCat(at ground: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: ground, size: size, facing: facing)
        let coatColour = vary(contrasting([Colour(130, 124, 116), Colour(210, 140, 70), Colour(40, 38, 38), Colour(230, 226, 220)], behind: f.area(-0.6, 0, 0.6, 1)))
        let coat = material(coatColour, pattern: .stripes(coatColour * 0.7, period: 3), grain: 0.09, grainScale: 1.3, shading: 0.65)
        let q = Quadruped(body: (0, 0.42, 0.4, 0.16), legTop: 0.36, legX: (0.28, -0.3), legWidth: (0.045, 0.035),
                          neck: (0.3, 0.5, 0.4, 0.62, 0.1, 0.09), tail: (-0.38, 0.44, -0.6, 0.6, 0.035))
        var parts = quadrupedParts(f, q, coat: coat, legs: coat, softness: 1.5)
        parts.append(Part(f.capsule(-0.6, 0.6, -0.56, 0.86, 0.035, 0.03), coat, softness: 1.5))
        parts.append(Part(f.ellipse(0.45, 0.7, 0.16, 0.14), coat, softness: 1.3))
        parts.append(Part(f.polygon([(0.35, 0.8), (0.36, 0.98), (0.45, 0.83)]), coat))
        parts.append(Part(f.polygon([(0.48, 0.83), (0.58, 0.97), (0.58, 0.78)]), coat))
        let eye = material(Colour(150, 170, 60), gloss: 0.5)
        parts.append(Part(f.ellipse(0.53, 0.72, 0.025, 0.02), eye))
        shadow(at: f.p(0, 0.01), radii: f.radii(0.45, 0.04))
        add(.cat, parts)
    }

    /// A perched bird, `size` tall, feet at the origin (on a wire, a branch or the ground).
    mutating func addPerchedBird(at feet: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: feet, size: size, facing: facing)
        let plumage = vary(contrasting([Colour(70, 62, 58), Colour(120, 96, 70), Colour(30, 30, 34), Colour(170, 160, 150), Colour(190, 90, 50), Colour(200, 170, 50)], behind: f.area(-0.5, 0, 0.5, 1)))
        let body = material(plumage, pattern: .mottled(plumage * 1.15, scale: size * 0.2), grain: 0.06, grainScale: 1.2, shading: 0.6)
        let wing = material(plumage * 0.7, grain: 0.1, grainScale: 1.2)
        var parts: [Part] = []
        parts.append(Part(f.polygon([(-0.15, 0.32), (-0.55, 0.06), (-0.45, 0.0), (-0.05, 0.24)]), wing))
        parts.append(Part(f.ellipse(0, 0.45, 0.3, 0.2, angle: 0.45), body, softness: 1.2))
        parts.append(Part(f.ellipse(-0.04, 0.44, 0.24, 0.12, angle: 0.4), wing, softness: 1.2))
        parts.append(Part(f.ellipse(0.2, 0.76, 0.15, 0.14), body, softness: 1.2))
        parts.append(Part(f.polygon([(0.32, 0.8), (0.5, 0.75), (0.32, 0.71)]), material(Colour(210, 170, 60), gloss: 0.2)))
        let legs = material(Colour(60, 50, 40))
        parts.append(Part(f.capsule(0.02, 0.28, 0.0, 0.0, 0.02, 0.015), legs))
        parts.append(Part(f.capsule(-0.06, 0.27, -0.08, 0.0, 0.02, 0.015), legs))
        parts.append(Part(f.ellipse(0.25, 0.79, 0.025, 0.025), material(Colour(10, 10, 10), gloss: 0.6)))
        add(.bird, parts)
    }

    /// A bird in flight seen from below and the side: wings as two swept polygons.
    mutating func addFlyingBird(at center: Vec2, span: Float, facing: Float) {
        let f = Frame(origin: center, size: span, facing: facing)
        let colour = vary(contrasting([Colour(240, 240, 236), Colour(60, 58, 60), Colour(200, 200, 196)], behind: f.area(-0.5, -0.1, 0.5, 0.3)))
        let plumage = material(colour, grain: 0.05, shading: 0.5)
        let tip = material(colour * 0.35)
        let up = random(0.05, 0.25)
        var parts: [Part] = []
        parts.append(Part(f.polygon([(-0.05, 0), (-0.18, up + 0.1), (-0.48, up + 0.16), (-0.12, -0.03)]), plumage))
        parts.append(Part(f.polygon([(0.05, 0), (0.18, up + 0.08), (0.46, up + 0.13), (0.12, -0.03)]), plumage))
        parts.append(Part(f.ellipse(0.44, up + 0.13, 0.05, 0.02), tip))
        parts.append(Part(f.ellipse(0, -0.01, 0.2, 0.05), plumage))
        parts.append(Part(f.ellipse(0.2, 0.01, 0.05, 0.04), plumage))
        add(.bird, parts)
    }
}

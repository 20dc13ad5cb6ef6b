/// The person painter: the class VOC has most of, with thin limbs and a small head.
extension Scene {
    /// A standing or walking person, `size` tall, feet at the origin.
    mutating func addPerson(at ground: Vec2, size: Float, facing: Float) {
        let f = Frame(origin: ground, size: size, facing: facing)
        let skin = material(vary(pick([Colour(230, 190, 160), Colour(190, 140, 100), Colour(120, 80, 56), Colour(90, 60, 44)]), by: 8), grain: 0.03, shading: 0.55)
        let shirt = material(vary(contrasting([Colour(180, 40, 40), Colour(40, 80, 150), Colour(230, 230, 225), Colour(60, 130, 70), Colour(230, 180, 40), Colour(40, 40, 44)], behind: f.area(-0.25, 0.45, 0.25, 0.85))),
                             pattern: .mottled(Colour(0, 0, 0), scale: size * 0.6), grain: 0.08, grainScale: 2, shading: 0.65)
        let trousers = material(vary(contrasting([Colour(40, 50, 80), Colour(30, 30, 32), Colour(120, 100, 80), Colour(70, 90, 120)], behind: f.area(-0.15, 0, 0.15, 0.5))), grain: 0.08, grainScale: 2)
        let hair = material(vary(pick([Colour(30, 24, 20), Colour(90, 60, 30), Colour(170, 140, 90), Colour(140, 140, 140)])), grain: 0.15, grainScale: 1)
        let shoes = material(Colour(30, 26, 24), gloss: 0.2)
        let stride = random(0, 0.1)
        var parts: [Part] = []
        parts.append(Part(f.capsule(-0.03, 0.5, -0.05 - stride, 0.03, 0.055, 0.04), trousers))
        parts.append(Part(f.capsule(0.03, 0.5, 0.05 + stride, 0.03, 0.055, 0.04), trousers))
        parts.append(Part(f.ellipse(-0.03 - stride, 0.02, 0.06, 0.025), shoes))
        parts.append(Part(f.ellipse(0.07 + stride, 0.02, 0.06, 0.025), shoes))
        let swing = random(-0.06, 0.06)
        parts.append(Part(f.capsule(-0.1, 0.78, -0.12 + swing, 0.5, 0.035, 0.03), shirt))
        parts.append(Part(f.box(0, 0.64, 0.12, 0.19, corner: 0.05), shirt))
        parts.append(Part(f.capsule(0.1, 0.78, 0.13 - swing, 0.5, 0.035, 0.03), shirt))
        parts.append(Part(f.ellipse(0.13 - swing, 0.47, 0.03, 0.035), skin))
        parts.append(Part(f.capsule(0, 0.82, 0, 0.86, 0.03), skin))
        parts.append(Part(f.ellipse(0.005, 0.915, 0.06, 0.075), skin))
        parts.append(Part(f.ellipse(-0.01, 0.95, 0.065, 0.05), hair, softness: 1.3))
        shadow(at: f.p(0, 0.01), radii: f.radii(0.18, 0.025))
        add(.person, parts)
    }
}

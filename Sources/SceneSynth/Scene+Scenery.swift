import RealModule

/// Background scenery, all of class 0: skies, ground, water, rooms, hills, trees, buildings,
/// poles and wires. It is as textured and as edged as the objects, so the CRF meets the same
/// difficulties it meets in photographs: strong edges inside the background, thin structures
/// that are not objects, and object-coloured patches of ground.
extension Scene {
    /// Sky above `horizon` (a gradient from `zenith` to a hazy horizon with fractal clouds)
    /// and ground below it, whose texture shrinks with distance as it does in perspective.
    mutating func fillOutdoor(horizon: Float, zenith: Colour, hazeColour: Colour, groundFar: Colour, groundNear: Colour,
                              groundScale: Float, groundContrast: Float, clouds: Float) {
        let noise = self.noise
        let offset = textureOffset()
        let h = height
        canvas.fill { p in
            if p.y < horizon {
                let t = p.y / max(horizon, 1)
                var c = zenith + (hazeColour - zenith) * Float.pow(t, 0.8)
                let cloud = noise.fractal((p.x + offset.x) / 90, (p.y + offset.y) / 40, octaves: 5)
                let amount = min(max((cloud - 0.05) * 2.2, 0), 1) * clouds
                c += (Colour(246, 246, 248) - c) * amount
                return c
            }
            let depth = (p.y - horizon) / max(h - horizon, 1)
            let scale = groundScale * (0.12 + depth)
            let n = noise.fractal((p.x + offset.y) / scale, (p.y - horizon + offset.x) / (scale * 0.45), octaves: 5)
            let fine = noise.value((p.x - offset.x) / 1.3, (p.y + offset.y) / 1.3)
            var c = groundFar + (groundNear - groundFar) * min(depth * 1.3, 1)
            c *= 1 + groundContrast * n + 0.05 * fine
            // Atmospheric perspective: distant ground fades towards the haze.
            return c + (hazeColour - c) * max(0, 0.35 - depth) * 1.4
        }
    }

    /// A range of hills whose ridge is fractal noise along x, coloured `colour` and fading
    /// into the haze: the soft, low-contrast edge a bilateral kernel barely sees.
    mutating func hills(baseline: Float, amplitude: Float, colour: Colour, softness: Float) {
        let noise = self.noise
        let offset = random(0, 1000)
        let groundTexture = textureOffset()
        canvas.blendScenery { p in
            let ridge = baseline - amplitude * (0.5 + 0.5 * noise.fractal(p.x / 120 + offset, 3.7, octaves: 4))
            let alpha = SceneCanvas.coverage(ridge - p.y, width: softness)
            let n = noise.fractal((p.x + groundTexture.x) / 14, (p.y + groundTexture.y) / 8, octaves: 3)
            return (alpha, colour * (1 + 0.12 * n))
        }
    }

    /// A tree: trunk, a few branches (thin), and a crown of leafy blobs with blurred edges.
    mutating func tree(at ground: Vec2, height size: Float) {
        let f = Frame(origin: ground, size: size, facing: 1)
        let bark = material(vary(Colour(70, 52, 38)), pattern: .mottled(Colour(40, 30, 22), scale: 4), grain: 0.15, grainScale: 1.5)
        var parts = [Part(f.capsule(0, 0, 0.02, 0.6, 0.045, 0.03), bark)]
        parts.append(Part(f.capsule(0.01, 0.45, -0.18, 0.72, 0.012), bark))
        parts.append(Part(f.capsule(0.02, 0.5, 0.2, 0.7, 0.01), bark))
        for _ in 0..<7 {
            let leafColour = vary(pick([Colour(52, 90, 40), Colour(70, 110, 50), Colour(40, 70, 36)]), by: 10)
            let leaves = material(leafColour, pattern: .mottled(leafColour * 1.35, scale: 5), grain: 0.2, grainScale: 1.4, shading: 0.7)
            parts.append(Part(f.ellipse(random(-0.22, 0.22), random(0.65, 0.9), random(0.16, 0.26), random(0.12, 0.2)), leaves, softness: 3))
        }
        scenery(parts)
    }

    /// A building front with a grid of windows, from x0 to x1 and from `top` down to `bottom`.
    mutating func building(x0: Float, x1: Float, top: Float, bottom: Float) {
        let wallColour = vary(pick([Colour(180, 160, 140), Colour(150, 110, 90), Colour(200, 196, 186), Colour(120, 120, 126)]))
        let wall = material(wallColour, pattern: .mottled(wallColour * 0.88, scale: 30), grain: 0.05, grainScale: 2, shading: 0.2)
        var parts = [Part(.box(center: Vec2((x0 + x1) / 2, (top + bottom) / 2), half: Vec2((x1 - x0) / 2, (bottom - top) / 2)), wall)]
        let windowColour = vary(Colour(60, 70, 84), by: 8)
        let cell: Float = 26
        var y = top + 12
        while y + 16 < bottom - 10 {
            var x = x0 + 10
            while x + 14 < x1 - 6 {
                let lit = chance(0.2)
                let w = material(lit ? Colour(220, 200, 150) : windowColour, grain: 0.03, gloss: 0.3, shading: 0.2)
                parts.append(Part(.box(center: Vec2(x + 7, y + 9), half: Vec2(7, 9)), w))
                x += cell
            }
            y += cell + 6
        }
        scenery(parts)
    }

    /// A vertical pole, a few pixels wide: a thin structure the CRF must not grow objects into.
    mutating func pole(x: Float, top: Float, bottom: Float, width: Float) {
        scenery([Part(.capsule(a: Vec2(x, top), b: Vec2(x, bottom), r0: width / 2, r1: width / 2), material(vary(Colour(90, 90, 94)), grain: 0.04, gloss: 0.2))])
    }

    /// A sagging wire from a to b, drawn as a chain of short capsules along a parabola.
    mutating func wire(from a: Vec2, to b: Vec2, sag: Float, width: Float) {
        let m = material(Colour(30, 30, 32), grain: 0.02, shading: 0.2)
        let steps = 24
        var parts: [Part] = []
        for k in 0..<steps {
            let t0 = Float(k) / Float(steps), t1 = Float(k + 1) / Float(steps)
            let p0 = a + (b - a) * t0 + Vec2(0, 4 * sag * t0 * (1 - t0))
            let p1 = a + (b - a) * t1 + Vec2(0, 4 * sag * t1 * (1 - t1))
            parts.append(Part(.capsule(a: p0, b: p1, r0: width / 2, r1: width / 2), m))
        }
        scenery(parts)
    }

    /// The y of a wire from a to b with the given sag, at x.
    func wireY(from a: Vec2, to b: Vec2, sag: Float, at x: Float) -> Float {
        let t = (x - a.x) / (b.x - a.x)
        return a.y + (b.y - a.y) * t + 4 * sag * t * (1 - t)
    }

    /// A wooden fence: posts and two rails along `groundY`.
    mutating func fence(groundY: Float, height h: Float, from x0: Float, to x1: Float) {
        let woodColour = vary(Colour(130, 100, 70))
        let wood = material(woodColour, pattern: .mottled(woodColour * 0.75, scale: 6), grain: 0.12, grainScale: 1.5)
        var parts: [Part] = []
        for r in [0.45, 0.85] as [Float] {
            parts.append(Part(.box(center: Vec2((x0 + x1) / 2, groundY - h * r), half: Vec2((x1 - x0) / 2, max(1.2, h * 0.05))), wood))
        }
        var x = x0
        while x <= x1 {
            parts.append(Part(.box(center: Vec2(x, groundY - h / 2), half: Vec2(max(1.2, h * 0.05), h / 2), corner: 0.5), wood))
            x += h * 1.4
        }
        scenery(parts)
    }

    /// Water below `horizon`: a sky-reflecting gradient broken into horizontal ripples.
    mutating func water(horizon: Float, deep: Colour, reflection: Colour) {
        let noise = self.noise
        let offset = textureOffset()
        let h = height
        canvas.blendScenery { p in
            guard p.y >= horizon else { return (0, .zero) }
            let depth = (p.y - horizon) / max(h - horizon, 1)
            let stretch = 0.2 + depth
            let ripple = noise.fractal((p.x + offset.x) / (40 * stretch), (p.y + offset.y) / (2.5 * stretch), octaves: 4)
            var c = reflection + (deep - reflection) * min(depth * 1.6, 1)
            c *= 1 + 0.18 * ripple
            let alpha = SceneCanvas.coverage(horizon - p.y, width: 1)
            return (alpha, c)
        }
    }

    /// A room: wall lit from one side down to `floorLine`, then a plank floor in perspective.
    mutating func fillRoom(floorLine: Float, wall: Colour, floor: Colour) {
        let noise = self.noise
        let offset = textureOffset()
        let w = width, h = height
        let lightFromLeft = chance(0.5)
        canvas.fill { p in
            if p.y < floorLine {
                let side = lightFromLeft ? p.x / w : 1 - p.x / w
                let n = noise.fractal((p.x + offset.x) / 60, (p.y + offset.y) / 60, octaves: 3)
                return wall * (1.08 - 0.3 * side) * (1 + 0.04 * n)
            }
            let depth = (p.y - floorLine) / max(h - floorLine, 1)
            // Planks converge towards a vanishing point above the middle of the room.
            let u = (p.x - w / 2) / (0.25 + depth) / 34
            let plank = u.rounded(.down)
            let seam = abs(u - plank - 0.5) > 0.46 ? Float(0.7) : 1
            let tone = 1 + 0.1 * noise.value(plank * 7.3, 1.1)
            let grain = noise.fractal((p.x + offset.y) / 3, (p.y - floorLine) / (30 * (0.25 + depth)) + plank * 13, octaves: 3)
            return floor * tone * seam * (1 + 0.1 * grain) * (0.8 + 0.25 * depth)
        }
    }

    /// A bright window in a wall, with its frame and glazing bars.
    mutating func window(x0: Float, y0: Float, x1: Float, y1: Float) {
        let frame = material(Colour(236, 234, 228), grain: 0.02, shading: 0.2)
        let pane = material(Colour(200, 220, 240), pattern: .mottled(Colour(160, 190, 160), scale: 30), grain: 0.02, shading: 0.05)
        let c = Vec2((x0 + x1) / 2, (y0 + y1) / 2), half = Vec2((x1 - x0) / 2, (y1 - y0) / 2)
        scenery([
            Part(.box(center: c, half: half + 5), frame),
            Part(.box(center: c, half: half), pane),
            Part(.capsule(a: Vec2(c.x, y0), b: Vec2(c.x, y1), r0: 2, r1: 2), frame),
            Part(.capsule(a: Vec2(x0, c.y), b: Vec2(x1, c.y), r0: 2, r1: 2), frame),
        ])
    }

    /// A low cabinet or shelf (background furniture VOC does not name).
    mutating func cabinet(x0: Float, x1: Float, top: Float, bottom: Float) {
        scenery([Part(.box(center: Vec2((x0 + x1) / 2, (top + bottom) / 2), half: Vec2((x1 - x0) / 2, (bottom - top) / 2), corner: 2),
                      wood(behind: (Vec2(x0, top), Vec2(x1, bottom))))])
    }

    /// A rug on the floor, a soft-edged textured ellipse.
    mutating func rug(center: Vec2, radii: Vec2) {
        let c = vary(pick([Colour(140, 50, 50), Colour(60, 70, 110), Colour(170, 150, 110)]))
        scenery([Part(.ellipse(center: center, radii: radii), material(c, pattern: .stripes(c * 0.7, period: 2), grain: 0.12, grainScale: 1.2, shading: 0.1), softness: 2)])
    }
}

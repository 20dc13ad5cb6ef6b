/// The compositions of the sample catalogue. Each lays out scenery, then objects from far to
/// near, sizing everything by a ground-plane perspective (pixels per metre grow linearly with
/// the distance below the horizon) so that the scenes read as photographs, not collages.
/// Positions, sizes, colours and counts vary with the seed; the composition stays the same.
extension Scene {
    /// Pixels per metre for an object standing at image row `y`, given the horizon and the
    /// scale at the bottom row.
    func pixelsPerMetre(atGround y: Float, horizon: Float, bottomScale: Float) -> Float {
        bottomScale * (y - horizon) / (height - horizon)
    }

    /// Buildings, pavement and a road with parked and passing traffic, cyclists and walkers;
    /// poles and overhead wires cross the sky.
    mutating func composeStreet() {
        let horizon = height * random(0.4, 0.46)
        fillOutdoor(horizon: horizon, zenith: Colour(90, 130, 190), hazeColour: Colour(196, 206, 218), groundFar: Colour(110, 110, 112),
                    groundNear: Colour(86, 86, 90), groundScale: 26, groundContrast: 0.1, clouds: 0.5)
        var x: Float = -random(0, 30)
        while x < width {
            let w = random(80, 150)
            building(x0: x, x1: x + w, top: height * random(0.04, 0.22), bottom: horizon + 14)
            x += w + random(0, 6)
        }
        let kerb = horizon + 30
        scenery([Part(.box(center: Vec2(width / 2, (horizon + 14 + kerb) / 2), half: Vec2(width / 2 + 2, (kerb - horizon - 14) / 2)),
                      material(Colour(160, 156, 150), pattern: .mottled(Colour(130, 126, 122), scale: 16), grain: 0.06, shading: 0.1))])
        let dashY = (kerb + height) / 2
        var dx = random(0, 60)
        while dx < width {
            scenery([Part(.box(center: Vec2(dx, dashY), half: Vec2(22, 2.5)), material(Colour(226, 222, 200), grain: 0.05, shading: 0.05))])
            dx += 90
        }
        canvas.blur(sigma: 0.9)
        let poleX = [random(0.08, 0.2), random(0.7, 0.9)].map { $0 * width }
        for px in poleX { pole(x: px, top: height * 0.08, bottom: kerb - 4, width: 4) }
        for k in 0..<3 {
            let y = height * 0.1 + Float(k) * 7
            wire(from: Vec2(-10, y + random(0, 20)), to: Vec2(poleX[0], y), sag: 6, width: 1.4)
            wire(from: Vec2(poleX[0], y), to: Vec2(poleX[1], y + random(-4, 4)), sag: random(10, 22), width: 1.4)
            wire(from: Vec2(poleX[1], y), to: Vec2(width + 10, y + random(0, 20)), sag: 6, width: 1.4)
        }
        let scale = height * 0.3
        func place(_ y: Float) -> Float { pixelsPerMetre(atGround: y, horizon: horizon, bottomScale: scale) }
        for _ in 0..<2 {
            let y = kerb - random(2, 8)
            addPerson(at: Vec2(random(0.05, 0.95) * width, y), size: 1.75 * place(y), facing: chance(0.5) ? 1 : -1)
        }
        let busY = kerb + random(20, 30)
        addBus(at: Vec2(width * random(0.3, 0.5), busY), size: 11 * place(busY), facing: chance(0.5) ? 1 : -1)
        let farCarY = kerb + random(38, 48)
        addCar(at: Vec2(width * random(0.75, 0.9), farCarY), size: 4.4 * place(farCarY), facing: -1)
        let carY = height * random(0.7, 0.74)
        addCar(at: Vec2(width * random(0.62, 0.72), carY), size: 4.5 * place(carY), facing: -1)
        let bikeY = height * random(0.8, 0.84)
        addBicycle(at: Vec2(width * random(0.12, 0.2), bikeY), size: 1.75 * place(bikeY), facing: 1)
        addPerson(at: Vec2(width * random(0.36, 0.42), bikeY + 3), size: 1.8 * place(bikeY + 3), facing: chance(0.5) ? 1 : -1)
        let motoY = height * random(0.93, 0.96)
        addMotorbike(at: Vec2(width * random(0.62, 0.72), motoY), size: 2.1 * place(motoY), facing: -1)
    }

    /// A pasture under a hazy sky: hills, a line of trees, a fence, and grazing animals.
    mutating func composeFarm() {
        let horizon = height * random(0.34, 0.4)
        fillOutdoor(horizon: horizon, zenith: Colour(100, 150, 210), hazeColour: Colour(210, 220, 226), groundFar: Colour(120, 140, 70),
                    groundNear: Colour(80, 120, 46), groundScale: 22, groundContrast: 0.2, clouds: 0.7)
        hills(baseline: horizon + 2, amplitude: height * 0.12, colour: Colour(110, 130, 110), softness: 3)
        for _ in 0..<5 { tree(at: Vec2(random(0, width), horizon + random(2, 8)), height: random(50, 80)) }
        canvas.blur(sigma: 1.2)
        let fenceY = horizon + random(30, 40)
        fence(groundY: fenceY, height: 20, from: -5, to: width + 5)
        let scale = height * 0.36
        func place(_ y: Float) -> Float { pixelsPerMetre(atGround: y, horizon: horizon, bottomScale: scale) }
        // Rows from far to near, each with its own column so animals overlap only a little.
        let herd: [(y: Float, x: Float, kind: VOCClass)] = [
            (fenceY + random(10, 20), 0.2, .cow), (fenceY + random(30, 40), 0.72, .horse),
            (height * 0.62, 0.1, .sheep), (height * 0.66, 0.88, .sheep), (height * 0.76, 0.28, .sheep),
            (height * 0.84, 0.5, .dog), (height * 0.93, 0.78, .cow),
        ]
        for animal in herd {
            let x = width * (animal.x + random(-0.05, 0.05))
            let y = animal.y
            // Mostly facing into the frame, so heads are not cut off by its edge.
            let inward: Float = x > width / 2 ? -1 : 1
            let facing = chance(0.8) ? inward : -inward
            switch animal.kind {
            case .cow: addCow(at: Vec2(x, y), size: 1.45 * place(y), facing: facing)
            case .horse: addHorse(at: Vec2(x, y), size: 1.7 * place(y), facing: facing)
            case .dog: addDog(at: Vec2(x, y), size: 0.6 * place(y), facing: facing)
            default: addSheep(at: Vec2(x, y), size: 0.9 * place(y), facing: facing)
            }
        }
    }

    /// A living room seen from the doorway: window, sofa, monitor on a cabinet, table and
    /// chair, a bottle on the table, a plant, and the cat.
    mutating func composeLivingRoom() {
        let floorLine = height * random(0.5, 0.56)
        fillRoom(floorLine: floorLine, wall: vary(pick([Colour(210, 200, 180), Colour(190, 200, 196), Colour(220, 210, 200)])), floor: vary(Colour(150, 104, 66)))
        window(x0: width * 0.1, y0: height * 0.1, x1: width * 0.45, y1: floorLine - height * 0.18)
        rug(center: Vec2(width * 0.5, height * 0.8), radii: Vec2(width * 0.42, height * 0.08))
        canvas.blur(sigma: 0.6)
        let cabinetTop = floorLine - height * 0.08
        cabinet(x0: width * 0.55, x1: width * 0.98, top: cabinetTop, bottom: floorLine + height * 0.04)
        addMonitor(at: Vec2(width * 0.76, cabinetTop), size: width * random(0.3, 0.36))
        addPottedPlant(at: Vec2(width * random(0.05, 0.12), floorLine + height * 0.06), size: height * random(0.22, 0.28))
        addSofa(at: Vec2(width * random(0.4, 0.5), floorLine + height * 0.1), size: width * 0.62, facing: 1)
        let tableY = height * random(0.8, 0.84)
        addChair(at: Vec2(width * random(0.1, 0.18), tableY - 4), size: height * 0.3, facing: 1)
        let cloth = chance(0.5)
        addDiningTable(at: Vec2(width * random(0.55, 0.65), tableY), size: width * 0.62, facing: 1, cloth: cloth)
        addBottle(at: Vec2(width * random(0.5, 0.75), tableY - width * 0.62 * (cloth ? 0.4 : 0.405)), size: height * random(0.12, 0.15))
        addCat(at: Vec2(width * random(0.25, 0.4), height * random(0.96, 0.99)), size: height * 0.16, facing: chance(0.5) ? 1 : -1)
    }

    /// A harbour: far shore, rippled water, a pier with a person on it, moored boats with thin
    /// masts, gulls overhead and one perched on a post.
    mutating func composeHarbour() {
        let horizon = height * random(0.4, 0.46)
        fillOutdoor(horizon: horizon, zenith: Colour(80, 130, 196), hazeColour: Colour(200, 214, 226), groundFar: Colour(60, 90, 110),
                    groundNear: Colour(40, 70, 90), groundScale: 30, groundContrast: 0.1, clouds: 0.6)
        hills(baseline: horizon + 1, amplitude: height * 0.06, colour: Colour(96, 112, 104), softness: 2)
        water(horizon: horizon, deep: Colour(30, 66, 90), reflection: Colour(150, 176, 196))
        canvas.blur(sigma: 0.8)
        let pierTop = height * random(0.62, 0.68)
        let plank = material(Colour(120, 92, 64), pattern: .mottled(Colour(90, 70, 50), scale: 10), grain: 0.1)
        scenery([Part(.box(center: Vec2(width * 0.82, pierTop + 8), half: Vec2(width * 0.2, 8)), plank)])
        for k in 0..<4 {
            let x = width * 0.64 + Float(k) * width * 0.1
            scenery([Part(.box(center: Vec2(x, pierTop + 40), half: Vec2(4, 34)), plank)])
        }
        let farY = horizon + random(10, 16)
        addBoat(at: Vec2(width * random(0.12, 0.3), farY), size: width * random(0.18, 0.24), facing: chance(0.5) ? 1 : -1, sail: true)
        let midY = horizon + random(36, 46)
        addBoat(at: Vec2(width * random(0.45, 0.55), midY), size: width * random(0.26, 0.32), facing: -1, sail: false)
        addPerson(at: Vec2(width * random(0.8, 0.9), pierTop + 2), size: height * random(0.3, 0.34), facing: -1)
        addPerchedBird(at: Vec2(width * 0.64, pierTop + 6), size: height * 0.09, facing: 1)
        let nearY = height * random(0.88, 0.93)
        addBoat(at: Vec2(width * random(0.25, 0.35), nearY), size: width * random(0.4, 0.48), facing: 1, sail: chance(0.5))
        for _ in 0..<3 {
            addFlyingBird(at: Vec2(random(0.1, 0.9) * width, random(0.08, 0.3) * height), span: height * random(0.13, 0.17), facing: chance(0.5) ? 1 : -1)
        }
    }

    /// Birds perched along overhead wires between two poles, one gull crossing, and an
    /// airliner high up: small objects on thin structures against a bright sky.
    mutating func composeBirdsOnWire() {
        fillOutdoor(horizon: height * 0.93, zenith: Colour(70, 120, 190), hazeColour: Colour(206, 214, 222), groundFar: Colour(90, 100, 70),
                    groundNear: Colour(70, 80, 50), groundScale: 20, groundContrast: 0.15, clouds: 0.8)
        tree(at: Vec2(width * random(0.7, 0.9), height * 1.02), height: height * 0.35)
        canvas.blur(sigma: 1.4)
        addAeroplane(at: Vec2(width * random(0.4, 0.6), height * random(0.1, 0.14)), size: width * random(0.36, 0.44), facing: chance(0.5) ? 1 : -1)
        let poles = [width * random(0.05, 0.12), width * random(0.88, 0.95)]
        for x in poles { pole(x: x, top: height * 0.3, bottom: height * 1.01, width: 7) }
        var wires: [(Vec2, Vec2, Float)] = []
        for k in 0..<3 {
            let y = height * (0.36 + 0.11 * Float(k))
            let a = Vec2(poles[0], y), b = Vec2(poles[1], y + random(-6, 6))
            let sag = random(14, 30)
            wire(from: a, to: b, sag: sag, width: 1.6)
            wires.append((a, b, sag))
        }
        for (a, b, sag) in wires {
            var x = a.x + random(20, 50)
            while x < b.x - 25 {
                if chance(0.6) {
                    let size = height * random(0.075, 0.09)
                    addPerchedBird(at: Vec2(x, wireY(from: a, to: b, sag: sag, at: x) + 1), size: size, facing: chance(0.5) ? 1 : -1)
                }
                x += random(30, 60)
            }
        }
        addFlyingBird(at: Vec2(width * random(0.2, 0.8), height * random(0.2, 0.26)), span: width * random(0.14, 0.2), facing: chance(0.5) ? 1 : -1)
    }

    /// A pavement café seen from close by: many classes in one frame, the way VOC images mix
    /// them, with the far ones small.
    mutating func composeCafe() {
        let horizon = height * 0.36
        fillOutdoor(horizon: horizon, zenith: Colour(120, 150, 190), hazeColour: Colour(200, 206, 210), groundFar: Colour(150, 140, 126),
                    groundNear: Colour(130, 118, 104), groundScale: 12, groundContrast: 0.14, clouds: 0.3)
        building(x0: -4, x1: width * 0.55, top: -4, bottom: horizon + 6)
        building(x0: width * 0.55, x1: width + 4, top: height * 0.06, bottom: horizon + 6)
        canvas.blur(sigma: 0.8)
        let scale = height * 0.6
        func place(_ y: Float) -> Float { pixelsPerMetre(atGround: y, horizon: horizon, bottomScale: scale) }
        let carY = horizon + height * 0.08
        addCar(at: Vec2(width * random(0.55, 0.65), carY), size: 4.4 * place(carY), facing: -1)
        let personY = height * random(0.8, 0.84)
        addPerson(at: Vec2(width * random(0.14, 0.2), personY), size: 1.75 * place(personY), facing: 1)
        let plantY = height * random(0.72, 0.76)
        addPottedPlant(at: Vec2(width * random(0.9, 0.94), plantY), size: 1.0 * place(plantY))
        let tableY = height * random(0.84, 0.88)
        addChair(at: Vec2(width * random(0.34, 0.38), tableY), size: 1.0 * place(tableY), facing: -1)
        let tableLength = 1.2 * place(tableY)
        addDiningTable(at: Vec2(width * 0.56, tableY), size: tableLength, facing: 1, cloth: true)
        addBottle(at: Vec2(width * random(0.5, 0.6), tableY - 0.4 * tableLength), size: 0.42 * place(tableY))
        addPerchedBird(at: Vec2(width * random(0.42, 0.5), height * 0.96), size: 0.25 * place(height * 0.96), facing: chance(0.5) ? 1 : -1)
        addDog(at: Vec2(width * random(0.76, 0.82), height * 0.985), size: 0.65 * place(height * 0.985), facing: -1)
        addCat(at: Vec2(width * random(0.1, 0.16), height * 0.99), size: 0.38 * place(height * 0.99), facing: 1)
    }
}

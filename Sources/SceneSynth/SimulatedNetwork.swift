import DenseCRF
import RealModule
import Randomness

/// Imitates what a fully convolutional segmentation network (FCN-8s, DeepLab-LargeFOV)
/// outputs for a scene: class scores computed on a grid `stride` pixels apart, softmax, then
/// bilinear upsampling to the image.
///
/// The network here "sees" the true class layout through a small window around each grid
/// point, and then errs the way such networks err on PASCAL VOC:
/// - boundaries are blobby and misplaced by a few pixels (coarse grid + upsampling), and thin
///   parts (legs, masts, spokes, stems) mostly vanish because they fill little of any cell;
/// - small objects are often not recognised at all;
/// - a blob of an object is given a similar class the picture also shows (cat → dog,
///   cow → horse, bus → car), since nearby features are correlated;
/// - a few spurious blobs of a pictured class appear where there is none;
/// - confidence varies in space: some regions are overconfident, right or wrong.
/// These are exactly the errors the dense CRF is meant to repair from image edges, and the
/// ones it cannot (overconfident mistakes, thin parts absent from the unary) stay.
struct SimulatedNetwork {
    /// Output stride in pixels: 8 for FCN-8s/DeepLab, 16 for coarser backbones.
    var stride = 8
    /// Width of the window each grid point sees the scene through, as a Gaussian σ in grid
    /// cells: small enough that an object filling the middle of one cell is seen.
    var receptiveField: Float = 0.4
    /// How far, in grid cells, the windows wander from their grid points (a smooth random
    /// field): boundaries come out displaced by a few pixels, differently along their length.
    var jitter: Float = 0.1
    /// Chance that an object with a confusable class elsewhere in the picture is partly
    /// confused with it.
    var confusionRate = 0.3
    /// Share of the object's evidence moved to the other class at the confused blob's centre.
    var confusionStrength: ClosedRange<Float> = 0.6...0.95
    /// Radius of the confused blob as a fraction of the object's size (square root of its
    /// area in grid cells).
    var confusionExtent: ClosedRange<Float> = 0.12...0.28
    /// How many spurious blobs to add.
    var spuriousBlobs: ClosedRange<Int> = 0...2
    /// Sharpness of the logits, log-odds per unit of log class evidence.
    var confidence: Float = 3
    /// Extra log-odds for every object class: networks trained on VOC favour objects near
    /// their outlines, so predictions spill over object boundaries.
    var objectBias: Float = 0.1
    /// Evidence added, per unit of window share, to an object the network recognises: it
    /// claims what it has recognised even where the object fills only part of the window.
    var recognitionGain: Float = 0.6
    /// How much sharper the logits get where a recognised object fills the window: networks
    /// are most certain in the middle of what they recognise. Scaling all logits of a cell
    /// leaves its argmax, so this sets confidence without moving boundaries.
    var recognitionConfidence: Float = 1.5
    /// Square roots of the areas (pixels) below which an object is never and above which it
    /// is always recognised; in between the chance rises linearly. Small objects are what
    /// FCNs miss most.
    var recognitionSize: ClosedRange<Float> = 8...28
    /// Logit noise amplitude per class.
    var logitNoise: Float = 0.3

    /// Label-major (L, H·W) probabilities for `scene`.
    func predict(_ scene: Scene, seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed, stream: "network")
        let canvas = scene.canvas
        let l = canvas.classCount
        let gw = (canvas.width + stride - 1) / stride, gh = (canvas.height + stride - 1) / stride
        let cells = gw * gh
        let seen = look(at: canvas, instances: scene.instances.count, gw: gw, gh: gh, rng: &rng)
        var evidence = seen.evidence
        let share = seen.share
        let recognised = recognise(&evidence, share: share, scene: scene, cells: cells, rng: &rng)
        confuse(&evidence, share: share, scene: scene, gw: gw, gh: gh, rng: &rng)
        addSpuriousBlobs(&evidence, scene: scene, gw: gw, gh: gh, rng: &rng)

        // Logits κ(x)·log(f + ε) + bias + noise, κ varying smoothly: over- and under-confident areas.
        let confidenceField = ValueNoise(seed: rng.next())
        let classNoise = ValueNoise(seed: rng.next())
        var coarse = [Float](repeating: 0, count: l * cells)
        var logits = [Float](repeating: 0, count: l)
        for gy in 0..<gh {
            for gx in 0..<gw {
                let cell = gy * gw + gx
                let kappa = confidence * (1 + recognitionConfidence * recognised[cell])
                    * Float.exp(0.55 * confidenceField.fractal(Float(gx) / 5, Float(gy) / 5, octaves: 2))
                var top = -Float.infinity
                for c in 0..<l {
                    let n = classNoise.fractal(Float(gx) / 3 + Float(c) * 37.1, Float(gy) / 3, octaves: 2)
                    logits[c] = kappa * Float.log(max(evidence[c * cells + cell], 0) + 0.05) + logitNoise * n + (c == 0 ? 0 : objectBias)
                    top = max(top, logits[c])
                }
                var sum: Float = 0
                for c in 0..<l {
                    logits[c] = Float.exp(logits[c] - top)
                    sum += logits[c]
                }
                for c in 0..<l { coarse[c * cells + cell] = logits[c] / sum }
            }
        }
        return upsample(coarse, classes: l, gw: gw, gh: gh, width: canvas.width, height: canvas.height)
    }

    /// What each grid point sees: class evidence (class-major, L × cells) and each instance's
    /// share of the window (cell-major, cells × instances), both Gaussian-weighted around the
    /// grid point's displaced centre.
    func look(at canvas: SceneCanvas, instances: Int, gw: Int, gh: Int, rng: inout SplitMix64) -> (evidence: [Float], share: [Float]) {
        let l = canvas.classCount
        let cells = gw * gh
        let sigma = receptiveField * Float(stride)
        let radius = Int((2.5 * sigma).rounded(.up))
        let wander = ValueNoise(seed: rng.next())
        var evidence = [Float](repeating: 0, count: l * cells)
        var share = [Float](repeating: 0, count: cells * max(instances, 1))
        for gy in 0..<gh {
            for gx in 0..<gw {
                let cell = gy * gw + gx
                let dx = jitter * Float(stride) * wander.fractal(Float(gx) / 4, Float(gy) / 4, octaves: 2)
                let dy = jitter * Float(stride) * wander.fractal(Float(gx) / 4 + 71.3, Float(gy) / 4 - 19.1, octaves: 2)
                let cx = (Float(gx) + 0.5) * Float(stride) + dx, cy = (Float(gy) + 0.5) * Float(stride) + dy
                let x0 = max(0, Int(cx) - radius), x1 = min(canvas.width - 1, Int(cx) + radius)
                let y0 = max(0, Int(cy) - radius), y1 = min(canvas.height - 1, Int(cy) + radius)
                guard x0 <= x1, y0 <= y1 else { evidence[cell] = 1; continue }
                var total: Float = 0
                for y in y0...y1 {
                    for x in x0...x1 {
                        let ex = Float(x) + 0.5 - cx, ey = Float(y) + 0.5 - cy
                        let w = Float.exp(-(ex * ex + ey * ey) / (2 * sigma * sigma))
                        let i = y * canvas.width + x
                        total += w
                        for c in 0..<l { evidence[c * cells + cell] += w * canvas.mass[i * l + c] }
                        let id = Int(canvas.instance[i])
                        if id >= 0 { share[cell * instances + id] += w }
                    }
                }
                for c in 0..<l { evidence[c * cells + cell] /= total }
                for id in 0..<instances { share[cell * instances + id] /= total }
            }
        }
        return (evidence, share)
    }

    /// Strengthens the evidence of each object the network recognises, in proportion to the
    /// object's share of each window, then renormalises; unrecognised objects keep only their
    /// raw, usually losing, share. Returns the share of recognised objects in each window.
    func recognise(_ evidence: inout [Float], share: [Float], scene: Scene, cells: Int, rng: inout SplitMix64) -> [Float] {
        var recognised = [Float](repeating: 0, count: cells)
        let instances = scene.instances.count
        guard instances > 0 else { return recognised }
        var area = [Float](repeating: 0, count: instances)
        for id in scene.canvas.instance where id >= 0 { area[Int(id)] += 1 }
        let (low, high) = (recognitionSize.lowerBound, recognitionSize.upperBound)
        for (id, cls) in scene.instances.enumerated() {
            let chance = min(max((area[id].squareRoot() - low) / (high - low), 0), 1)
            guard rng.chance(Double(chance)) else { continue }
            let own = scene.label(cls)
            for cell in 0..<cells {
                evidence[own * cells + cell] += recognitionGain * share[cell * instances + id]
                recognised[cell] += share[cell * instances + id]
            }
        }
        let l = scene.classes.count
        for cell in 0..<cells {
            var sum: Float = 0
            for c in 0..<l { sum += evidence[c * cells + cell] }
            for c in 0..<l { evidence[c * cells + cell] /= sum }
        }
        return recognised
    }

    /// Moves part of some objects' class evidence to a confusable class in the label set:
    /// a Gaussian blob centred on a random cell of the object, covering a minority of it, in
    /// which the other class wins. Real networks confuse regions (the head of a dog read as a
    /// cat's), not scattered pixels, and the CRF can only mend such a region when the rest of
    /// the object outvotes it.
    func confuse(_ evidence: inout [Float], share: [Float], scene: Scene, gw: Int, gh: Int, rng: inout SplitMix64) {
        let cells = gw * gh
        let instances = scene.instances.count
        let pictured = Set(scene.instances)
        for (id, cls) in scene.instances.enumerated() {
            // Only classes the picture also shows: their features are active nearby, and a
            // class absent from the truth would turn one confused blob into a whole zero in
            // the per-image mean IoU, swamping the boundary effects the samples are for.
            let options = cls.confusable.filter { pictured.contains($0) }
            guard !options.isEmpty, rng.chance(confusionRate) else { continue }
            let inside = (0..<cells).filter { share[$0 * instances + id] > 0.5 }
            guard !inside.isEmpty else { continue }
            let other = scene.label(rng.pick(options))
            let own = scene.label(cls)
            let centre = rng.pick(inside)
            let radius = Float(Double(inside.count).squareRoot() * rng.uniform(Double(confusionExtent.lowerBound), Double(confusionExtent.upperBound)))
            let strength = Float(rng.uniform(Double(confusionStrength.lowerBound), Double(confusionStrength.upperBound)))
            let (cx, cy) = (Float(centre % gw), Float(centre / gw))
            for cell in 0..<cells where share[cell * instances + id] > 0 {
                let dx = Float(cell % gw) - cx, dy = Float(cell / gw) - cy
                let t = strength * Float.exp(-(dx * dx + dy * dy) / (2 * radius * radius))
                let moved = min(evidence[own * cells + cell], t * share[cell * instances + id])
                evidence[own * cells + cell] -= moved
                evidence[other * cells + cell] += moved
            }
        }
    }

    /// Adds a few Gaussian bumps of class evidence at random places, then renormalises: the
    /// false positives of a real network. The class is one the picture does contain (a
    /// network that has seen cows calls more things cows); classes it does not contain enter
    /// the prediction only through confusions.
    func addSpuriousBlobs(_ evidence: inout [Float], scene: Scene, gw: Int, gh: Int, rng: inout SplitMix64) {
        let l = scene.classes.count
        let cells = gw * gh
        let count = spuriousBlobs.lowerBound + rng.index(below: spuriousBlobs.count)
        for _ in 0..<count {
            guard !scene.instances.isEmpty else { break }
            let c = scene.label(rng.pick(scene.instances))
            let cx = Float(rng.uniform(0, Double(gw))), cy = Float(rng.uniform(0, Double(gh)))
            let radius = Float(rng.uniform(0.8, 2.2))
            let amplitude = Float(rng.uniform(0.3, 1))
            for gy in 0..<gh {
                for gx in 0..<gw {
                    let dx = Float(gx) - cx, dy = Float(gy) - cy
                    evidence[c * cells + gy * gw + gx] += amplitude * Float.exp(-(dx * dx + dy * dy) / (2 * radius * radius))
                }
            }
        }
        for cell in 0..<cells {
            var sum: Float = 0
            for c in 0..<l { sum += evidence[c * cells + cell] }
            for c in 0..<l { evidence[c * cells + cell] /= sum }
        }
    }

    /// Bilinear interpolation of the grid to pixels, grid point (gx, gy) sitting at the centre
    /// of its cell, as `align_corners=False` upsampling does.
    func upsample(_ coarse: [Float], classes l: Int, gw: Int, gh: Int, width w: Int, height h: Int) -> [Float] {
        let cells = gw * gh
        let n = w * h
        var out = [Float](repeating: 0, count: l * n)
        let s = Float(stride)
        for y in 0..<h {
            let v = min(max((Float(y) + 0.5) / s - 0.5, 0), Float(gh - 1))
            let y0 = Int(v), y1 = min(y0 + 1, gh - 1)
            let ty = v - Float(y0)
            for x in 0..<w {
                let u = min(max((Float(x) + 0.5) / s - 0.5, 0), Float(gw - 1))
                let x0 = Int(u), x1 = min(x0 + 1, gw - 1)
                let tx = u - Float(x0)
                for c in 0..<l {
                    let base = c * cells
                    let top = coarse[base + y0 * gw + x0] * (1 - tx) + coarse[base + y0 * gw + x1] * tx
                    let bottom = coarse[base + y1 * gw + x0] * (1 - tx) + coarse[base + y1 * gw + x1] * tx
                    out[c * n + y * w + x] = top * (1 - ty) + bottom * ty
                }
            }
        }
        return out
    }
}

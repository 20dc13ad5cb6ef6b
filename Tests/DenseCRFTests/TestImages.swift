import RealModule
import DenseCRF

/// Small deterministic inputs for engine tests.
enum TestImages {
    /// A tiny xorshift generator so fixtures are the same on every machine.
    struct Random {
        var state: UInt64
        init(seed: UInt64) { state = seed | 1 }
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func float() -> Float { Float(next() >> 40) / Float(1 << 24) }
    }

    /// Two colour regions (left dark, right bright) with noise: bilateral edges to respect.
    static func twoRegions(width: Int, height: Int, seed: UInt64 = 7) -> RGBImage {
        var rng = Random(seed: seed)
        var px = [UInt8]()
        for _ in 0..<height {
            for x in 0..<width {
                let base: Float = x < width / 2 ? 50 : 200
                for c in 0..<3 {
                    let v = base + Float(c) * 10 + (rng.float() - 0.5) * 30
                    px.append(UInt8(max(0, min(255, v))))
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: px)
    }

    /// Noisy probabilities that mostly favour the true two-region labelling.
    static func noisyProbabilities(width: Int, height: Int, labels: Int, seed: UInt64 = 11) -> [Float] {
        var rng = Random(seed: seed)
        let n = width * height
        var p = [Float](repeating: 0, count: labels * n)
        for y in 0..<height {
            for x in 0..<width {
                let truth = x < width / 2 ? 0 : 1
                var row = (0..<labels).map { _ in rng.float() }
                row[truth] += 0.6
                let s = row.reduce(0, +)
                for l in 0..<labels { p[l * n + y * width + x] = row[l] / s }
            }
        }
        return p
    }
}

import RealModule

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", 2014):
/// a 64-bit counter passed through a bijective mixing function.
///
/// Everything seeded in crfview (k-means++ initialisation, the sample generator) draws from
/// this one generator so that a seed means the same numbers on every machine and Swift
/// version. It deliberately does not conform to `RandomNumberGenerator`: the standard
/// library's `random(in:using:)` and `shuffled(using:)` may change how they consume bits
/// between releases, which would silently change committed sample files.
public struct SplitMix64: Sendable, Equatable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one named purpose under `seed`, so that adding or reordering draws for
    /// one purpose never shifts the numbers another purpose sees.
    public init(seed: UInt64, stream name: String) {
        // FNV-1a over the name, then one SplitMix step to spread it over all 64 bits.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        var mixer = SplitMix64(seed: seed ^ h)
        state = mixer.next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits (every representable step of a Double there).
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniform()
    }

    /// Uniform integer in 0..<bound, without modulo bias (Lemire's multiply-and-reject, 2019).
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// A standard normal deviate (Box–Muller; one of the pair is discarded so that each call
    /// consumes exactly two draws and streams stay aligned).
    public mutating func normal() -> Double {
        let u1 = 1 - uniform()   // (0, 1]: log stays finite
        let u2 = uniform()
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * .pi * u2)
    }

    /// One element of a non-empty array, uniformly.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[index(below: items.count)]
    }
}

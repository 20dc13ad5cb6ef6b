import DenseCRF
import Randomness

/// Seeded 2-D value noise and its fractal sum, the texture of every synthetic surface.
///
/// Value noise (random values on an integer lattice, blended with the quintic fade
/// 6t⁵ − 15t⁴ + 10t³ so the result has continuous second derivatives) is cheap and has no
/// directional artefacts at the scales used here. Lattice values come from hashing the cell
/// coordinates with the seed, not from a table, so any region can be evaluated independently
/// and the same seed gives the same texture everywhere.
public struct ValueNoise: Sendable {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// Noise in [−1, 1] at (x, y), in lattice units (one cell per unit).
    public func value(_ x: Float, _ y: Float) -> Float {
        let fx = x.rounded(.down), fy = y.rounded(.down)
        let ix = Int64(fx), iy = Int64(fy)
        let tx = Self.fade(x - fx), ty = Self.fade(y - fy)
        let a = lattice(ix, iy), b = lattice(ix + 1, iy)
        let c = lattice(ix, iy + 1), d = lattice(ix + 1, iy + 1)
        let top = a + (b - a) * tx
        let bottom = c + (d - c) * tx
        return top + (bottom - top) * ty
    }

    /// Fractional Brownian motion: `octaves` layers of noise, each at twice the frequency and
    /// `gain` times the amplitude of the last, normalised back to about [−1, 1]. Natural
    /// textures (grass, fur, clouds, water) have this 1/f-like spectrum.
    public func fractal(_ x: Float, _ y: Float, octaves: Int = 4, gain: Float = 0.5) -> Float {
        var sum: Float = 0, amplitude: Float = 1, total: Float = 0
        var px = x, py = y
        for octave in 0..<octaves {
            // Each octave is shifted so lattice points of different octaves do not line up.
            sum += amplitude * value(px + Float(octave) * 17.13, py - Float(octave) * 9.71)
            total += amplitude
            amplitude *= gain
            px *= 2.03
            py *= 2.03
        }
        return sum / total
    }

    @inline(__always)
    static func fade(_ t: Float) -> Float { t * t * t * (t * (t * 6 - 15) + 10) }

    /// The lattice value of cell (ix, iy): a SplitMix64-style finaliser over the coordinates
    /// and the seed, mapped to [−1, 1].
    @inline(__always)
    func lattice(_ ix: Int64, _ iy: Int64) -> Float {
        var z = seed &+ UInt64(bitPattern: ix) &* 0x9e37_79b9_7f4a_7c15 &+ UInt64(bitPattern: iy) &* 0xc2b2_ae3d_27d4_eb4f
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return Float(z >> 40) * (2 / Float(1 << 24)) - 1
    }
}

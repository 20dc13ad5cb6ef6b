import CRFTestSupport
import DenseCRF

/// Small deterministic inputs for engine tests: `TwoRegions` with noise.
enum TestImages {
    /// Two colour regions (left dark, right bright) with noise: bilateral edges to respect.
    static func twoRegions(width: Int, height: Int, seed: UInt64 = 7) -> RGBImage {
        var random = XorShift(seed: seed)
        return TwoRegions(width: width, height: height, left: (50, 60, 70), right: (200, 210, 220)).noisyImage(amplitude: 30, random: &random)
    }

    /// Noisy probabilities that mostly favour the true two-region labelling.
    static func noisyProbabilities(width: Int, height: Int, labels: Int, seed: UInt64 = 11) -> [Float] {
        var random = XorShift(seed: seed)
        return TwoRegions(width: width, height: height).probabilities(labels: labels, boost: 0.6, random: &random)
    }
}

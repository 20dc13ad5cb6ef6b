import CRFTestSupport
@testable import DenseCRF
import Testing

@Suite struct SoftmaxRowsTests {
    /// Two-label rows go through a swizzled 4-pixel path; it must give the general row loop's
    /// floats to the bit (the larger logit subtracted, eˣ, multiplied by 1 / (e₀ + e₁)), for
    /// tails below one vector, ties, and logits far apart.
    @Test func twoLabelSoftmaxMatchesTheRowLoop() {
        var rng = XorShift(seed: 5)
        var logits: [Float] = (0..<(2 * 23)).map { _ in rng.float() * 40 - 20 }
        logits[6] = logits[7]
        logits[8] = -90
        logits[9] = 90
        var q = logits
        SoftmaxRows.softmax(&q, count: 23, 2)
        for i in 0..<23 {
            let (a, b) = (logits[2 * i], logits[2 * i + 1])
            let m = b > a ? b : a
            let e = VectorKernels.exp8(SIMD8(a - m, b - m, 0, 0, 0, 0, 0, 0))
            let inv = 1 / (e[0] + e[1])
            #expect(q[2 * i] == e[0] * inv && q[2 * i + 1] == e[1] * inv, "pixel \(i)")
        }
    }
}

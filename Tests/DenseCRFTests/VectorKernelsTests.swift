import CRFTestSupport
import Foundation
import Testing
@testable import DenseCRF

@Suite struct VectorKernelsTests {
    /// ln over every binade of positive normal floats (the smallest normal to the largest
    /// finite, 4096 values each, both ends included) and densely around 1, where ln crosses 0
    /// and the polynomial does all the work: within 1 ulp of the Double log (0.72 at worst when
    /// written; glibc's logf is 0.81 on the same values).
    @Test func log8MatchesFoundationLog() {
        var xs: [Float] = [.leastNormalMagnitude, .greatestFiniteMagnitude, 1, 0.70710677, 0.70710683, 2, 0.5, 1e-20]
        var binade = Float.leastNormalMagnitude
        while binade.isFinite {
            for k in 0..<4096 { xs.append(binade + Float(k) * binade.ulp * 2048) }
            binade *= 2
        }
        xs += (-20_000...20_000).map { 1 + Float($0) * 0.5e-5 }
        var worst = 0.0, worstX: Float = 0
        for start in stride(from: 0, to: xs.count - 7, by: 8) {
            let y = VectorKernels.log8(SIMD8(xs[start..<(start + 8)]))
            for i in 0..<8 {
                let x = xs[start + i]
                let exact = Foundation.log(Double(x))
                // Relative to the ulp of the exact result: a relative error would blow up at ln 1 = 0.
                let ulps = abs(Double(y[i]) - exact) / Double(Float(exact).ulp)
                if ulps > worst { (worst, worstX) = (ulps, x) }
            }
        }
        #expect(xs.count > 1_000_000)
        #expect(worst <= 1, "log8 is \(worst) ulp off at \(worstX)")
    }

    /// The free-energy sum against the same sum in Double with libm's log, over lengths below
    /// one vector and past several 512-value blocks (neither a multiple of 8), with zeros and
    /// values below the 10⁻²⁰ clamp among Q: within 10⁻⁶ of the sum of the terms' magnitudes.
    @Test(arguments: [5, 3 * 512 + 8 * 5 + 5])
    func freeEnergyMatchesDoubleSum(_ n: Int) {
        var rng = XorShift(seed: 11)
        let q: [Float] = (0..<n).map { i in i % 97 == 3 ? 0 : i % 89 == 2 ? 1e-30 : rng.float() }
        let u: [Float] = (0..<n).map { _ in rng.float() * 20 - 5 }
        let a: [Float] = (0..<n).map { _ in rng.float() * 10 - 8 }
        var exact = 0.0, magnitude = 0.0
        for i in 0..<n {
            let p = Double(q[i])
            let terms = [p * Foundation.log(max(p, 1e-20)), p * Double(u[i]), p * Double(a[i])]
            exact += terms.reduce(0, +)
            magnitude += terms.reduce(0) { $0 + abs($1) }
        }
        let sum = VectorKernels.freeEnergy(q, u, a, n)
        #expect(abs(sum - exact) <= 1e-6 * magnitude, "\(sum) vs \(exact)")
    }

    /// A combination of matrix rows held in registers gives `scale` and `axpy` row by row to the
    /// bit, at every length up to 24, accumulating or not, with either sign, and changes nothing
    /// of out past its n values.
    @Test(arguments: 1...24)
    func combinationMatchesRowByRowAxpy(_ n: Int) {
        var rng = XorShift(seed: UInt64(n))
        let count = n, width = (n + 7) / 8 * 8
        let matrix: [Float] = (0..<(count * n)).map { _ in rng.float() * 2 - 1 }
        let padded: [Float] = (0..<(count * width)).map { e in e % width < n ? matrix[e / width * n + e % width] : 0 }
        let c: [Float] = (0..<count).map { _ in rng.float() * 4 - 2 }
        let start: [Float] = (0..<(n + 9)).map { _ in rng.float() - 0.5 }
        for accumulate in [false, true] {
            for sign: Float in [1, -1] {
                var expected = start
                expected.withUnsafeMutableBufferPointer { out in
                    matrix.withUnsafeBufferPointer { mu in
                        if !accumulate { VectorKernels.scale(out.baseAddress!, mu.baseAddress!, sign * c[0], n) }
                        for b in (accumulate ? 0 : 1)..<count {
                            VectorKernels.axpy(out.baseAddress!, mu.baseAddress! + b * n, sign * c[b], n)
                        }
                    }
                }
                var got = start
                got.withUnsafeMutableBufferPointer { out in
                    VectorKernels.combination(of: padded, rowWidth: width, c, sign: sign, count: count, n: n, into: out.baseAddress!,
                                              accumulate: accumulate)
                }
                #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "n \(n), accumulate \(accumulate), sign \(sign)")
            }
        }
    }
}

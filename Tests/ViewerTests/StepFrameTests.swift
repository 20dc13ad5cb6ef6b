import CRFTestSupport
import DenseCRF
import Foundation
import Testing
@testable import Viewer

@Suite struct StepFrameTests {
    /// A frame's Q is the inference's Q to the nearest fixed-point code, over more values than
    /// one chunk of the parallel conversion (64·48 pixels, 24 labels: 73 728 values); q·65535 is
    /// rounded in Float first, which can move it by 65535·2⁻²⁴ < 0.004 of a code.
    @Test func fixedPointQIsTheNearestCode() throws {
        let (w, h, l) = (64, 48, 24)
        let scene = TwoRegions(width: w, height: h, leftLabel: 3, rightLabel: 17)
        var random = XorShift(seed: 5)
        let unary = try UnaryEnergies(probabilities: scene.probabilities(labels: l, boost: 0.5, random: &random), labels: l, pixels: w * h)
        let inference = MeanFieldInference(model: try DenseCRF(image: scene.image, unary: unary, parameters: CRFParameters()),
                                           tracksEnergy: false)
        inference.step()
        let frame = StepFrame(inference, size: Size(width: w, height: h))
        let q = inference.marginals.values
        #expect(frame.q.count == q.count)
        let worst = zip(frame.q, q).map { abs(Double($0) - Double($1) * 65535) }.max()!
        #expect(worst <= 0.504, "a code is \(worst) steps from q·65535")
    }

    /// The uncertainty view is H/ln L per pixel, H = −Σ p ln p of the frame's own codes, within
    /// one code of the same sum in Double, over more pixels than one chunk of the parallel loop;
    /// a certain pixel is exactly 0 and a uniform one the top code.
    @Test func uncertaintyIsEntropyOverLogL() {
        let (l, n) = (5, 6000)
        var random = XorShift(seed: 9)
        var q: [UInt16] = [65535, 0, 0, 0, 0] + [UInt16](repeating: 13107, count: l)
        for i in 2..<n {
            let w = (0..<l).map { k in (i + k) % 4 == 0 ? 0 : random.float() + 1e-3 }
            let s = w.reduce(0, +)
            q += w.map { StepFrame.fixed($0 / s) }
        }
        let frame = StepFrame(iteration: 0, changed: 0, width: 100, height: 60, labelCount: l,
                              labels: [UInt16](repeating: 0, count: n), q: q)
        #expect(frame.uncertainty.count == n)
        #expect(frame.uncertainty[0] == 0)
        #expect(frame.uncertainty[1] >= 65534)
        let worst = (0..<n).map { i in
            let entropy = (0..<l).reduce(0.0) { sum, k in
                let p = Double(q[i * l + k]) / 65535
                return p > 0 ? sum - p * Foundation.log(p) : sum
            }
            return abs(Double(frame.uncertainty[i]) - min(1, entropy / Foundation.log(Double(l))) * 65535)
        }.max()!
        #expect(worst <= 1, "uncertainty is \(worst) codes off")
    }
}

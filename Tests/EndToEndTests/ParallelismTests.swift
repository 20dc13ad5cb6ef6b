import CRFIO
import CRFTestSupport
import DenseCRF
import Foundation
import Testing

/// The engine's parallel loops change nothing but the time: the same run with one worker and
/// with two gives the same Q. Each count is its own process (`CRFVIEW_THREADS`), so no test
/// changes the worker count of the process other tests run in.
@Suite struct ParallelismTests {
    @Test func singleThreadAgreesWithParallel() throws {
        let tmp = try TemporaryFolder()
        // Large enough that the mean-field loops split their work (above their grain sizes);
        // the lattice build splits only larger images, which PermutohedralLatticeTests check.
        let scene = TwoRegions(width: 90, height: 70)
        var random = XorShift(seed: 11)
        try ImageFile.writePNG(scene.image, to: tmp.file("image.png"))
        try NPYFile.write(NPYArray(shape: [3, 70, 90], values: scene.probabilities(labels: 3, boost: 0.6, random: &random)), to: tmp.file("p.npy"))
        var q: [[Float]] = []
        for threads in ["1", "2"] {
            let out = tmp.file("q\(threads).npy")
            let r = try CRFViewProcess.run(["infer", tmp.file("image.png"), "--probs", tmp.file("p.npy"), "--iterations", "3", "--out-probs", out],
                                           environment: ["CRFVIEW_THREADS": threads])
            #expect(r.status == 0, "\(r.stderr)")
            q.append(try NPYFile.read(out).values)
        }
        let worst = zip(q[0], q[1]).map { abs($0 - $1) }.max()!
        #expect(q[0].count == 3 * 90 * 70 && worst < 1e-6)
    }
}

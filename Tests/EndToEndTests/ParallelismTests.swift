import CRFIO
import CRFTestSupport
import DenseCRF
import Foundation
import Testing

/// The engine's parallel loops change nothing but the time: the same run with one, two and four
/// workers gives the same Q, to the bit. Each count is its own process (`CRFVIEW_THREADS`), so
/// no test changes the worker count of the process other tests run in.
@Suite struct ParallelismTests {
    @Test func singleThreadAgreesWithParallel() throws {
        let tmp = try TemporaryFolder()
        // Large enough that the mean-field loops split their work (above their grain sizes) and
        // that four workers split each half of the splat by point (over 2 048 lattice points);
        // the lattice build splits only larger images, which PermutohedralLatticeTests check.
        let scene = TwoRegions(width: 160, height: 120)
        var random = XorShift(seed: 11)
        try ImageFile.writePNG(scene.image, to: tmp.file("image.png"))
        try NPYFile.write(NPYArray(shape: [5, 120, 160], values: scene.probabilities(labels: 5, boost: 0.6, random: &random)), to: tmp.file("p.npy"))
        var q: [[Float]] = []
        for threads in ["1", "2", "4"] {
            let out = tmp.file("q\(threads).npy")
            let r = try CRFViewProcess.run(["infer", tmp.file("image.png"), "--probs", tmp.file("p.npy"), "--iterations", "3", "--out-probs", out],
                                           environment: ["CRFVIEW_THREADS": threads])
            #expect(r.status == 0, "\(r.stderr)")
            q.append(try NPYFile.read(out).values)
        }
        #expect(q[0].count == 5 * 160 * 120)
        #expect(q[1] == q[0], "two workers")
        #expect(q[2] == q[0], "four workers")
    }
}

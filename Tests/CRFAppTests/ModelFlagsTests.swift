@testable import CRFApp
import CRFIO
import CRFTestSupport
import DenseCRF
import Foundation
import Testing

/// The command line's model: flags over a params file, each bad value reported against the
/// flag or the file it came from.
@Suite struct ModelFlagsTests {
    func failure(_ flags: ModelFlags, labels: Int = 2) -> CLIFailure? {
        #expect(throws: CLIFailure.self) { try flags.choice().resolve(labels) }
    }

    @Test func flagsOverrideTheParamsFile() throws {
        let tmp = try TemporaryFolder()
        let params = try tmp.write("p.json", #"{"gaussian": {"sxy": 5, "compat": 2}, "bilateral": {"sxy": 50, "srgb": 9, "compat": 4}, "iterations": 7, "clip": 0.001}"#)
        var flags = ModelFlags()
        flags.paramsFile = params
        flags.bilateralSrgb = 20
        flags.gaussianCompat = "1,2,3"
        flags.noBilateral = false
        let (p, unary) = try flags.choice().resolve(3)
        #expect(p.gaussian?.sxy == 5 && p.gaussian?.compat == .diagonal([1, 2, 3]))
        #expect(p.bilateral?.sxy == 50 && p.bilateral?.srgb == 20 && p.bilateral?.compat == .potts(4))
        #expect(p.iterations == 7 && unary.clip == 0.001)
        flags.noGaussian = true
        #expect(try flags.choice().resolve(3).0.gaussian == nil)
        #expect(try flags.inputFiles() == [params])
    }

    /// A colour width so small that the scaled features overflow (1/1e-39 · 255 > Float's
    /// range) is refused, naming the flag, before any model is built. In release builds a
    /// precondition would not catch it and the lattice would fill with infinities.
    @Test func aDenormalColourWidthIsRefused() {
        var flags = ModelFlags()
        flags.bilateralSrgb = 1e-39
        let f = failure(flags)
        #expect(f?.subject == "--bilateral-srgb")
        #expect(f?.message == "width must be at least 7.4937774e-37 (smaller widths make the scaled features overflow), got 1e-39")
        flags.bilateralSrgb = 7.5e-37
        #expect(throws: Never.self) { try flags.choice().resolve(2) }
    }

    @Test func eachBadValueNamesItsFlag() throws {
        var flags = ModelFlags()
        flags.iterations = -1
        #expect(failure(flags) == CLIFailure("--iterations", "must be at least 0, got -1"))
        flags = ModelFlags()
        flags.clip = 1
        #expect(failure(flags) == CLIFailure("--clip", "clip must be in (0, 1), got 1.0"))
        flags = ModelFlags()
        flags.bilateralCompat = "x"
        #expect(failure(flags) == CLIFailure("--bilateral-compat", "expected a number, a comma list of numbers or an LxL .npy file, got 'x'"))
        flags.bilateralCompat = "1,2,3"
        #expect(failure(flags)?.subject == "--bilateral-compat")
    }
}

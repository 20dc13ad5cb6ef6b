@testable import DenseCRF
import Synchronization
import Testing

/// A model whose build is cancelled stops building its lattices soon after, instead of
/// finishing work the viewer will throw away.
@Suite struct BuildCancellationTests {
    /// Answers false for its first `after` questions and true from then on, counting them.
    final class Canceller: Sendable {
        let after: Int
        let asked = Atomic<Int>(0)
        init(after: Int) { self.after = after }
        func callAsFunction() -> Bool { asked.add(1, ordering: .relaxed).newValue > after }
    }

    static func problem(width: Int = 320, height: Int = 240) throws -> (RGBImage, UnaryEnergies) {
        let image = TestImages.twoRegions(width: width, height: height)
        let p = TestImages.noisyProbabilities(width: width, height: height, labels: 3)
        return (image, try UnaryEnergies(probabilities: p, labels: 3, pixels: width * height))
    }

    @Test func aCancelledBuildStopsAndThrows() throws {
        let (image, unary) = try Self.problem()
        // An uncancelled build asks hundreds of times (every 1024 pixels or points in each of
        // its loops, for two kernels): 76 800 pixels give 75 questions per kernel's pixel loop alone.
        let full = Canceller(after: .max)
        _ = try DenseCRF(image: image, unary: unary, parameters: CRFParameters(), cancelled: { full() })
        let uncancelled = full.asked.load(ordering: .relaxed)
        #expect(uncancelled > 150)

        let canceller = Canceller(after: 10)
        #expect(throws: CRFError.cancelled) {
            try DenseCRF(image: image, unary: unary, parameters: CRFParameters(), cancelled: { canceller() })
        }
        // After the first true answer each chunk of the running loop (at most 4 per worker)
        // asks once more before giving up, and each kernel's build checks once after it.
        let asked = canceller.asked.load(ordering: .relaxed)
        let bound = 10 + 2 * (4 * Parallelism.workerCount + 1)
        #expect(asked <= bound, "asked \(asked) times after cancelling at 10 (\(uncancelled) uncancelled)")
    }

    /// Answers true to its `at`th question only.
    final class OnceTrue: Sendable {
        let at: Int
        let asked = Atomic<Int>(0)
        init(at: Int) { self.at = at }
        func callAsFunction() -> Bool { asked.add(1, ordering: .relaxed).newValue == at }
    }

    /// A lattice whose pixel loop was stopped has pixels it never located, so it is dropped
    /// even if `cancelled`, against its contract, answers false again afterwards.
    @Test func aStoppedPixelLoopDropsTheLatticeWhateverCancelledSaysLater() {
        let features = KernelFeatures.gaussian(width: 320, height: 240, sxy: 3)
        // One pixel range, asked every 1024 pixels: the third question stops it at pixel 2048.
        let once = OnceTrue(at: 3)
        #expect(PermutohedralLattice(features: features, dimension: 2, cancelled: { once() }, chunks: 1) == nil)
        #expect(once.asked.load(ordering: .relaxed) >= 3)
    }

    @Test func aBuildThatIsNeverCancelledIsTheUsualModel() throws {
        let (image, unary) = try Self.problem(width: 60, height: 40)
        let plain = try DenseCRF(image: image, unary: unary, parameters: CRFParameters())
        let asked = try DenseCRF(image: image, unary: unary, parameters: CRFParameters(), cancelled: { false })
        #expect(plain.terms.map(\.kernel.lattice.pointCount) == asked.terms.map(\.kernel.lattice.pointCount))
        let a = MeanFieldInference(model: plain, tracksEnergy: false), b = MeanFieldInference(model: asked, tracksEnergy: false)
        a.run(3)
        b.run(3)
        #expect(a.marginals == b.marginals)
    }
}

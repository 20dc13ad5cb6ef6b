import DenseCRF
import Testing

@Suite struct KMeansSeparationTests {
    /// A noisy two-colour image: the two clusters are the two colours.
    static func twoColours() -> RGBImage {
        var rng = TestImages.Random(seed: 3)
        var px = [UInt8]()
        for y in 0..<30 {
            for x in 0..<40 {
                let red = (x / 8 + y / 6) % 2 == 0
                let base: [Float] = red ? [200, 40, 40] : [40, 60, 200]
                px += base.map { UInt8(max(0, min(255, $0 + (rng.float() - 0.5) * 20))) }
            }
        }
        return RGBImage(width: 40, height: 30, pixels: px)
    }

    @Test func separatesTwoColours() throws {
        let image = Self.twoColours()
        let source = try KMeansUnary.probabilities(image: image, clusters: 2, seed: 7, positionWeight: 0)
        guard case .probabilities(let p, 2) = source else {
            Issue.record("expected 2-class probabilities")
            return
        }
        let n = image.pixelCount
        let labels = (0..<n).map { p[$0] >= p[n + $0] ? 0 : 1 }
        let isRed = (0..<n).map { image.pixels[3 * $0] > 120 }
        let agreeA = zip(labels, isRed).filter { ($0 == 0) == $1 }.count
        #expect(agreeA == n || agreeA == 0, "clusters split the colours: \(agreeA) of \(n)")
        #expect((0..<n).allSatisfy { abs(p[$0] + p[n + $0] - 1) < 1e-4 })
    }

    @Test func deterministicForASeed() throws {
        let image = Self.twoColours()
        #expect(try KMeansUnary.probabilities(image: image, clusters: 3, seed: 1) == KMeansUnary.probabilities(image: image, clusters: 3, seed: 1))
    }

    @Test func rejectsTooFewClusters() {
        #expect(throws: CRFError.self) { try KMeansUnary.probabilities(image: Self.twoColours(), clusters: 1) }
    }
}

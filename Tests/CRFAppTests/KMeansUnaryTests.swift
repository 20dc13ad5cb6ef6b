import Testing
@testable import CRFApp
import DenseCRF
import Randomness

@Suite struct KMeansUnaryTests {
    /// A noisy left half of dark red and right half of light blue.
    static func twoColours(width: Int = 40, height: Int = 30, seed: UInt64 = 3) -> RGBImage {
        var rng = SplitMix64(seed: seed)
        var pixels: [UInt8] = []
        for _ in 0..<height {
            for x in 0..<width {
                let base: [Double] = x < width / 2 ? [120, 30, 30] : [150, 190, 235]
                for c in base { pixels.append(UInt8(max(0, min(255, c + 12 * rng.normal())))) }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    static func argmax(_ source: UnarySource, pixels n: Int) -> [Int] {
        guard case .probabilities(let p, let l) = source else { return [] }
        return (0..<n).map { i in (0..<l).max { p[$0 * n + i] < p[$1 * n + i] }! }
    }

    @Test func separatesTheTwoColours() throws {
        let image = Self.twoColours()
        let source = try KMeansUnary.probabilities(image: image, clusters: 2, seed: 0)
        #expect(source.labelCount == 2)
        let labels = Self.argmax(source, pixels: image.pixelCount)
        for y in 0..<image.height {
            for x in 0..<image.width {
                // Classes are ordered by lightness: the dark red half is class 0.
                #expect(labels[y * image.width + x] == (x < image.width / 2 ? 0 : 1))
            }
        }
    }

    /// Without the position feature, interleaved patches of two colours still come out as
    /// two clusters by colour alone.
    @Test func separatesInterleavedPatchesByColour() throws {
        var rng = SplitMix64(seed: 5)
        var pixels: [UInt8] = []
        for y in 0..<30 {
            for x in 0..<40 {
                let base: [Double] = (x / 8 + y / 6) % 2 == 0 ? [200, 40, 40] : [40, 60, 200]
                for c in base { pixels.append(UInt8(max(0, min(255, c + 8 * rng.normal())))) }
            }
        }
        let image = RGBImage(width: 40, height: 30, pixels: pixels)
        let labels = Self.argmax(try KMeansUnary.probabilities(image: image, clusters: 2, seed: 7, positionWeight: 0), pixels: image.pixelCount)
        for i in 0..<image.pixelCount {
            // The blue patches are darker in L*, so they are class 0.
            #expect(labels[i] == (image.pixels[3 * i] > 120 ? 1 : 0))
        }
    }

    @Test func probabilitiesAreConfidentAndNormalised() throws {
        let image = Self.twoColours()
        let n = image.pixelCount
        guard case .probabilities(let p, let l) = try KMeansUnary.probabilities(image: image, clusters: 2) else {
            Issue.record("expected probabilities")
            return
        }
        for i in 0..<n {
            let s = (0..<l).reduce(Float(0)) { $0 + p[$1 * n + i] }
            #expect(abs(s - 1) < 1e-5)
            #expect((0..<l).map { p[$0 * n + i] }.max()! > 0.99)
        }
    }

    /// Same image, K and seed give the same probabilities, bit for bit, also when the image is
    /// large enough to be subsampled.
    @Test func deterministicForASeed() throws {
        let image = Self.twoColours(width: 300, height: 200)
        let a = try KMeansUnary.probabilities(image: image, clusters: 4, seed: 9, sampleLimit: 5000)
        let b = try KMeansUnary.probabilities(image: image, clusters: 4, seed: 9, sampleLimit: 5000)
        #expect(a == b)
    }

    /// More clusters than colours still gives finite, normalised probabilities.
    @Test func moreClustersThanColours() throws {
        let flat = RGBImage(width: 6, height: 4, pixels: (0..<24).flatMap { $0 % 6 < 3 ? [10, 10, 10] as [UInt8] : [240, 240, 240] })
        guard case .probabilities(let p, let l) = try KMeansUnary.probabilities(image: flat, clusters: 4, seed: 1) else {
            Issue.record("expected probabilities")
            return
        }
        #expect(l == 4)
        #expect(p.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
    }

    @Test func rejectsBadClusterCounts() {
        let image = Self.twoColours(width: 4, height: 2)
        #expect(throws: CRFError("k-means needs at least 2 clusters, got 1")) {
            try KMeansUnary.probabilities(image: image, clusters: 1)
        }
        #expect(throws: CRFError("k-means cannot make 9 clusters from 8 pixels")) {
            try KMeansUnary.probabilities(image: image, clusters: 9)
        }
    }
}

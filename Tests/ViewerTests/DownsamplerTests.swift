import Testing
import Viewer

@Suite struct DownsamplerTests {
    @Test func areaAverageHalvesAFourByFour() {
        let pixels = (0..<16).map { RGB(UInt8(16 * $0), 0, UInt8(255 - 16 * $0)) }
        let result = Downsampler.areaAverage(pixels, size: Size(width: 4, height: 4), to: Size(width: 2, height: 2))
        // Each target averages four pixels: indices {0,1,4,5}, {2,3,6,7}, {8,9,12,13}, {10,11,14,15}.
        #expect(result == [RGB(40, 0, 215), RGB(72, 0, 183), RGB(168, 0, 87), RGB(200, 0, 55)])
    }

    /// 3 → 2 pixels: target 0 covers source 0 fully and half of source 1, target 1 the
    /// other half of source 1 and all of source 2, so 2-D weights are 1, ½ and ¼ over 2.25.
    @Test func areaAverageWeighsFractionalCoverage() {
        // Red is 90x + 30y; green is 100 at (0, 0) only; blue is 255 at the centre only.
        var pixels: [RGB] = []
        for y in 0..<3 {
            for x in 0..<3 {
                pixels.append(RGB(UInt8(90 * x + 30 * y), x == 0 && y == 0 ? 100 : 0, x == 1 && y == 1 ? 255 : 0))
            }
        }
        let result = Downsampler.areaAverage(pixels, size: Size(width: 3, height: 3), to: Size(width: 2, height: 2))
        // Green 100/2.25 = 44.4 → 44; blue 0.25·255/2.25 = 28.3 → 28.
        #expect(result == [RGB(40, 44, 28), RGB(160, 0, 28), RGB(80, 0, 28), RGB(200, 0, 28)])
    }

    @Test func areaAverageRoundsHalfUp() {
        let pixels = [RGB(0, 1, 254), RGB(1, 2, 255)]
        let result = Downsampler.areaAverage(pixels, size: Size(width: 2, height: 1), to: Size(width: 1, height: 1))
        #expect(result == [RGB(1, 2, 255)])
    }

    @Test func fieldAverageMatchesTheColourPath() {
        var field: [Float] = []
        for y in 0..<3 { for x in 0..<3 { field.append(Float(90 * x + 30 * y)) } }
        let result = Downsampler.areaAverage(field, size: Size(width: 3, height: 3), to: Size(width: 2, height: 2))
        #expect(result == [40, 160, 80, 200])
    }

    @Test func enlargingRepeatsPixels() {
        let result = Downsampler.areaAverage([Float(1), 3], size: Size(width: 2, height: 1), to: Size(width: 4, height: 1))
        #expect(result == [1, 1, 3, 3])
        let blended = Downsampler.areaAverage([Float(1), 3], size: Size(width: 2, height: 1), to: Size(width: 3, height: 1))
        #expect(blended == [1, 2, 3])
    }

    @Test func majorityPicksTheDominantLabelPerBlock() {
        let labels: [Int32] = [
            1, 1, 2, 2,
            1, 0, 2, 2,
            3, 3, 1, 4,
            1, 1, 4, 1,
        ]
        let result = Downsampler.majority(labels, size: Size(width: 4, height: 4), to: Size(width: 2, height: 2))
        // Bottom-left is a 2–2 tie between 1 and 3, bottom-right a 2–2 tie between 1 and 4: lowest wins.
        #expect(result == [1, 2, 1, 1])
    }

    @Test func majorityWeighsFractionalCoverage() {
        // 3 → 2: target (0, 0) weighs source (0, 0) 4, (1, 0) and (0, 1) 2 each, (1, 1) 1 (of 9).
        let dominated: [UInt16] = [5, 2, 9, 2, 2, 9, 9, 9, 9]
        #expect(Downsampler.majority(dominated, size: Size(width: 3, height: 3), to: Size(width: 2, height: 2))
            == [2, 9, 9, 9])
        // 7 covers 4, and 3 covers 2 + 2 = 4: a tie, so the lower label 3 wins.
        let tied: [UInt16] = [7, 3, 0, 3, 255, 0, 0, 0, 255]
        #expect(Downsampler.majority(tied, size: Size(width: 3, height: 3), to: Size(width: 2, height: 2))
            == [3, 0, 0, 255])
    }
}

import CRFIO
import Testing

@Suite struct LabelMapsTests {
    /// Pixel centres aligned (align_corners=False): 2 → 4 samples at source positions
    /// −0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1), as cv2.resize computes.
    @Test func bilinearUpsamplingAlignsPixelCentres() {
        let maps = LabelMaps(labels: 1, width: 2, height: 2, values: [0, 1, 2, 3])
        let up = maps.resampled(width: 4, height: 4)
        let weights: [Float] = [0, 0.25, 0.75, 1]
        #expect(up.values == weights.flatMap { a in weights.map { b in 2 * a + b } })
    }

    @Test func resamplingKeepsProbabilitiesNormalised() {
        let p: [Float] = [0.1, 0.9, 0.5, 0.3, 0.2, 0.7]
        let maps = LabelMaps(labels: 2, width: 3, height: 2, values: p + p.map { 1 - $0 })
        let up = maps.resampled(width: 7, height: 5)
        for i in 0..<35 { #expect(abs(up.values[i] + up.values[35 + i] - 1) < 1e-6) }
        #expect(up.values.min()! >= 0.1 && up.values.max()! <= 0.9)
    }

    @Test func aspectAllowsOneMapPixelOfRounding() {
        #expect(LabelMaps.sameAspect(width: 256, height: 256, imageWidth: 512, imageHeight: 512))
        #expect(LabelMaps.sameAspect(width: 65, height: 49, imageWidth: 513, imageHeight: 385))
        #expect(LabelMaps.sameAspect(width: 80, height: 60, imageWidth: 640, imageHeight: 480))
        #expect(!LabelMaps.sameAspect(width: 320, height: 320, imageWidth: 640, imageHeight: 480))
        #expect(!LabelMaps.sameAspect(width: 64, height: 50, imageWidth: 640, imageHeight: 480))
    }

    @Test func layoutIsDetectedFromExactSizeThenAspectThenLabelAxis() throws {
        let chw = NPYArray(shape: [3, 12, 16], values: (0..<576).map(Float.init))
        #expect(try ArrayLayout.labelMaps(chw, width: 64, height: 48, layout: nil, path: "a").labels == 3)
        let hwc = NPYArray(shape: [12, 16, 3], values: (0..<576).map(Float.init))
        let maps = try ArrayLayout.labelMaps(hwc, width: 64, height: 48, layout: nil, path: "a")
        #expect(maps.labels == 3 && maps.width == 16 && maps.height == 12)
        #expect(Array(maps.values.prefix(3)) == [0, 3, 6])
        let batch = NPYArray(shape: [1, 3, 12, 16], values: chw.values)
        #expect(try ArrayLayout.labelMaps(batch, width: 64, height: 48, layout: nil, path: "a") == ArrayLayout.labelMaps(chw, width: 64, height: 48, layout: nil, path: "a"))
        let single = NPYArray(shape: [12, 16], values: Array(chw.values.prefix(192)))
        #expect(try ArrayLayout.labelMaps(single, width: 64, height: 48, layout: nil, path: "a").labels == 1)
        let square = NPYArray(shape: [4, 4, 4], values: [Float](repeating: 0, count: 64))
        #expect(throws: CRFIOError(path: "a", message: "shape (4, 4, 4) fits the 4x4 image both as (L, H, W) and (H, W, L); pass --layout chw or --layout hwc")) {
            try ArrayLayout.labelMaps(square, width: 4, height: 4, layout: nil, path: "a")
        }
        #expect(throws: CRFIOError(path: "a", message: "shape (4, 4, 4) could be (L, H, W) or (H, W, L); pass --layout chw or --layout hwc")) {
            try ArrayLayout.labelMaps(square, width: 30, height: 10, layout: nil, path: "a")
        }
        #expect(try ArrayLayout.labelMaps(square, width: 30, height: 10, layout: .hwc, path: "a").labels == 4)
    }
}

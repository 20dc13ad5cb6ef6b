import CRFIO
import DenseCRF
import Testing

@Suite struct LabelOverlayTests {
    /// A 4×3 grey photo, label 1 in a 2×3 block on the right: background pixels keep the
    /// photo, the block's outline takes the full colour and its inside (none here at 2 wide,
    /// so a 4×4 case below) is tinted.
    @Test func backgroundStaysThePhotoAndRegionsAreOutlined() {
        let grey = RGBImage(width: 4, height: 3, pixels: [UInt8](repeating: 100, count: 36))
        let labels: [Int32] = [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1]
        let out = LabelOverlay.blend(image: grey, labels: labels, palette: VOCColormap.colors())
        for i in [0, 1, 4, 5, 8, 9] { #expect(Array(out.pixels[3 * i..<3 * i + 3]) == [100, 100, 100]) }
        // Column 2 borders label 0: full maroon (128, 0, 0).
        for i in [2, 6, 10] { #expect(Array(out.pixels[3 * i..<3 * i + 3]) == [128, 0, 0]) }

        let big = RGBImage(width: 5, height: 5, pixels: [UInt8](repeating: 100, count: 75))
        var square = [Int32](repeating: 0, count: 25)
        for y in 1...3 { for x in 1...3 { square[y * 5 + x] = 2 } }
        let tinted = LabelOverlay.blend(image: big, labels: square, palette: VOCColormap.colors())
        #expect(Array(tinted.pixels[36..<39]) == [50, 114, 50])  // centre: half green (0, 128, 0)
        #expect(Array(tinted.pixels[18..<21]) == [0, 128, 0])   // (1, 1) is on the outline
        #expect(Array(tinted.pixels[0..<3]) == [100, 100, 100])
    }
}

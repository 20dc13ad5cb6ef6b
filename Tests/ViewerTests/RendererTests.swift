import DenseCRF
import Testing
import Viewer

@Suite struct RendererTests {
    private let red = RGB(255, 0, 0), green = RGB(0, 255, 0), blue = RGB(0, 0, 255)

    @Test func halfBlocksPutUpperPixelInForegroundAndLowerInBackground() {
        var canvas = Canvas(width: 3, height: 3)
        HalfBlockRenderer.draw([red, green, blue, .white, .black, red], size: Size(width: 2, height: 3),
                               at: Point(x: 1, y: 1), into: &canvas)
        #expect(canvas.snapshotText() == "\n ▀▀\n ▀▀")
        #expect(canvas[1, 1] == Cell("▀", foreground: .rgb(red), background: .rgb(blue)))
        #expect(canvas[2, 1] == Cell("▀", foreground: .rgb(green), background: .rgb(.white)))
        // The odd last row has no lower pixel: its background stays the terminal default.
        #expect(canvas[2, 2] == Cell("▀", foreground: .rgb(red), background: .default))
    }

    @Test func asciiFallbackPaintsTheMeanAsBackground() {
        var canvas = Canvas(width: 1, height: 1, glyphs: .ascii)
        HalfBlockRenderer.draw([RGB(0, 0, 100), RGB(200, 0, 0)], size: Size(width: 1, height: 2),
                               at: Point(x: 0, y: 0), into: &canvas)
        #expect(canvas[0, 0] == Cell(" ", background: .rgb(RGB(100, 0, 50))))
    }

    @Test func drawImageFitsAndDownsamples() {
        var canvas = Canvas(width: 6, height: 2)
        // 4×8 pixels are 4 × 8 aspect units; the pane is 6 × 4, so the image is 2 × 4 units:
        // two cells wide and two tall, centred.
        let pixels = (0..<32).map { $0 < 16 ? red : blue }
        let fit = HalfBlockRenderer.drawImage(pixels, size: Size(width: 4, height: 8),
                                              fittingIn: canvas.bounds, into: &canvas)
        #expect(fit.rect == Rect(x: 2, y: 0, width: 2, height: 2))
        #expect(canvas.snapshotText() == "  ▀▀\n  ▀▀")
        #expect(canvas[2, 0] == Cell("▀", foreground: .rgb(red), background: .rgb(red)))
        #expect(canvas[3, 1] == Cell("▀", foreground: .rgb(blue), background: .rgb(blue)))
    }

    @Test func shadeRendererDistinguishesLabelsWithoutColour() {
        var canvas = Canvas(width: 4, height: 2)
        ShadeRenderer.drawLabels([0, 1, 2, 17, 4, 3, -1, 16] as [Int], size: Size(width: 4, height: 2),
                                 at: Point(x: 0, y: 0), into: &canvas)
        #expect(canvas.snapshotText() == " ░▒░\n█▓ ·")
        var ascii = Canvas(width: 3, height: 1, glyphs: .ascii)
        ShadeRenderer.drawLabels([1, 2, 3] as [UInt8], size: Size(width: 3, height: 1), at: Point(x: 0, y: 0),
                                 into: &ascii)
        #expect(ascii.snapshotText() == ".:#")
    }

    @Test func shadeRendererRampsIntensities() {
        var canvas = Canvas(width: 6, height: 1)
        ShadeRenderer.drawIntensities([0, 0.25, 0.45, 0.65, 1, .nan], size: Size(width: 6, height: 1),
                                      at: Point(x: 0, y: 0), into: &canvas)
        #expect(canvas.snapshotText() == " ░▒▓█")
    }

    /// The overlay view leaves label 0 as the photo, outlines other regions in full colour and
    /// tints their inside, as the exported overlay does.
    @Test func overlayLeavesBackgroundAsThePhoto() throws {
        let grey = RGBImage(width: 5, height: 5, pixels: [UInt8](repeating: 100, count: 75))
        var labels = [UInt16](repeating: 0, count: 25)
        for y in 1...3 { for x in 1...3 { labels[y * 5 + x] = 2 } }
        let frame = StepFrame(iteration: 0, changed: 0, width: 5, height: 5, labelCount: 3, labels: labels,
                              q: [UInt16](repeating: 0, count: 75))
        let theme = Theme(name: "t")
        let pixels = try #require(ViewRenderer(image: grey, truth: nil).pixels(
            .overlay, history: [frame], step: 0, generation: 0, selectedClass: 0, baseline: nil, baselineVersion: 0,
            theme: theme, target: Size(width: 5, height: 5)))
        #expect(pixels[0] == RGB(100, 100, 100))
        #expect(pixels[6] == theme.labelColor(2))
        #expect(pixels[12] == RGB(100, 100, 100).mixed(with: theme.labelColor(2), 0.5))
    }
}

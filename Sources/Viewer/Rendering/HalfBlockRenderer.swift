/// Draws pixel grids into a canvas at two pixels per cell, the way chafa and viu do:
/// the glyph ▀ with the upper pixel as foreground and the lower as background.
public enum HalfBlockRenderer {
    /// Draws a `size.width` × `size.height` pixel grid with its top-left cell at `origin`,
    /// covering `size.width` × ⌈`size.height`/2⌉ cells (clipped to the canvas). An odd last
    /// pixel row leaves its lower half in the terminal's default colour.
    ///
    /// Without a half block (`GlyphSet.ascii`) a cell is a blank whose background is the
    /// mean of its two pixels: half the vertical resolution, same layout.
    public static func draw(_ pixels: [RGB], size: Size, at origin: Point, into canvas: inout Canvas) {
        precondition(pixels.count == size.width * size.height,
                     "expected \(size.width)×\(size.height) pixels, got \(pixels.count)")
        let halfBlock = canvas.glyphs.hasHalfBlock
        for row in 0..<(size.height + 1) / 2 {
            for x in 0..<size.width {
                let upper = pixels[2 * row * size.width + x]
                let lower = 2 * row + 1 < size.height ? pixels[(2 * row + 1) * size.width + x] : nil
                let cell: Cell
                if halfBlock {
                    cell = Cell(canvas.glyphs.upperHalfBlock, foreground: .rgb(upper), background: CellColor(lower))
                } else {
                    cell = Cell(" ", background: .rgb(lower.map { upper.mixed(with: $0, 0.5) } ?? upper))
                }
                canvas.put(cell, x: origin.x + x, y: origin.y + row)
            }
        }
    }

    /// Fits an image into `pane` (see `ImageFit`), area-averages it to the pixels the fitted
    /// cells can show, and draws it. Returns the fit so callers can map clicks to pixels.
    @discardableResult
    public static func drawImage(_ pixels: [RGB], size: Size, fittingIn pane: Rect,
                                 into canvas: inout Canvas) -> ImageFit {
        let fit = ImageFit(image: size, pane: pane)
        guard !fit.rect.isEmpty else { return fit }
        let resampled = Downsampler.areaAverage(pixels, size: size, to: fit.pixelSize)
        draw(resampled, size: fit.pixelSize, at: fit.rect.origin, into: &canvas)
        return fit
    }
}

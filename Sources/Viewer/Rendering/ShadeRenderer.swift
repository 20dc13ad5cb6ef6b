/// Draws images and label maps with glyphs alone, for terminals without colour (`mono`).
///
/// Colour carries everything in half-block rendering, so without it each cell shows one
/// value (one pixel per cell instead of two: downsample to `ImageFit.rect.size`) as a glyph:
/// - intensities (luminance, heat-map values) pick from a brightness ramp: blank, then the
///   glyph set's four shades (░▒▓█ or `.:#@`);
/// - labels pick from `GlyphSet.patterns`, a list of mutually distinct glyphs: label 0 (the
///   background class in VOC-style maps) is blank, label `l > 0` takes pattern
///   `(l - 1) mod 16`, so up to 16 foreground classes look different; beyond that glyphs
///   repeat. Negative labels are treated like 0.
public enum ShadeRenderer {
    /// Draws values in 0...1 (clamped; NaN counts as 0), one per cell, from `origin`.
    public static func drawIntensities(_ values: [Float], size: Size, at origin: Point,
                                       into canvas: inout Canvas) {
        let ramp: [Character] = [" "] + canvas.glyphs.shades
        draw(count: values.count, size: size, origin: origin, canvas: &canvas) { index in
            let value = values[index].isNaN ? 0 : min(max(values[index], 0), 1)
            return ramp[min(ramp.count - 1, Int(value * Float(ramp.count)))]
        }
    }

    /// Draws a label grid, one label per cell, from `origin`.
    public static func drawLabels<Label: BinaryInteger>(_ labels: [Label], size: Size, at origin: Point,
                                                        into canvas: inout Canvas) {
        let patterns = canvas.glyphs.patterns
        draw(count: labels.count, size: size, origin: origin, canvas: &canvas) { index in
            let label = Int(labels[index])
            return label <= 0 ? " " : patterns[(label - 1) % patterns.count]
        }
    }

    private static func draw(count: Int, size: Size, origin: Point, canvas: inout Canvas,
                             glyph: (Int) -> Character) {
        precondition(count == size.width * size.height, "expected \(size.width)×\(size.height) values, got \(count)")
        for y in 0..<size.height {
            for x in 0..<size.width {
                canvas.put(Cell(glyph(y * size.width + x)), x: origin.x + x, y: origin.y + y)
            }
        }
    }
}

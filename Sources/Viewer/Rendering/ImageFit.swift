/// Where an image goes in a pane: the largest centred cell rectangle that keeps the
/// image's aspect ratio.
///
/// Terminal cells are about twice as tall as wide, so one cell stands for one unit of
/// width and two units of height; with half blocks that is exactly one image pixel
/// column and two pixel rows per cell (`pixelSize`). Small images are scaled up to fill
/// the pane, large ones down.
public struct ImageFit: Hashable, Sendable {
    /// The image's size in pixels.
    public let imageSize: Size
    /// The cells the image occupies, centred in the pane; empty if the pane or image is.
    public let rect: Rect

    public init(image: Size, pane: Rect) {
        imageSize = image
        guard image.width > 0, image.height > 0, !pane.isEmpty else {
            rect = Rect(origin: pane.origin, size: Size(width: 0, height: 0))
            return
        }
        let width: Int, rows: Int
        if image.width * 2 * pane.height >= image.height * pane.width {
            // Wider than the pane: full width, height from the aspect ratio.
            width = pane.width
            let exact = Double(pane.width * image.height) / Double(image.width) / 2
            rows = min(pane.height, max(1, Int(exact.rounded())))
        } else {
            rows = pane.height
            let exact = Double(2 * pane.height * image.width) / Double(image.height)
            width = min(pane.width, max(1, Int(exact.rounded())))
        }
        rect = Rect(x: pane.x + (pane.width - width) / 2, y: pane.y + (pane.height - rows) / 2,
                    width: width, height: rows)
    }

    /// The pixel grid half blocks can show in `rect`: one column and two rows per cell.
    public var pixelSize: Size { Size(width: rect.width, height: rect.height * 2) }

    /// The image pixel under the centre of a cell, e.g. for a mouse click; nil outside `rect`.
    public func imagePixel(at cell: Point) -> Point? {
        guard rect.contains(cell) else { return nil }
        let x = (2 * (cell.x - rect.x) + 1) * imageSize.width / (2 * rect.width)
        let y = (2 * (cell.y - rect.y) + 1) * imageSize.height / (2 * rect.height)
        return Point(x: x, y: y)
    }
}

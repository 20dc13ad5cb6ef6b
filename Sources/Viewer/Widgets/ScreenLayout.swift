/// Where everything goes on a screen of a given size.
///
/// A title row on top, the key bar at the bottom, a side panel on the right, and the rest
/// split into image panes side by side (each pane shows one view; `v` cycles which view the
/// first pane shows and the others follow in order).
///
/// The number of panes trades image size for comparison: it maximises the image cells shown
/// in all panes, with each extra pane counting half again, so a wide terminal shows two or
/// three views while a narrow one shows one large view.
public struct ScreenLayout: Equatable, Sendable {
    public static let minimum = Size(width: 64, height: 18)
    static let minimumPaneWidth = 36

    public let size: Size
    public let title: Rect
    public let bar: Rect
    public let side: Rect
    public let panes: [Rect]
    /// The strip under the panes for the inspector and the energy chart, when tall enough.
    public let detail: Rect?
    static let detailHeight = 9

    /// Nil when the screen is smaller than `minimum`.
    public init?(size: Size, maxPanes: Int, image: Size) {
        guard size.width >= Self.minimum.width, size.height >= Self.minimum.height else { return nil }
        self.size = size
        title = Rect(x: 0, y: 0, width: size.width, height: 1)
        bar = Rect(x: 0, y: size.height - 1, width: size.width, height: 1)
        let sideWidth = size.width >= 120 ? 40 : 30
        side = Rect(x: size.width - sideWidth, y: 1, width: sideWidth, height: size.height - 2)
        let mainWidth = size.width - sideWidth
        let hasDetail = size.height >= 24
        detail = hasDetail ? Rect(x: 0, y: size.height - 1 - Self.detailHeight, width: mainWidth, height: Self.detailHeight) : nil
        let panesHeight = size.height - 2 - (hasDetail ? Self.detailHeight : 0)
        let mainHeight = panesHeight - 1   // pane title row
        let candidates = 1...max(1, min(maxPanes, mainWidth / Self.minimumPaneWidth, 3))
        let count = candidates.max { a, b in Self.score(a, mainWidth, mainHeight, image) < Self.score(b, mainWidth, mainHeight, image) } ?? 1
        let paneWidth = mainWidth / count
        panes = (0..<count).map { i in
            Rect(x: i * paneWidth, y: 1, width: i == count - 1 ? mainWidth - i * paneWidth : paneWidth, height: panesHeight)
        }
    }

    /// Image cells shown by `count` panes across `width`×`height`, extra panes weighted ×1.5.
    private static func score(_ count: Int, _ width: Int, _ height: Int, _ image: Size) -> Double {
        let pane = Rect(x: 0, y: 0, width: width / count - 2, height: height)
        let fit = ImageFit(image: image, pane: pane)
        return Double(count * fit.rect.width * fit.rect.height) * (1 + 0.5 * Double(count - 1))
    }
}

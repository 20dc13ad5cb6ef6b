import Testing
import Viewer

@Suite struct ImageFitTests {
    @Test func fourByThreeInAWidePaneIsHeightLimited() {
        // The pane is 80 × 48 in pixel units; 640×480 fits as 64 × 48 pixels = 64 × 24 cells.
        let fit = ImageFit(image: Size(width: 640, height: 480), pane: Rect(x: 0, y: 0, width: 80, height: 24))
        #expect(fit.rect == Rect(x: 8, y: 0, width: 64, height: 24))
        #expect(fit.pixelSize == Size(width: 64, height: 48))
    }

    @Test func wideImageIsWidthLimitedAndCentred() {
        let fit = ImageFit(image: Size(width: 100, height: 10), pane: Rect(x: 2, y: 3, width: 80, height: 24))
        #expect(fit.rect == Rect(x: 2, y: 13, width: 80, height: 4))
    }

    @Test func tallImageKeepsAtLeastOneColumn() {
        let fit = ImageFit(image: Size(width: 10, height: 100), pane: Rect(x: 0, y: 0, width: 80, height: 24))
        #expect(fit.rect == Rect(x: 37, y: 0, width: 5, height: 24))
        let sliver = ImageFit(image: Size(width: 1, height: 1000), pane: Rect(x: 0, y: 0, width: 10, height: 5))
        #expect(sliver.rect.width == 1)
    }

    @Test func emptyPaneOrImageGivesEmptyRect() {
        #expect(ImageFit(image: Size(width: 10, height: 10), pane: Rect(x: 1, y: 1, width: 0, height: 5)).rect.isEmpty)
        #expect(ImageFit(image: Size(width: 0, height: 10), pane: Rect(x: 1, y: 1, width: 9, height: 5)).rect.isEmpty)
    }

    @Test func cellsMapBackToImagePixels() {
        let fit = ImageFit(image: Size(width: 640, height: 480), pane: Rect(x: 0, y: 0, width: 80, height: 24))
        #expect(fit.imagePixel(at: Point(x: 8, y: 0)) == Point(x: 5, y: 10))
        #expect(fit.imagePixel(at: Point(x: 71, y: 23)) == Point(x: 635, y: 470))
        #expect(fit.imagePixel(at: Point(x: 7, y: 0)) == nil)
    }
}

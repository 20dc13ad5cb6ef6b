import CRFIO
import DenseCRF
import Testing

@Suite struct LabelImageFileTests {
    private func read(_ name: String) throws -> LabelImage {
        try LabelImageFile.read(Fixtures.path(name))
    }

    @Test func paletteAndGrayPNGsGiveTheirRawValues() throws {
        #expect(try read("palette8.png") == .indices(width: 3, height: 2, values: [0, 1, 2, 2, 1, 0]))
        #expect(try read("pillow-palette.png") == .indices(width: 4, height: 2, values: [0, 1, 2, 3, 4, 255, 0, 1]))
        #expect(try read("palette4-trns.png") == .indices(width: 6, height: 1, values: [0, 1, 2, 3, 4, 5]))
        #expect(try read("gray8.png") == .indices(width: 3, height: 1, values: [0, 100, 255]))
        #expect(try read("gray2.png") == .indices(width: 4, height: 1, values: [0, 1, 2, 3]))
        #expect(try read("graya8.png") == .indices(width: 2, height: 1, values: [10, 200]))
    }

    @Test func sixteenBitGrayIsAcceptedWhileEveryValueFitsInAByte() throws {
        #expect(try read("gray16-labels.png") == .indices(width: 4, height: 1, values: [0, 1, 2, 255]))
        let path = Fixtures.path("gray16.png")
        #expect(throws: CRFIOError(path: path, message: "16-bit label image has value 25700 at x 1, y 0; class indices must be below 256")) {
            try LabelImageFile.read(path)
        }
    }

    @Test func colourPNGsStayRGB() throws {
        #expect(try read("rgb8.png") == .rgb(try ImageFile.readRGB(Fixtures.path("rgb8.png"))))
        #expect(try read("rgba8.png") == .rgb(try ImageFile.readRGB(Fixtures.path("rgba8.png"))))
    }

    @Test func jpegLabelsAreRefused() {
        let path = Fixtures.path("gray.jpg")
        #expect(throws: CRFIOError(path: path, message: "JPEG label images are not supported: lossy compression changes labels; save labels as PNG")) {
            try LabelImageFile.read(path)
        }
    }

    /// Palettes of 2, 5, 17 and 256 colours make libpng choose bit depths 1, 4, 8 and 8.
    @Test(arguments: [2, 5, 17, 256])
    func indexedPNGRoundTrips(paletteSize: Int) throws {
        let (width, height) = (9, 4)
        let indices = (0..<width * height).map { UInt8(($0 * 7) % paletteSize) }
        let palette: [(UInt8, UInt8, UInt8)] = (0..<paletteSize).map { (i: Int) in
            (UInt8(i), UInt8(255 - i), UInt8(i * 3 % 256))
        }
        try Fixtures.withTemporaryFolder { folder in
            let path = folder + "/labels.png"
            try LabelImageFile.writeIndexed(width: width, height: height, indices: indices, palette: palette, to: path)
            #expect(try LabelImageFile.read(path) == .indices(width: width, height: height, values: indices))
            let colours = try ImageFile.readRGB(path)
            for (i, index) in indices.enumerated() {
                let (r, g, b) = colours.rgb(x: i % width, y: i / width)
                let expected = palette[Int(index)]
                #expect(r == expected.0 && g == expected.1 && b == expected.2)
            }
        }
    }

    @Test func writeIndexedRefusesInconsistentInput() {
        let palette: [(UInt8, UInt8, UInt8)] = [(0, 0, 0), (255, 0, 0), (0, 255, 0)]
        #expect(throws: CRFIOError(path: "l.png", message: "index 3 at x 1, y 1 has no colour in the 3-colour palette")) {
            try LabelImageFile.encodeIndexed(width: 2, height: 2, indices: [0, 1, 2, 3], palette: palette, path: "l.png")
        }
        #expect(throws: CRFIOError(path: "l.png", message: "cannot write a 2x2 label image from 3 indices")) {
            try LabelImageFile.encodeIndexed(width: 2, height: 2, indices: [0, 1, 2], palette: palette, path: "l.png")
        }
        #expect(throws: CRFIOError(path: "l.png", message: "a palette needs 1 to 256 colours, not 0")) {
            try LabelImageFile.encodeIndexed(width: 1, height: 1, indices: [0], palette: [], path: "l.png")
        }
        #expect(throws: CRFIOError(path: "l.png", message: "a palette needs 1 to 256 colours, not 257")) {
            try LabelImageFile.encodeIndexed(width: 1, height: 1, indices: [0], palette: Array(repeating: (0, 0, 0), count: 257), path: "l.png")
        }
    }

    @Test func maxPixelsAppliesToLabelsToo() {
        let path = Fixtures.path("huge-header.png")
        #expect(throws: CRFIOError(path: path, message: "image is 100000x100000 (10000000000 pixels), more than the 1000000 this machine can hold")) {
            try LabelImageFile.read(path, maxPixels: 1_000_000)
        }
    }
}

import CRFIO
import DenseCRF
import Testing

@Suite struct ImageFileTests {
    /// The RGB triplets of an image, row-major.
    private func triplets(_ image: RGBImage) -> [[UInt8]] {
        stride(from: 0, to: image.pixels.count, by: 3).map { Array(image.pixels[$0..<$0 + 3]) }
    }

    private func read(_ name: String) throws -> RGBImage {
        try ImageFile.readRGB(Fixtures.path(name))
    }

    @Test func rgb8PNGReadsExactly() throws {
        let image = try read("rgb8.png")
        #expect((image.width, image.height) == (3, 2))
        #expect(triplets(image) == [[255, 0, 0], [0, 255, 0], [0, 0, 255], [10, 20, 30], [0, 0, 0], [255, 255, 255]])
    }

    @Test func alphaIsDroppedNotComposited() throws {
        #expect(triplets(try read("rgba8.png")) == [[200, 100, 50], [1, 2, 3], [40, 50, 60], [255, 255, 255]])
        #expect(triplets(try read("graya8.png")) == [[10, 10, 10], [200, 200, 200]])
    }

    @Test func grayIsReplicatedAndLowBitDepthsExpanded() throws {
        #expect(triplets(try read("gray8.png")) == [[0, 0, 0], [100, 100, 100], [255, 255, 255]])
        #expect(triplets(try read("gray2.png")) == [[0, 0, 0], [85, 85, 85], [170, 170, 170], [255, 255, 255]])
    }

    /// 16-bit samples scale by 255/65535 with rounding: 65535 → 255, 257·v → v, 1000 → 3.89 → 4.
    @Test func sixteenBitSamplesScaleWithRounding() throws {
        #expect(triplets(try read("gray16.png")) == [[0, 0, 0], [100, 100, 100], [4, 4, 4], [255, 255, 255]])
        #expect(triplets(try read("rgb16.png")) == [[255, 0, 128], [1, 2, 3]])
    }

    @Test func palettesExpandToTheirColoursIgnoringTransparency() throws {
        #expect(triplets(try read("palette8.png")) == [[255, 0, 0], [0, 128, 0], [0, 0, 255], [0, 0, 255], [0, 128, 0], [255, 0, 0]])
        let trnsColours: [[UInt8]] = (0..<6).map { (i: Int) -> [UInt8] in [UInt8(i * 40), UInt8(255 - i * 40), 7] }
        #expect(triplets(try read("palette4-trns.png")) == trnsColours)
    }

    @Test func interlacedPNGMatchesItsPixels() throws {
        let image = try read("interlaced.png")
        var expected: [[UInt8]] = []
        for y in 0..<5 {
            for x in 0..<5 { expected.append([UInt8(x * 50), UInt8(y * 50), UInt8(x + y)]) }
        }
        #expect(triplets(image) == expected)
    }

    @Test func pngRoundTrips() throws {
        let pixels = (0..<7 * 5 * 3).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
        let image = RGBImage(width: 7, height: 5, pixels: pixels)
        try Fixtures.withTemporaryFolder { folder in
            let path = folder + "/out.png"
            try ImageFile.writePNG(image, to: path)
            #expect(try ImageFile.readRGB(path) == image)
            #expect(Fixtures.contents(of: folder) == ["out.png"])
        }
    }

    /// JPEG is lossy: solid 8x8 blocks come back within a few levels of what was saved.
    private func expectQuadrants(_ name: String, _ expected: [[Int]], tolerance: Int = 4) throws {
        let image = try read(name)
        #expect((image.width, image.height) == (16, 16))
        for (i, colour) in expected.enumerated() {
            let (r, g, b) = image.rgb(x: 4 + 8 * (i % 2), y: 4 + 8 * (i / 2))
            let actual = [Int(r), Int(g), Int(b)]
            #expect(zip(actual, colour).allSatisfy { abs($0 - $1) <= tolerance }, "\(name) block \(i): \(actual) vs \(colour)")
        }
    }

    @Test func jpegDecodesYCbCrGrayAndCMYK() throws {
        let primaries = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]
        try expectQuadrants("rgb.jpg", primaries)
        try expectQuadrants("progressive.jpg", primaries)
        try expectQuadrants("gray.jpg", [[0, 0, 0], [100, 100, 100], [200, 200, 200], [255, 255, 255]], tolerance: 1)
        // Saved by Pillow as CMYK (0,255,255,0), (0,0,0,128), (255,0,255,0), (0,0,0,0), Adobe-inverted.
        try expectQuadrants("cmyk.jpg", [[255, 0, 0], [127, 127, 127], [0, 255, 0], [255, 255, 255]], tolerance: 2)
    }

    @Test func formatComesFromMagicBytesNotTheName() throws {
        try Fixtures.withTemporaryFolder { folder throws in
            Fixtures.write(Fixtures.bytes("rgb8.png"), to: folder + "/really-a-png.jpg")
            Fixtures.write(Fixtures.bytes("gray.jpg"), to: folder + "/really-a-jpeg.png")
            #expect(try ImageFile.readRGB(folder + "/really-a-png.jpg") == (try read("rgb8.png")))
            #expect(try ImageFile.readRGB(folder + "/really-a-jpeg.png") == (try read("gray.jpg")))
        }
    }

    @Test func maxPixelsStopsAHugeHeaderBeforeDecoding() throws {
        let path = Fixtures.path("huge-header.png")
        #expect(throws: CRFIOError(path: path, message: "image is 100000x100000 (10000000000 pixels), more than the 50000000 this machine can hold")) {
            try ImageFile.readRGB(path, maxPixels: 50_000_000)
        }
        let jpeg = Fixtures.path("rgb.jpg")
        #expect(throws: CRFIOError(path: jpeg, message: "image is 16x16 (256 pixels), more than the 255 this machine can hold")) {
            try ImageFile.readRGB(jpeg, maxPixels: 255)
        }
        #expect(try ImageFile.readRGB(jpeg, maxPixels: 256).pixelCount == 256)
    }

    @Test func missingEmptyDirectoryAndForeignFilesAreNamed() throws {
        try Fixtures.withTemporaryFolder { folder in
            #expect(throws: CRFIOError(path: folder + "/nope.png", message: "no such file")) {
                try ImageFile.readRGB(folder + "/nope.png")
            }
            #expect(throws: CRFIOError(path: folder, message: "is a directory, not a file")) {
                try ImageFile.readRGB(folder)
            }
            Fixtures.write([], to: folder + "/empty.png")
            #expect(throws: CRFIOError(path: folder + "/empty.png", message: "empty file")) {
                try ImageFile.readRGB(folder + "/empty.png")
            }
            Fixtures.write(Array("P6\n1 1\n255\n\0\0\0".utf8), to: folder + "/image.ppm")
            #expect(throws: CRFIOError(path: folder + "/image.ppm", message: "not a PNG or JPEG image")) {
                try ImageFile.readRGB(folder + "/image.ppm")
            }
        }
    }

    @Test func truncatedPNGIsAnError() throws {
        for name in ["rgb8.png", "interlaced.png", "palette8.png"] {
            let bytes = Fixtures.bytes(name)
            for length in [9, 20, 40, bytes.count - 13, bytes.count - 1] {
                #expect(throws: CRFIOError(path: name, message: "truncated PNG"), "\(name) cut to \(length) bytes") {
                    try ImageFile.decodeRGB(Array(bytes.prefix(length)), path: name)
                }
            }
        }
    }

    @Test func corruptPNGReportsLibpngsReason() throws {
        let bytes = Fixtures.bytes("rgb8.png")
        let idat = try #require(bytes.indices.first { Array(bytes[$0..<$0 + 4]) == Array("IDAT".utf8) })
        let idatLength = bytes[idat - 4..<idat].reduce(0) { $0 << 8 | Int($1) }
        var badCRC = bytes
        badCRC[idat + 4 + idatLength] ^= 0x01
        #expect(throws: CRFIOError(path: "x.png", message: "corrupt PNG: IDAT: CRC error")) {
            try ImageFile.decodeRGB(badCRC, path: "x.png")
        }
        // A flipped bit in the compressed data trips zlib before the CRC is reached.
        var badData = bytes
        badData[idat + 6] ^= 0x40
        let error = #expect(throws: CRFIOError.self) { try ImageFile.decodeRGB(badData, path: "x.png") }
        #expect(error?.message.hasPrefix("corrupt PNG: IDAT: ") == true, "\(String(describing: error))")
        var badHeader = bytes
        badHeader[16 + 3] = 0  // width 3 → 0; libpng checks the CRC before the value
        #expect(throws: CRFIOError(path: "x.png", message: "corrupt PNG: IHDR: CRC error")) {
            try ImageFile.decodeRGB(badHeader, path: "x.png")
        }
    }

    @Test func truncatedAndCorruptJPEGAreErrors() throws {
        let bytes = Fixtures.bytes("rgb.jpg")
        for length in [bytes.count / 2, bytes.count - 2] {
            #expect(throws: CRFIOError(path: "x.jpg", message: "truncated JPEG"), "cut to \(length) bytes") {
                try ImageFile.decodeRGB(Array(bytes.prefix(length)), path: "x.jpg")
            }
        }
        #expect(throws: CRFIOError(path: "x.jpg", message: "truncated JPEG")) {
            try ImageFile.decodeRGB(Array(bytes.prefix(20)), path: "x.jpg")
        }
        var badPrecision = bytes
        let frame = try #require(bytes.indices.first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        badPrecision[frame + 4] = 7  // SOF0's sample precision: 8 → 7
        #expect(throws: CRFIOError(path: "x.jpg", message: "corrupt JPEG: Unsupported JPEG data precision 7")) {
            try ImageFile.decodeRGB(badPrecision, path: "x.jpg")
        }
    }
}

/// An 8-bit RGB image, row-major and interleaved (`pixels[3 * (y * width + x) + c]`).
///
/// The engine only needs colours for the bilateral kernel's features; keeping the type here,
/// free of any file format, lets the I/O module produce it and the viewer draw it.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 3,
                     "RGBImage needs width * height * 3 bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Number of pixels, the N of the CRF.
    public var pixelCount: Int { width * height }

    /// The colour at column `x`, row `y`.
    public func rgb(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = 3 * (y * width + x)
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }
}

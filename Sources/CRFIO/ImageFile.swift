import DenseCRF

/// Colour images for the CRF's bilateral kernel: PNG or JPEG in, 8-bit RGB PNG out.
///
/// Reading converts everything to 8-bit RGB as stored, the values a model saw when its unaries
/// were computed from Pillow/numpy arrays: alpha is dropped (not composited on any background),
/// palettes are expanded, gray is replicated, 16-bit samples are scaled to 8 bits with rounding
/// (65535 → 255, 257·v → v), and no gamma or colour-profile conversion is applied.
public enum ImageFile {
    /// Reads a PNG (1 to 16-bit; gray, gray+alpha, RGB, RGBA or palette; interlaced or not) or
    /// a JPEG (YCbCr, grayscale or CMYK), told apart by magic bytes, not by extension.
    ///
    /// - Parameter maxPixels: when the header says width * height is larger, throws before
    ///   decoding or allocating pixel memory. Nil accepts any size that fits in memory.
    public static func readRGB(_ path: String, maxPixels: Int? = nil) throws -> RGBImage {
        try decodeRGB(ImageFormat.readFile(path, maxPixels: maxPixels), path: path, maxPixels: maxPixels)
    }

    /// `readRGB` on bytes already in memory; `path` only names the source in errors.
    public static func decodeRGB(_ bytes: [UInt8], path: String, maxPixels: Int? = nil) throws -> RGBImage {
        let size: ImageSize
        let pixels: [UInt8]
        switch try ImageFormat(detecting: bytes, path: path) {
        case .png:
            size = try PNGCodec.header(bytes, path: path).size
            let byteCount = try size.byteCount(bytesPerPixel: 3, maxPixels: maxPixels, path: path)
            pixels = try PNGCodec.decodeRGB(bytes, byteCount: byteCount, path: path)
        case .jpeg:
            size = try JPEGCodec.size(bytes, path: path)
            let byteCount = try size.byteCount(bytesPerPixel: 3, maxPixels: maxPixels, path: path)
            pixels = try JPEGCodec.decodeRGB(bytes, byteCount: byteCount, path: path)
        }
        return RGBImage(width: size.width, height: size.height, pixels: pixels)
    }

    /// Writes an 8-bit RGB PNG, atomically (see `AtomicFile`).
    public static func writePNG(_ image: RGBImage, to path: String) throws {
        try AtomicFile.write(encodePNG(image, path: path), to: path)
    }

    /// The bytes `writePNG` would write; `path` only names the destination in errors.
    public static func encodePNG(_ image: RGBImage, path: String) throws -> [UInt8] {
        try PNGCodec.encodeRGB(image, path: path)
    }
}

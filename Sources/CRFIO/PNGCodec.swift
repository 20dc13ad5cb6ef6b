import CPNG
import DenseCRF

/// PNG through libpng. Decoding goes through CPNG's C functions, which keep libpng's longjmp
/// error handling inside C; encoding uses libpng's simplified API, which reports errors in the
/// `png_image` struct and never jumps.
enum PNGCodec {
    /// What the IHDR chunk says, read (and CRC-checked by libpng) before any pixel is decoded.
    struct Header {
        let size: ImageSize
        let bitDepth: Int
        let colorType: Int32

        /// Palette, gray and gray+alpha images: the first sample of each pixel is what a label
        /// map means by a class index (alpha aside).
        var holdsIndices: Bool {
            colorType == PNG_COLOR_TYPE_PALETTE || colorType & PNG_COLOR_MASK_COLOR == 0
        }
    }

    static func header(_ bytes: [UInt8], path: String) throws -> Header {
        var header = crf_png_header()
        let failure = failureMessage(bufferSize: CRF_PNG_MESSAGE_SIZE) { message, messageSize in
            crf_png_read_header(bytes, bytes.count, &header, message, messageSize)
        }
        if let failure { throw CRFIOError(path: path, message: failure) }
        return Header(
            size: ImageSize(width: Int(header.width), height: Int(header.height)),
            bitDepth: Int(header.bit_depth), colorType: header.color_type)
    }

    /// Decodes to `byteCount` bytes of 8-bit RGB: palettes expanded, gray replicated, alpha
    /// dropped, 16-bit samples scaled with rounding.
    static func decodeRGB(_ bytes: [UInt8], byteCount: Int, path: String) throws -> [UInt8] {
        try decode(bytes, layout: CRF_PNG_RGB8, byteCount: byteCount, path: path)
    }

    /// Decodes the raw first sample of each pixel of a palette or gray image (alpha dropped):
    /// one byte per pixel, or two big-endian bytes for 16-bit images.
    static func decodeFirstSamples(_ bytes: [UInt8], byteCount: Int, path: String) throws -> [UInt8] {
        try decode(bytes, layout: CRF_PNG_FIRST_CHANNEL, byteCount: byteCount, path: path)
    }

    private static func decode(_ bytes: [UInt8], layout: crf_png_layout, byteCount: Int, path: String) throws -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: byteCount)
        let failure = failureMessage(bufferSize: CRF_PNG_MESSAGE_SIZE) { message, messageSize in
            pixels.withUnsafeMutableBufferPointer { out in
                crf_png_decode(bytes, bytes.count, layout, out.baseAddress, out.count, message, messageSize)
            }
        }
        if let failure { throw CRFIOError(path: path, message: failure) }
        return pixels
    }

    static func encodeRGB(_ image: RGBImage, path: String) throws -> [UInt8] {
        try encode(width: image.width, height: image.height, format: PNG_FORMAT_RGB,
                   samples: image.pixels, colormap: nil, path: path)
    }

    /// A palette PNG; libpng picks the smallest bit depth (1, 2, 4 or 8) that holds
    /// `palette.count` entries, as Pillow does, and every reader expands it back to indices.
    static func encodeIndexed(width: Int, height: Int, indices: [UInt8], palette: [UInt8], path: String) throws
        -> [UInt8]
    {
        try encode(width: width, height: height, format: PNG_FORMAT_RGB | PNG_FORMAT_FLAG_COLORMAP,
                   samples: indices, colormap: palette, path: path)
    }

    /// Runs png_image_write_to_memory twice, first to learn the size (png.h's documented way
    /// to write to memory without guessing a bound), then to fill a buffer of that size.
    private static func encode(width: Int, height: Int, format: UInt32, samples: [UInt8], colormap: [UInt8]?,
                               path: String) throws -> [UInt8]
    {
        func describe(_ image: png_image) -> String {
            withUnsafeBytes(of: image.message) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        func newImage() -> png_image {
            var image = png_image()
            image.version = UInt32(PNG_IMAGE_VERSION)
            image.width = UInt32(clamping: width)
            image.height = UInt32(clamping: height)
            image.format = format
            image.colormap_entries = UInt32((colormap?.count ?? 0) / 3)
            return image
        }
        var image = newImage()
        var size: png_alloc_size_t = 0
        guard png_image_write_to_memory(&image, nil, &size, 0, samples, 0, colormap) != 0 else {
            throw CRFIOError(path: path, message: "cannot encode PNG: \(describe(image))")
        }
        var encoded = [UInt8](repeating: 0, count: Int(size))
        image = newImage()
        let written = encoded.withUnsafeMutableBytes { out in
            png_image_write_to_memory(&image, out.baseAddress, &size, 0, samples, 0, colormap)
        }
        guard written != 0 else {
            throw CRFIOError(path: path, message: "cannot encode PNG: \(describe(image))")
        }
        encoded.removeLast(encoded.count - Int(size))
        return encoded
    }
}

import DenseCRF

/// Label maps as PNG files: class indices in, palette PNGs out.
public enum LabelImageFile {
    /// Reads a label PNG without changing its values:
    /// - palette (any bit depth) → `.indices` with the palette indices;
    /// - gray, 1 to 8-bit → `.indices` with the gray levels as stored (a 2-bit 3 stays 3);
    /// - gray, 16-bit → `.indices` when every value is below 256, else an error naming the
    ///   first pixel that is not (label maps saved as uint16 by numpy usually fit);
    /// - gray+alpha → as gray, alpha dropped;
    /// - RGB or RGBA → `.rgb`, alpha dropped, 16-bit samples scaled as in `ImageFile`.
    ///
    /// JPEG is refused: its lossy compression invents colours along every label boundary.
    public static func read(_ path: String, maxPixels: Int? = nil) throws -> LabelImage {
        try decode(ImageFormat.readFile(path, maxPixels: maxPixels), path: path, maxPixels: maxPixels)
    }

    /// `read` on bytes already in memory; `path` only names the source in errors.
    public static func decode(_ bytes: [UInt8], path: String, maxPixels: Int? = nil) throws -> LabelImage {
        guard try ImageFormat(detecting: bytes, path: path) == .png else {
            throw CRFIOError(
                path: path,
                message: "JPEG label images are not supported: lossy compression changes labels; save labels as PNG")
        }
        let header = try PNGCodec.header(bytes, path: path)
        let size = header.size
        guard header.holdsIndices else {
            let byteCount = try size.byteCount(bytesPerPixel: 3, maxPixels: maxPixels, path: path)
            let pixels = try PNGCodec.decodeRGB(bytes, byteCount: byteCount, path: path)
            return .rgb(RGBImage(width: size.width, height: size.height, pixels: pixels))
        }
        let bytesPerSample = header.bitDepth == 16 ? 2 : 1
        let byteCount = try size.byteCount(bytesPerPixel: bytesPerSample, maxPixels: maxPixels, path: path)
        let samples = try PNGCodec.decodeFirstSamples(bytes, byteCount: byteCount, path: path)
        guard bytesPerSample == 2 else { return .indices(width: size.width, height: size.height, values: samples) }
        var values = [UInt8](repeating: 0, count: size.width * size.height)
        for i in values.indices {
            guard samples[2 * i] == 0 else {
                let value = Int(samples[2 * i]) << 8 | Int(samples[2 * i + 1])
                throw CRFIOError(
                    path: path,
                    message: "16-bit label image has value \(value) at x \(i % size.width), y \(i / size.width); "
                        + "class indices must be below 256")
            }
            values[i] = samples[2 * i + 1]
        }
        return .indices(width: size.width, height: size.height, values: values)
    }

    /// Writes a palette PNG whose pixel values are the class indices and whose palette holds
    /// the classes' display colours, so image viewers show colours and numpy/Pillow users get
    /// the indices back. libpng picks the smallest bit depth (1, 2, 4 or 8) that holds the
    /// palette, as Pillow does. Atomic (see `AtomicFile`).
    public static func writeIndexed(width: Int, height: Int, indices: [UInt8],
                                    palette: [(UInt8, UInt8, UInt8)], to path: String) throws
    {
        let bytes = try encodeIndexed(width: width, height: height, indices: indices, palette: palette, path: path)
        try AtomicFile.write(bytes, to: path)
    }

    /// The bytes `writeIndexed` would write; `path` only names the destination in errors.
    /// Throws when the sizes disagree, the palette has no entries or more than 256, or an
    /// index has no palette entry.
    public static func encodeIndexed(width: Int, height: Int, indices: [UInt8],
                                     palette: [(UInt8, UInt8, UInt8)], path: String) throws -> [UInt8]
    {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard width > 0, height > 0, !overflow, pixels == indices.count else {
            throw CRFIOError(
                path: path, message: "cannot write a \(width)x\(height) label image from \(indices.count) indices")
        }
        guard (1...256).contains(palette.count) else {
            throw CRFIOError(path: path, message: "a palette needs 1 to 256 colours, not \(palette.count)")
        }
        if let i = indices.firstIndex(where: { Int($0) >= palette.count }) {
            throw CRFIOError(
                path: path,
                message: "index \(indices[i]) at x \(i % width), y \(i / width) has no colour in the "
                    + "\(palette.count)-colour palette")
        }
        let colormap = palette.flatMap { [$0.0, $0.1, $0.2] }
        return try PNGCodec.encodeIndexed(width: width, height: height, indices: indices, palette: colormap, path: path)
    }
}

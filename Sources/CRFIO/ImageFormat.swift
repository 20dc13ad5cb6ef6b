/// The image container, told by the file's first bytes rather than its name, so a PNG saved
/// as ".jpg" still opens.
enum ImageFormat {
    case png
    case jpeg

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// SOI followed by the first marker's 0xFF.
    static let jpegSignature: [UInt8] = [0xFF, 0xD8, 0xFF]

    /// Bytes an encoded image may take per pixel of the largest one the caller accepts: a PNG
    /// of 16-bit RGBA stored without compression takes 8 plus a little, a JPEG far less. Plus
    /// `metadataAllowance` for colour profiles, EXIF and text chunks.
    static let maxBytesPerPixel = 9
    static let metadataAllowance = 64 << 20

    /// Reads an image file: the signature first (a large file that is no image is refused
    /// after 8 bytes), then the size against what an image of at most `maxPixels` could
    /// take, then the rest.
    static func readFile(_ path: String, maxPixels: Int?) throws -> [UInt8] {
        let file = try InputFile(path)
        _ = try ImageFormat(detecting: file.bytes(at: 0, count: 8), path: path)
        if let maxPixels {
            let (scaled, overflow) = maxPixels.multipliedReportingOverflow(by: maxBytesPerPixel)
            if !overflow {
                try file.check(atMost: scaled + metadataAllowance, "no PNG or JPEG of at most \(maxPixels) pixels (what this machine can hold)")
            }
        }
        return try file.all()
    }

    init(detecting bytes: [UInt8], path: String) throws {
        if bytes.starts(with: Self.pngSignature) {
            self = .png
        } else if bytes.starts(with: Self.jpegSignature) {
            self = .jpeg
        } else if bytes.isEmpty {
            throw CRFIOError(path: path, message: "empty file")
        } else {
            throw CRFIOError(path: path, message: "not a PNG or JPEG image")
        }
    }
}

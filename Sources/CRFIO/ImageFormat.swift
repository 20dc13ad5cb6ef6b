/// The image container, told by the file's first bytes rather than its name, so a PNG saved
/// as ".jpg" still opens.
enum ImageFormat {
    case png
    case jpeg

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// SOI followed by the first marker's 0xFF.
    static let jpegSignature: [UInt8] = [0xFF, 0xD8, 0xFF]

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

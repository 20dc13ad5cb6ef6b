/// An image's dimensions as its header states them, checked before any pixel memory is
/// allocated: a corrupt or hostile header can claim billions of pixels in a few bytes.
struct ImageSize {
    let width: Int
    let height: Int

    /// The byte count of the decoded image at `bytesPerPixel`. Throws when the image is empty,
    /// when width * height exceeds the caller's budget, or when the byte count would not even
    /// fit in an Int (possible when there is no budget).
    func byteCount(bytesPerPixel: Int, maxPixels: Int?, path: String) throws -> Int {
        guard width > 0, height > 0 else {
            throw CRFIOError(path: path, message: "image is \(width)x\(height), which has no pixels")
        }
        let (pixels, pixelsOverflow) = width.multipliedReportingOverflow(by: height)
        let (bytes, bytesOverflow) = pixels.multipliedReportingOverflow(by: bytesPerPixel)
        guard !pixelsOverflow, !bytesOverflow else {
            throw CRFIOError(path: path, message: "image is \(width)x\(height), too large to hold in memory")
        }
        if let maxPixels, pixels > maxPixels {
            throw CRFIOError(
                path: path,
                message: "image is \(width)x\(height) (\(pixels) pixels), more than the \(maxPixels) this machine can hold")
        }
        return bytes
    }
}

import CJPEG

/// JPEG through libjpeg(-turbo), always by way of CJPEG's C functions, which keep libjpeg's
/// longjmp error handling inside C and turn "premature end of file" into an error.
enum JPEGCodec {
    /// The frame size from the SOF marker, read before any pixel is decoded.
    static func size(_ bytes: [UInt8], path: String) throws -> ImageSize {
        var width: UInt32 = 0
        var height: UInt32 = 0
        let failure = failureMessage(bufferSize: CRF_JPEG_MESSAGE_SIZE) { message, messageSize in
            crf_jpeg_read_header(bytes, bytes.count, &width, &height, message, messageSize)
        }
        if let failure { throw CRFIOError(path: path, message: failure) }
        return ImageSize(width: Int(width), height: Int(height))
    }

    /// Decodes to `byteCount` bytes of 8-bit RGB; grayscale and CMYK files are converted.
    static func decodeRGB(_ bytes: [UInt8], byteCount: Int, path: String) throws -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: byteCount)
        let failure = failureMessage(bufferSize: CRF_JPEG_MESSAGE_SIZE) { message, messageSize in
            pixels.withUnsafeMutableBufferPointer { out in
                crf_jpeg_decode_rgb(bytes, bytes.count, out.baseAddress, out.count, message, messageSize)
            }
        }
        if let failure { throw CRFIOError(path: path, message: failure) }
        return pixels
    }
}

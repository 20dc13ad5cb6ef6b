import CRFIO
import DenseCRF

/// The bytes of the files a run writes, one function each so that `infer` on one image and on
/// a dataset write them the same way (through `OutputFiles`, which stages and commits them).
public enum ResultFiles {
    /// A palette PNG whose pixel values are the labels, in the VOC colours.
    public static func labels(_ labels: [Int32], count: Int, image: RGBImage, path: String) throws -> [UInt8] {
        guard count <= 256 else {
            throw CLIFailure(path, "\(count) labels cannot be stored in an 8-bit label PNG (at most 256); use --out-probs instead")
        }
        return try LabelImageFile.encodeIndexed(width: image.width, height: image.height, indices: labels.map { UInt8($0) },
                                                palette: VOCColormap.colors(count: max(count, 2)), path: path)
    }

    /// The photo with the labels blended over it.
    public static func overlay(_ labels: [Int32], image: RGBImage, path: String) throws -> [UInt8] {
        try ImageFile.encodePNG(LabelOverlay.blend(image: image, labels: labels, palette: VOCColormap.colors()), path: path)
    }

    /// The marginals Q as (L, H, W) float32, or float16 (half the size; Q to about 3 digits).
    public static func marginals(_ q: Marginals, image: RGBImage, float16: Bool) throws -> [UInt8] {
        try q.values.withUnsafeBufferPointer { try marginals($0, labels: q.labelCount, image: image, float16: float16).materialized() }
    }

    /// The same from pixel-major Q in place (`MeanFieldInference.withMarginals`), in pieces
    /// valid while `q` is: blocks of pixels are transposed (`MatrixTranspose.write`) into one
    /// piece per label plane, so no copy of Q is made, whole or transposed.
    public static func marginals(_ q: UnsafeBufferPointer<Float>, labels l: Int, image: RGBImage, float16: Bool) -> FileContents {
        let storedType: NPYElementType = float16 ? .float16 : .float
        let preamble = NPYFile.preamble(shape: [l, image.height, image.width], storedType: storedType)
        let n = q.count / l, size = float16 ? 2 : 4, block = min(n, 16384)
        return .pieces(count: preamble.count + size * q.count) { put in
            try preamble.withUnsafeBytes { try put(0, $0) }
            let planes = UnsafeMutableBufferPointer<Float>.allocate(capacity: l * block)
            let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: size * block, alignment: 4)
            defer {
                planes.deallocate()
                piece.deallocate()
            }
            var start = 0
            while start < n {
                let count = min(block, n - start)
                MatrixTranspose.write(UnsafeBufferPointer(rebasing: q[(start * l)..<((start + count) * l)]), rows: count, columns: l,
                                      into: planes)
                for k in 0..<l {
                    NPYFile.store(UnsafeBufferPointer(rebasing: planes[(k * count)..<((k + 1) * count)]), as: storedType,
                                  into: piece.baseAddress!)
                    try put(preamble.count + size * (k * n + start), UnsafeRawBufferPointer(rebasing: piece[..<(size * count)]))
                }
                start += count
            }
        }
    }
}

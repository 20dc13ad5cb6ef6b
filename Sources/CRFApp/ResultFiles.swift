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
    public static func marginals(_ q: Marginals, image: RGBImage, float16: Bool) -> [UInt8] {
        q.values.withUnsafeBufferPointer { marginals($0, labels: q.labelCount, image: image, float16: float16) }
    }

    /// The same from pixel-major Q in place (`MeanFieldInference.withMarginals`): the file's
    /// bytes are the only copy made.
    public static func marginals(_ q: UnsafeBufferPointer<Float>, labels: Int, image: RGBImage, float16: Bool) -> [UInt8] {
        NPYFile.encode(shape: [labels, image.height, image.width], storedType: float16 ? .float16 : .float) {
            MatrixTranspose.write(q, rows: q.count / labels, columns: labels, into: $0)
        }
    }
}

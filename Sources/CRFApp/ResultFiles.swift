import CRFIO
import DenseCRF

/// The files a run writes, one function each so that `infer` on one image and on a dataset
/// write them the same way.
public enum ResultFiles {
    /// A palette PNG whose pixel values are the labels, in the VOC colours.
    public static func writeLabels(_ labels: [Int32], count: Int, image: RGBImage, to path: String) throws {
        guard count <= 256 else {
            throw CLIFailure(path, "\(count) labels cannot be stored in an 8-bit label PNG (at most 256); use --out-probs instead")
        }
        try LabelImageFile.writeIndexed(width: image.width, height: image.height, indices: labels.map { UInt8($0) },
                                        palette: VOCColormap.colors(count: max(count, 2)), to: path)
    }

    /// The photo with the labels blended over it.
    public static func writeOverlay(_ labels: [Int32], image: RGBImage, to path: String) throws {
        try ImageFile.writePNG(LabelOverlay.blend(image: image, labels: labels, palette: VOCColormap.colors()), to: path)
    }

    /// The marginals Q as (L, H, W) float32, or float16 (half the size; Q to about 3 digits).
    public static func writeMarginals(_ q: Marginals, image: RGBImage, float16: Bool, to path: String) throws {
        try NPYFile.write(NPYArray(shape: [q.labelCount, image.height, image.width], values: q.labelMajor(),
                                   storedType: float16 ? .float16 : .float), to: path)
    }
}

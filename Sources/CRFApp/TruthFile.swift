import CRFIO

/// Ground truth for a problem: an index PNG of class indices (255 = ignore) of the image's size.
public enum TruthFile {
    public static func read(_ path: String, width: Int, height: Int) throws -> [UInt8] {
        let image = try CLIFailure.attributing(to: path) { try LabelImageFile.read(path, maxPixels: width * height) }
        guard case .indices(let w, let h, let values) = image else {
            throw CLIFailure(path, "truth must be an index PNG (8-bit gray or palette), not RGB")
        }
        guard w == width, h == height else {
            throw CLIFailure(path, "truth is \(w)x\(h) but the image is \(width)x\(height)")
        }
        return values
    }
}

import CRFApp
import CRFIO
import CRFTestSupport
import DenseCRF
import Foundation

/// Small two-class scenes for dataset tests: the left part dark, the right light, with the
/// boundary at a column that depends on the scene number; noisy probabilities that favour the
/// right class, and a truth map.
enum SceneFixture {
    static let width = 24, height = 16

    static func boundary(_ n: Int) -> Int { 6 + n % 12 }

    /// Writes scene `n` as a sample folder `folder` (image.png, probs.npy, truth.png).
    static func write(_ n: Int, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (w, h) = (width, height)
        let scene = TwoRegions(width: w, height: h, boundary: boundary(n))
        var random = XorShift(state: UInt64(n + 1) &* 0x9E37_79B9_7F4A_7C15)
        var p = [Float](repeating: 0, count: 2 * w * h)
        for i in 0..<(w * h) {
            let fg = min(0.95, max(0.05, (scene.isRight(i) ? 0.7 : 0.3) + (random.float() - 0.5) * 0.9))
            p[i] = 1 - fg
            p[w * h + i] = fg
        }
        try ImageFile.writePNG(scene.image, to: folder + "/image.png")
        try NPYFile.write(NPYArray(shape: [2, h, w], values: p), to: folder + "/probs.npy")
        try LabelImageFile.writeIndexed(width: w, height: h, indices: scene.truth, palette: VOCColormap.colors(count: 2), to: folder + "/truth.png")
    }

    /// `count` scenes in `root`/scene-K; returns their folders.
    static func folders(_ count: Int, in root: String) throws -> [String] {
        try (0..<count).map { n in
            let folder = "\(root)/scene-\(n)"
            try write(n, to: folder)
            return folder
        }
    }

    /// The default model, as the command line resolves it with no flags.
    static let model = ModelChoice(paramsPath: nil, paramsFile: nil) { _ in
        var p = CRFParameters()
        p.iterations = 5
        return (p, UnarySettings())
    }
}

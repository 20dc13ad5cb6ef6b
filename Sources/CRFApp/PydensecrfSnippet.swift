import CRFIO
import DenseCRF
import Foundation

/// A ready-to-run pydensecrf script with the same model, for users who deploy with it.
///
/// The script reads the unary crfview actually used, saved beside it as `.npy`, rather than
/// re-deriving it from the user's file: that one array stands for every input crfview accepts
/// (either layout, a .npz member, logits after the softmax, one channel made two, uint8
/// scaled, a map upsampled to the image, k-means memberships, an RGB annotation turned into
/// indices), so the script is correct for all of them by construction. The unary settings
/// (clip, scale, gt_prob) stay in the script, applied by pydensecrf's own helpers. Paths are
/// absolute, so the script runs from any folder.
public enum PydensecrfSnippet {
    /// The array to save as `unaryFile`: (L, H, W) probabilities or energies, or the (H, W)
    /// annotation (0 = unknown, classes 1…L).
    public static func unaryArray(_ source: UnarySource, width: Int, height: Int) -> (shape: [Int], values: [Float]) {
        switch source {
        case .probabilities(let p, let l): ([l, height, width], p)
        case .energies(let u, let l): ([l, height, width], u)
        case .annotation(let a, _): ([height, width], a.map(Float.init))
        }
    }

    /// The script. `origin` names where the unary came from, for the reader.
    public static func make(imagePath: String, source: UnarySource, origin: String, unaryFile: String,
                            parameters p: CRFParameters, unary u: UnarySettings) -> String {
        let number = ValueText.text as (Float) -> String
        func compat(_ c: LabelCompatibility) -> String {
            if case .potts = c { return ValueText.text(c) }
            return "np.array(\(ValueText.text(c)), dtype=np.float32)"
        }
        func normalization(_ n: KernelNormalization) -> String {
            let name = ["symmetric": "NORMALIZE_SYMMETRIC", "before": "NORMALIZE_BEFORE", "after": "NORMALIZE_AFTER", "none": "NO_NORMALIZATION"][n.rawValue]!
            return n == .symmetric ? "" : ", normalization=dcrf.\(name)"
        }
        let l = source.labelCount
        var lines = [
            "# Made by crfview: the same dense CRF in pydensecrf (pip install pydensecrf2 pillow).",
            "import numpy as np",
            "import pydensecrf.densecrf as dcrf",
            "from pydensecrf.utils import unary_from_labels, unary_from_softmax",
            "from PIL import Image",
            "",
            "image = np.ascontiguousarray(np.array(Image.open(\(pythonString(absolute(imagePath)))).convert(\"RGB\")))",
            "H, W = image.shape[:2]",
            "L = \(l)",
        ]
        let file = pythonString(absolute(unaryFile))
        switch source {
        case .probabilities:
            lines.append("# (L, H, W) probabilities as crfview read them from \(origin)")
            lines.append("probs = np.load(\(file)).astype(np.float32)")
            let scale = u.scale.map { "scale=\(number($0)), " } ?? ""
            lines.append("U = unary_from_softmax(probs, \(scale)clip=\(number(u.clip)))")
        case .energies:
            lines.append("# (L, H, W) energies as crfview read them from \(origin)")
            lines.append("U = np.load(\(file)).astype(np.float32).reshape(L, -1)")
        case .annotation:
            lines.append("# (H, W) annotation as crfview read it from \(origin): 0 = unknown, classes 1..L")
            lines.append("labels = np.load(\(file)).astype(np.int32)")
            lines.append("U = unary_from_labels(labels, L, gt_prob=\(number(u.gtProb)), zero_unsure=True)")
        }
        if let c = p.unaryCalibration {
            lines.append("# learned unary calibration U' = a*U + b_l (crfview learn)")
            lines.append("U = (\(number(c.weight)) * U + np.array([\(c.bias.map(number).joined(separator: ", "))], dtype=np.float32)[:, None]).astype(np.float32)")
        }
        if p.isUntied {
            lines.append("# NOTE: this model is untied (per-step compatibilities, crfview learn --untied); pydensecrf")
            lines.append("# runs one compatibility per kernel, so the script uses each kernel's first step only.")
        }
        lines += ["d = dcrf.DenseCRF2D(W, H, L)", "d.setUnaryEnergy(np.ascontiguousarray(U))"]
        if let g = p.gaussian {
            lines.append("d.addPairwiseGaussian(sxy=\(number(g.sxy)), compat=\(compat(g.compat))\(normalization(g.normalization)))")
        }
        if let b = p.bilateral {
            lines.append("d.addPairwiseBilateral(sxy=\(number(b.sxy)), srgb=\(number(b.srgb)), rgbim=image, compat=\(compat(b.compat))\(normalization(b.normalization)))")
        }
        lines += [
            "Q = np.array(d.inference(\(p.iterations))).reshape(L, H, W)",
            "segmentation = Q.argmax(axis=0)",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func pythonString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

import DenseCRF
import Viewer

/// A ready-to-run pydensecrf script with the same model, for users who deploy with it.
enum PydensecrfSnippet {
    static func make(problem: ViewerProblem, parameters p: CRFParameters, unary u: UnarySettings) -> String {
        func number(_ v: Float) -> String { v == v.rounded() && abs(v) < 1e7 ? String(Int(v)) : "\(v)" }
        func compat(_ c: LabelCompatibility) -> String {
            switch c {
            case .potts(let w): number(w)
            case .diagonal(let v): "np.array([\(v.map(number).joined(separator: ", "))], dtype=np.float32)"
            case .matrix(let m): "np.array([\(m.map { "[" + $0.map(number).joined(separator: ", ") + "]" }.joined(separator: ", "))], dtype=np.float32)"
            }
        }
        func normalization(_ n: KernelNormalization) -> String {
            let name = ["symmetric": "NORMALIZE_SYMMETRIC", "before": "NORMALIZE_BEFORE", "after": "NORMALIZE_AFTER", "none": "NO_NORMALIZATION"][n.rawValue]!
            return n == .symmetric ? "" : ", normalization=dcrf.\(name)"
        }
        let image = problem.imagePath ?? "image.png"
        let source = problem.sourcePath ?? "probs.npy"
        var lines = [
            "# Made by crfview: the same dense CRF in pydensecrf (pip install pydensecrf2 pillow).",
            "import numpy as np",
            "import pydensecrf.densecrf as dcrf",
            "from pydensecrf.utils import unary_from_labels, unary_from_softmax",
            "from PIL import Image",
            "",
            "image = np.ascontiguousarray(np.array(Image.open(\(pythonString(image))).convert(\"RGB\")))",
            "H, W = image.shape[:2]",
        ]
        switch problem.source {
        case .probabilities(_, let l):
            lines.append("probs = np.load(\(pythonString(source))).astype(np.float32)  # (L, H, W)")
            lines.append("L = \(l)")
            let scale = u.scale.map { "scale=\(number($0)), " } ?? ""
            lines.append("U = unary_from_softmax(probs, \(scale)clip=\(number(u.clip)))")
        case .energies(_, let l):
            lines.append("U = np.load(\(pythonString(source))).astype(np.float32).reshape(\(l), -1)  # energies, (L, H, W)")
            lines.append("L = \(l)")
        case .annotation(_, let l):
            lines.append("labels = np.array(Image.open(\(pythonString(source))))  # index PNG, 0 = unknown, classes 1..L")
            lines.append("L = \(l)")
            lines.append("U = unary_from_labels(labels, L, gt_prob=\(number(u.gtProb)), zero_unsure=True)")
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

    private static func pythonString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

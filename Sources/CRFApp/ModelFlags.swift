import CRFIO
import DenseCRF

/// The model as the command line gives it: a params file and flags that override it. Without
/// `--params` both standard kernels are on with their defaults. Every value is checked against
/// the problem's label count, and a bad one is reported against the flag or the file it came
/// from.
public struct ModelFlags: Sendable {
    public var paramsFile: String?
    public var gaussianSxy: Float?
    public var gaussianCompat: String?
    public var bilateralSxy: Float?
    public var bilateralSrgb: Float?
    public var bilateralCompat: String?
    public var noGaussian = false
    public var noBilateral = false
    public var iterations: Int?
    public var gtProb: Float?
    public var clip: Float?
    public var scale: Float?

    public init() {}

    /// The params file, if any, read once.
    public func loadParamsFile() throws -> ParamsFile? {
        guard let path = paramsFile else { return nil }
        return try CLIFailure.attributing(to: path) { try ParamsFile.read(path) }
    }

    /// The params file read once and these flags, to be resolved per problem.
    public func choice() throws -> ModelChoice {
        let file = try loadParamsFile()
        let flags = self
        return ModelChoice(paramsPath: paramsFile, paramsFile: file) { labels in try flags.resolve(file, labels: labels) }
    }

    /// The files these flags read: the params file, the compatibility `.npy` files of the
    /// flags and those the params file names.
    public func inputFiles() throws -> [String] {
        let flags = [gaussianCompat, bilateralCompat].compactMap { $0 }.filter { $0.hasSuffix(".npy") }
        return (paramsFile.map { [$0] } ?? []) + flags + (try loadParamsFile()?.files ?? [])
    }

    /// Merges the params file and the flags into a model for `labels` labels, checking every
    /// value and naming the flag or file a bad one came from.
    public func resolve(_ file: ParamsFile?, labels: Int) throws -> (CRFParameters, UnarySettings) {
        var p = file?.parameters ?? CRFParameters()
        var unary = file?.unary ?? UnarySettings()
        let origin = paramsFile ?? "parameters"

        if noGaussian {
            p.gaussian = nil
        } else if gaussianSxy != nil || gaussianCompat != nil {
            p.gaussian = p.gaussian ?? GaussianKernelParameters()
        }
        if let s = gaussianSxy { p.gaussian?.sxy = s }
        if let c = gaussianCompat { p.gaussian?.compat = try Self.compat(c, flag: "--gaussian-compat") }

        if noBilateral {
            p.bilateral = nil
        } else if bilateralSxy != nil || bilateralSrgb != nil || bilateralCompat != nil {
            p.bilateral = p.bilateral ?? BilateralKernelParameters()
        }
        if let s = bilateralSxy { p.bilateral?.sxy = s }
        if let s = bilateralSrgb { p.bilateral?.srgb = s }
        if let c = bilateralCompat { p.bilateral?.compat = try Self.compat(c, flag: "--bilateral-compat") }
        if let t = iterations { p.iterations = t }
        if let g = gtProb { unary.gtProb = g }
        if let c = clip { unary.clip = c }
        if let s = scale { unary.scale = s }

        // Attribute each problem to the flag that set it, else to the params file.
        let widths = [(gaussianSxy, "--gaussian-sxy", CRFParameters.largestCoordinate), (bilateralSxy, "--bilateral-sxy", CRFParameters.largestCoordinate),
                      (bilateralSrgb, "--bilateral-srgb", CRFParameters.largestColourLevel)]
        for (value, flag, largest) in widths {
            if let v = value { try CLIFailure.attributing(to: flag) { try CRFParameters.checkWidth(v, "width", largestFeature: largest) } }
        }
        if let t = iterations, t < 0 { throw CLIFailure("--iterations", "must be at least 0, got \(t)") }
        if let g = p.gaussian {
            try CLIFailure.attributing(to: Self.subject(gaussianCompat, flag: "--gaussian-compat", origin)) {
                try g.compat.validate(labels: labels)
                try CRFParameters.checkCompatibility(g.compat, "gaussian compat")
            }
        }
        if let b = p.bilateral {
            try CLIFailure.attributing(to: Self.subject(bilateralCompat, flag: "--bilateral-compat", origin)) {
                try b.compat.validate(labels: labels)
                try CRFParameters.checkCompatibility(b.compat, "bilateral compat")
            }
        }
        try CLIFailure.attributing(to: origin) { try p.validate(labels: labels) }
        if let s = unary.scale, !(s > 0 && s <= 1) { throw CLIFailure(scale != nil ? "--scale" : origin, "scale must be in (0, 1], got \(s)") }
        if !(unary.clip > 0 && unary.clip < 1) { throw CLIFailure(clip != nil ? "--clip" : origin, "clip must be in (0, 1), got \(unary.clip)") }
        if !(unary.gtProb > 0 && unary.gtProb < 1) { throw CLIFailure(gtProb != nil ? "--gt-prob" : origin, "gt_prob must be in (0, 1), got \(unary.gtProb)") }
        return (p, unary)
    }

    /// Who a compatibility problem is reported against: the `.npy` file or the flag that gave
    /// it, else the params file.
    private static func subject(_ value: String?, flag: String, _ origin: String) -> String {
        guard let value else { return origin }
        return value.hasSuffix(".npy") ? value : flag
    }

    /// A compat flag: a number (Potts), a comma list (diagonal) or a path to an L×L `.npy`.
    static func compat(_ text: String, flag: String) throws -> LabelCompatibility {
        if let c = ValueText.compatibility(text) { return c }
        if text.hasSuffix(".npy") {
            return try CLIFailure.attributing(to: text) { try CompatibilityFile.read(text) }
        }
        throw CLIFailure(flag, "expected a number, a comma list of numbers or an LxL .npy file, got '\(text)'")
    }
}

import ArgumentParser
import CRFApp
import CRFIO
import DenseCRF
import Foundation

/// The model flags shared by `infer`, `view`, `eval` and `learn`. Flags override `--params`;
/// without `--params` both standard kernels are on with the defaults shown.
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("params"), help: ArgumentHelp("Model parameters as JSON (schema of the conformance README, plus \"iterations\").", valueName: "file.json"))
    var paramsFile: String?

    @Option(help: ArgumentHelp("Spatial kernel width in pixels. (default: 3)", valueName: "px"))
    var gaussianSxy: Float?
    @Option(help: ArgumentHelp("Spatial kernel compatibility: a number (Potts), a comma list (diagonal) or an LxL .npy (matrix). (default: 3)", valueName: "w|list|file.npy"))
    var gaussianCompat: String?
    @Option(help: ArgumentHelp("Bilateral kernel width in pixels. (default: 80)", valueName: "px"))
    var bilateralSxy: Float?
    @Option(help: ArgumentHelp("Bilateral kernel colour width in levels 0-255. (default: 13)", valueName: "levels"))
    var bilateralSrgb: Float?
    @Option(help: ArgumentHelp("Bilateral kernel compatibility, as --gaussian-compat. (default: 10)", valueName: "w|list|file.npy"))
    var bilateralCompat: String?
    @Flag(help: "Leave out the spatial kernel.")
    var noGaussian = false
    @Flag(help: "Leave out the bilateral kernel.")
    var noBilateral = false
    @Option(help: ArgumentHelp("Mean-field steps. (default: 10)", valueName: "T"))
    var iterations: Int?

    @Option(help: ArgumentHelp("Confidence of annotated labels, for --labels. (default: 0.7)", valueName: "p"))
    var gtProb: Float?
    @Option(help: ArgumentHelp("Probabilities are clamped to at least this before -log. (default: 1e-05)", valueName: "p"))
    var clip: Float?
    @Option(help: ArgumentHelp("Blend probabilities with uniform: scale*p + (1-scale)/L, as pydensecrf's unary_from_softmax.", valueName: "s"))
    var scale: Float?

    /// The params file, if any, read once.
    func loadParamsFile() throws -> ParamsFile? {
        guard let path = paramsFile else { return nil }
        return try CLIFailure.attributing(to: path) { try ParamsFile.read(path) }
    }

    /// The params file read once and these flags, to be resolved per problem.
    func choice() throws -> ModelChoice {
        let file = try loadParamsFile()
        let options = self
        return ModelChoice(paramsPath: paramsFile, paramsFile: file) { labels in try options.resolve(file, labels: labels) }
    }

    /// The files these options read: the params file, the compatibility `.npy` files of the
    /// flags and those the params file names.
    func inputFiles() throws -> [String] {
        let flags = [gaussianCompat, bilateralCompat].compactMap { $0 }.filter { $0.hasSuffix(".npy") }
        return (paramsFile.map { [$0] } ?? []) + flags + (try loadParamsFile()?.files ?? [])
    }

    /// Merges `--params` and the flags into a model for `labels` labels, checking every value
    /// and naming the flag or file a bad one came from.
    func resolve(_ file: ParamsFile?, labels: Int) throws -> (CRFParameters, UnarySettings) {
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

/// Where the unaries come from: exactly one of the five.
struct UnaryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Unary energies U = -log p, (L,H,W) or (H,W,L) .npy (or file.npz:key).", valueName: "U.npy"))
    var unary: String?
    @Option(help: ArgumentHelp("Class probabilities, (L,H,W) or (H,W,L); one channel, (1,H,W) or (H,W), is a foreground probability. Float, or uint8 read as v/255.", valueName: "P.npy"))
    var probs: String?
    @Option(help: ArgumentHelp("Network scores before the softmax, (L,H,W) or (H,W,L); one channel is a sigmoid logit.", valueName: "Z.npy"))
    var logits: String?
    @Option(help: ArgumentHelp("Softmax temperature of --logits: p = softmax(z/T). (default: 1)", valueName: "T"))
    var temperature: Float?
    @Option(help: ArgumentHelp("Annotation PNG: 8-bit indices (0 = unknown, classes 1..L) or RGB colours (black = unknown).", valueName: "A.png"))
    var labels: String?
    @Option(help: ArgumentHelp("No network output: cluster the image by colour (and weakly by position) into K classes and use the soft cluster memberships as probabilities.", valueName: "K"))
    var kmeans: Int?
    @Option(help: ArgumentHelp("Seed of the --kmeans initialisation.", valueName: "S"))
    var seed: UInt64 = 0
    @Option(help: ArgumentHelp("Layout of the arrays when their shape leaves it open (a square image with as many labels as rows).", valueName: "chw|hwc"))
    var layout: String?
    @Flag(help: "Stretch maps of another aspect ratio to the image (bilinear), for networks that resize every photo to a fixed size. Smaller maps of the image's aspect are upsampled without it.")
    var resize = false

    /// How many of the five sources were given.
    var givenCount: Int { [unary != nil, probs != nil, logits != nil, labels != nil, kmeans != nil].filter { $0 }.count }

    /// The one source given.
    func spec() throws -> UnarySpec {
        guard givenCount == 1 else {
            throw CLIFailure("command line", givenCount == 0
                ? "give the unaries with one of --probs P.npy, --logits Z.npy, --unary U.npy, --labels A.png or --kmeans K"
                : "give only one of --probs, --logits, --unary, --labels and --kmeans")
        }
        if let p = probs { return .map(path: p, kind: .probs) }
        if let p = logits { return .map(path: p, kind: .logits) }
        if let p = unary { return .map(path: p, kind: .unary) }
        if let p = labels { return .annotation(path: p) }
        return .kmeans(clusters: kmeans!, seed: seed)
    }

    /// How map files are read; --temperature belongs to --logits only (in a `batch`, to the
    /// inputs that are logits).
    func mapOptions(batch: Bool = false) throws -> MapOptions {
        if let t = temperature {
            guard logits != nil || batch else { throw CLIFailure("--temperature", "applies to --logits only") }
            guard t > 0, t.isFinite else { throw CLIFailure("--temperature", "must be positive, got \(t)") }
        }
        return MapOptions(layout: try parsedLayout(), temperature: temperature ?? 1, resize: resize)
    }

    func parsedLayout() throws -> ArrayLayout? {
        guard let layout else { return nil }
        guard let l = ArrayLayout(rawValue: layout.lowercased()) else {
            throw CLIFailure("--layout", "expected chw or hwc, got '\(layout)'")
        }
        return l
    }
}

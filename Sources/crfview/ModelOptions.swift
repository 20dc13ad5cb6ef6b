import ArgumentParser
import CRFApp
import CRFIO

/// The model flags shared by `infer`, `view`, `eval`, `learn` and `bench`; `ModelFlags` merges
/// and checks them.
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

    /// The flags as plain values, for `ModelFlags` to merge and check.
    var flags: ModelFlags {
        var f = ModelFlags()
        f.paramsFile = paramsFile
        f.gaussianSxy = gaussianSxy
        f.gaussianCompat = gaussianCompat
        f.bilateralSxy = bilateralSxy
        f.bilateralSrgb = bilateralSrgb
        f.bilateralCompat = bilateralCompat
        f.noGaussian = noGaussian
        f.noBilateral = noBilateral
        f.iterations = iterations
        f.gtProb = gtProb
        f.clip = clip
        f.scale = scale
        return f
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
        guard let spec = try given() else { throw CLIFailure("command line", UnarySpec.missing) }
        return spec
    }

    /// The source given, or nil when none is (a sample folder brings its own).
    func given() throws -> UnarySpec? {
        guard givenCount <= 1 else { throw CLIFailure("command line", "give only one of --probs, --logits, --unary, --labels and --kmeans") }
        if givenCount == 0 { return nil }
        if let p = probs { return .map(path: p, kind: .probs) }
        if let p = logits { return .map(path: p, kind: .logits) }
        if let p = unary { return .map(path: p, kind: .unary) }
        if let p = labels { return .annotation(path: p) }
        return .kmeans(clusters: kmeans!, seed: seed)
    }

    /// How map files are read; --temperature belongs to --logits only (in a `batch`, to the
    /// inputs that are logits).
    func mapOptions(batch: Bool = false) throws -> MapOptions {
        if temperature != nil, logits == nil, !batch { throw CLIFailure("--temperature", "applies to --logits only") }
        return try MapOptions(layoutFlag: layout, temperatureFlag: temperature, resize: resize)
    }
}

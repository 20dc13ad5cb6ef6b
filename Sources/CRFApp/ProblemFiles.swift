import CRFIO
import DenseCRF
import Foundation

/// Reads a `Problem` from files: the one place that decides what a sample folder or an image
/// with unary flags means, for every command.
public enum ProblemFiles {
    /// What `view` and `bench` open: a sample folder (see `SampleFolder`) or an image.
    ///
    /// A folder gives the image, the unary source (unless `unary` overrides it), the truth
    /// (unless `truth` does), the title and, when `model` names no params file, its own
    /// `params.json`. An image needs `unary`; its title is its file name, its class names come
    /// from `classes` or the metadata beside it.
    public static func open(_ path: String, unary: UnarySpec?, mapOptions: MapOptions = MapOptions(), model: ModelFlags,
                            truth: String? = nil, classes: String? = nil) throws -> (problem: Problem, notes: [String]) {
        var isDirectory: ObjCBool = false
        let sample = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? try SampleFolder(path) : nil
        let imagePath = sample?.image ?? path
        guard let spec = unary ?? sample?.unary else { throw CLIFailure("command line", UnarySpec.missing) }
        var flags = model
        if flags.paramsFile == nil { flags.paramsFile = sample?.params }
        var (problem, notes) = try load(imagePath: imagePath, unary: spec, mapOptions: mapOptions, model: try flags.choice())
        if let truthPath = truth ?? sample?.truth {
            problem.truth = try TruthFile.read(truthPath, width: problem.image.width, height: problem.image.height)
        }
        problem.title = sample?.title ?? problem.title
        problem.classNames = try SampleFolder.classNames(flag: classes, imagePath: imagePath)
        return (problem, notes)
    }

    /// Reads the image, the unary source and the parameters, checking that they agree and fit
    /// in memory. Every failure names the file it is about. Returns the problem (titled with
    /// the image's file name) and one-line notes for stderr about how the input was read
    /// (resampling, uint8 scaling).
    public static func load(imagePath: String, unary: UnarySpec, mapOptions: MapOptions = MapOptions(),
                            model: ModelChoice) throws -> (problem: Problem, notes: [String]) {
        let image = try CLIFailure.attributing(to: imagePath) {
            try ImageFile.readRGB(imagePath, maxPixels: MemoryBudget.maxDecodablePixels)
        }
        let paramsFile = model.paramsFile
        let source: UnarySource
        var notes: [String] = []
        switch unary {
        case .map(let path, let kind):
            (source, notes) = try UnaryMapFile.read(path, kind: kind, options: mapOptions, width: image.width, height: image.height)
        case .kmeans(let k, let seed):
            // Clustering takes memory of the model's order; check the model fits before it.
            if k >= 2, k <= image.pixelCount {
                let (parameters, _) = try model.resolve(k)
                try MemoryBudget.check(path: imagePath, width: image.width, height: image.height, labels: k, parameters: parameters)
            }
            source = try CLIFailure.attributing(to: "--kmeans") { try KMeansUnary.probabilities(image: image, clusters: k, seed: seed) }
        case .annotation(let path):
            let labelImage = try CLIFailure.attributing(to: path) { try LabelImageFile.read(path, maxPixels: MemoryBudget.maxDecodablePixels) }
            guard labelImage.width == image.width, labelImage.height == image.height else {
                throw CLIFailure(path, "annotation is \(labelImage.width)x\(labelImage.height) but the image is \(image.width)x\(image.height)")
            }
            let annotation = try Annotation(labelImage, labels: paramsFile?.labels, path: path)
            source = .annotation(values: annotation.values, labels: annotation.labels)
        }
        if let stated = paramsFile?.labels, stated != source.labelCount, let file = model.paramsPath {
            throw CLIFailure(file, "says \"labels\": \(stated) but \(unary.subject) has \(source.labelCount)")
        }
        let (parameters, settings) = try model.resolve(source.labelCount)
        try MemoryBudget.check(path: imagePath, width: image.width, height: image.height, labels: source.labelCount, parameters: parameters)
        let problem = Problem(title: URL(fileURLWithPath: imagePath).lastPathComponent, image: image, source: source,
                              unarySettings: settings, parameters: parameters, imagePath: imagePath, sourcePath: unary.subject)
        return (problem, notes)
    }
}

extension Problem {
    /// The unary energies under the current settings; a failure names the unary file.
    public func unaryEnergies() throws -> UnaryEnergies {
        try CLIFailure.attributing(to: sourcePath ?? "unary") { try source.energies(pixels: image.pixelCount, settings: unarySettings) }
    }

    /// Builds the CRF for the current parameters; a failure names the image. The problem is
    /// used up once the unary energies are made: a caller that passes its last use (a one-shot
    /// run) frees the unary source before the build instead of holding it through the run,
    /// which at 2048×1536 with 21 labels is 264 MB of a peak of 1.4 GB.
    public consuming func model() throws -> DenseCRF {
        let (image, parameters, name) = (image, parameters, imagePath ?? title)
        let u = try unaryEnergies()
        _ = consume self
        return try CLIFailure.attributing(to: name) { try DenseCRF(image: image, unary: u, parameters: parameters) }
    }
}

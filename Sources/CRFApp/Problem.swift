import CRFIO
import DenseCRF

/// One inference problem as loaded from files: the image, the raw unary source and the model,
/// with the paths kept so later errors (and exported scripts) can name them.
public struct Problem: Sendable {
    public let image: RGBImage
    public let imagePath: String
    public let unary: UnarySpec
    public let mapOptions: MapOptions
    public let source: UnarySource
    public var parameters: CRFParameters
    public var unarySettings: UnarySettings
    /// One-line notes for stderr about how the input was read (resampling, uint8 scaling).
    public let notes: [String]

    public var labelCount: Int { source.labelCount }
    public var sourcePath: String { unary.subject }

    /// Reads the image, the unary source and the parameters, checking that they agree and fit
    /// in memory. Every failure names the file it is about.
    public static func load(imagePath: String, unary: UnarySpec, mapOptions: MapOptions = MapOptions(),
                            model: ModelChoice) throws -> Problem {
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
        return Problem(image: image, imagePath: imagePath, unary: unary, mapOptions: mapOptions, source: source,
                       parameters: parameters, unarySettings: settings, notes: notes)
    }

    /// The unary energies under the current settings.
    public func unaryEnergies() throws -> UnaryEnergies {
        try CLIFailure.attributing(to: sourcePath) { try source.energies(pixels: image.pixelCount, settings: unarySettings) }
    }

    /// Builds the CRF for the current parameters.
    public func model() throws -> DenseCRF {
        let u = try unaryEnergies()
        return try CLIFailure.attributing(to: imagePath) { try DenseCRF(image: image, unary: u, parameters: parameters) }
    }
}

import CRFIO
import DenseCRF

/// One inference problem as loaded from files: the image, the raw unary source and the model,
/// with the paths kept so later errors can name them.
struct Problem {
    let image: RGBImage
    let imagePath: String
    let source: UnarySource
    let sourcePath: String
    var parameters: CRFParameters
    var unarySettings: UnarySettings

    var labelCount: Int { source.labelCount }

    /// Reads the image, the unary source and the parameters, checking that they agree and fit
    /// in memory. Every failure names the file it is about.
    static func load(imagePath: String, unary: UnaryOptions, model: ModelOptions) throws -> Problem {
        guard unary.givenCount == 1 else {
            throw CLIFailure("command line", unary.givenCount == 0
                ? "give the unaries with one of --unary U.npy, --probs P.npy, --labels A.png or --kmeans K"
                : "give only one of --unary, --probs, --labels and --kmeans")
        }
        let paramsFile = try model.loadParamsFile()
        let image = try CLIFailure.attributing(to: imagePath) {
            try ImageFile.readRGB(imagePath, maxPixels: MemoryBudget.maxDecodablePixels)
        }
        let layout = try unary.parsedLayout()
        let source: UnarySource
        let sourcePath: String
        if let path = unary.unary ?? unary.probs {
            sourcePath = path
            let array = try CLIFailure.attributing(to: path) { try NPYFile.read(path) }
            let (labels, values) = try ArrayLayout.labelMajor(array, width: image.width, height: image.height, layout: layout, path: path)
            guard labels >= 2 else { throw CLIFailure(path, "has \(labels) label\(labels == 1 ? "" : "s"); need at least 2") }
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                let n = image.pixelCount
                throw CLIFailure(path, "value \(values[bad]) at label \(bad / n), row \(bad % n / image.width), column \(bad % image.width) is not finite")
            }
            source = unary.unary != nil ? .energies(labelMajor: values, labels: labels) : .probabilities(labelMajor: values, labels: labels)
        } else if let k = unary.kmeans {
            sourcePath = "--kmeans"
            source = try CLIFailure.attributing(to: "--kmeans") { try KMeansUnary.probabilities(image: image, clusters: k, seed: unary.seed) }
        } else {
            let path = unary.labels!
            sourcePath = path
            let labelImage = try CLIFailure.attributing(to: path) { try LabelImageFile.read(path, maxPixels: MemoryBudget.maxDecodablePixels) }
            guard labelImage.width == image.width, labelImage.height == image.height else {
                throw CLIFailure(path, "annotation is \(labelImage.width)x\(labelImage.height) but the image is \(image.width)x\(image.height)")
            }
            let annotation = try Annotation(labelImage, labels: paramsFile?.labels, path: path)
            source = .annotation(values: annotation.values, labels: annotation.labels)
        }
        if let stated = paramsFile?.labels, stated != source.labelCount, let file = model.paramsFile {
            throw CLIFailure(file, "says \"labels\": \(stated) but \(sourcePath) has \(source.labelCount)")
        }
        let (parameters, settings) = try model.resolve(paramsFile, labels: source.labelCount)
        try MemoryBudget.check(path: imagePath, width: image.width, height: image.height, labels: source.labelCount, parameters: parameters)
        return Problem(image: image, imagePath: imagePath, source: source, sourcePath: sourcePath, parameters: parameters, unarySettings: settings)
    }

    /// The unary energies under the current settings.
    func unaryEnergies() throws -> UnaryEnergies {
        try CLIFailure.attributing(to: sourcePath) { try source.energies(pixels: image.pixelCount, settings: unarySettings) }
    }

    /// Builds the CRF for the current parameters.
    func model() throws -> DenseCRF {
        let u = try unaryEnergies()
        return try CLIFailure.attributing(to: imagePath) { try DenseCRF(image: image, unary: u, parameters: parameters) }
    }
}

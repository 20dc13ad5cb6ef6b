import CRFIO
import DenseCRF
import Foundation

/// The viewer's `s`: writes the label PNG, the overlay, Q as `.npy`, the parameters as JSON
/// that `--params` loads back, and a pydensecrf script with the unary it reads, under one
/// numbered name in `folder`, all or none (`OutputFiles`). The name comes from the image's
/// folder and file name (so exports of many `image.png`s differ), the number is the first for
/// which none of the files exists, so earlier exports are never overwritten.
public struct ExportFolder: Sendable {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// The suffixes of one export's files.
    public static let suffixes = ["labels.png", "overlay.png", "q.npy", "params.json", "unary.npy", "pydensecrf.py"]

    /// `folder/crfview-<slug>-NNN`, the first number none of whose files exists.
    public func prefix(for problem: Problem) -> String {
        let name = problem.imagePath.map { path -> String in
            let url = URL(fileURLWithPath: path).standardizedFileURL
            return url.deletingLastPathComponent().lastPathComponent + "-" + url.deletingPathExtension().lastPathComponent
        } ?? problem.title
        let slug = String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(40))
        var number = 1
        var base: String { "\(folder)/crfview-\(slug)-\(String(format: "%03d", number))" }
        while Self.suffixes.contains(where: { FileManager.default.fileExists(atPath: "\(base)-\($0)") }) { number += 1 }
        return base
    }

    /// Writes the result of `parameters` and `unarySettings` on `problem` (full resolution:
    /// `labels` and `marginals` cover the problem's image); `palette` colours the overlay.
    /// Returns the line that says where the files went.
    public func export(_ problem: Problem, labels: [Int32], marginals: Marginals, parameters: CRFParameters,
                       unarySettings: UnarySettings, palette: [(UInt8, UInt8, UInt8)]) throws -> String {
        let prefix = prefix(for: problem)
        let image = problem.image
        let l = marginals.labelCount
        var files = OutputFiles()
        try files.stage("\(prefix)-labels.png") {
            guard l <= 256 else { throw CLIFailure("\(prefix)-labels.png", "\(l) labels do not fit an 8-bit PNG") }
            return try LabelImageFile.encodeIndexed(width: image.width, height: image.height, indices: labels.map { UInt8($0) },
                                                    palette: VOCColormap.colors(count: max(l, 2)), path: "\(prefix)-labels.png")
        }
        try files.stage("\(prefix)-overlay.png") {
            try ImageFile.encodePNG(LabelOverlay.blend(image: image, labels: labels, palette: palette), path: "\(prefix)-overlay.png")
        }
        try files.stage("\(prefix)-q.npy") {
            try ResultFiles.marginals(marginals, image: image, float16: false)
        }
        try files.stage("\(prefix)-params.json") {
            Array(ParamsFile(parameters: parameters, unary: unarySettings, labels: l).json().utf8)
        }
        try files.stage("\(prefix)-unary.npy") {
            let (shape, values) = PydensecrfSnippet.unaryArray(problem.source, width: image.width, height: image.height)
            return NPYFile.encode(NPYArray(shape: shape, values: values))
        }
        try files.stage("\(prefix)-pydensecrf.py") {
            let script = PydensecrfSnippet.make(imagePath: problem.imagePath ?? "image.png", source: problem.source,
                                                origin: problem.sourcePath ?? "the viewer", unaryFile: "\(prefix)-unary.npy",
                                                parameters: parameters, unary: unarySettings)
            return Array(script.utf8)
        }
        try files.commit()
        return "saved \(prefix)-{labels.png,overlay.png,q.npy,params.json,unary.npy,pydensecrf.py}"
    }
}

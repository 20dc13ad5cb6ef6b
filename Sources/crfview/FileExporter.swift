import CRFApp
import CRFIO
import DenseCRF
import Foundation
import Viewer

/// The viewer's `s`: writes the label PNG, the overlay, Q as `.npy`, the parameters as JSON
/// that `--params` loads back, and a pydensecrf script with the unary it reads, under one
/// numbered name in `folder`. The name comes from the image's folder and file name (so
/// exports of many `image.png`s differ), the number is the first for which none of the files
/// exists, so earlier exports are never overwritten.
struct FileExporter: ViewerExporter {
    let folder: String

    func export(_ r: ExportRequest) throws -> String {
        let name = r.problem.imagePath.map { path -> String in
            let url = URL(fileURLWithPath: path).standardizedFileURL
            return url.deletingLastPathComponent().lastPathComponent + "-" + url.deletingPathExtension().lastPathComponent
        } ?? r.title
        let slug = String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(40))
        let suffixes = ["labels.png", "overlay.png", "q.npy", "params.json", "unary.npy", "pydensecrf.py"]
        var number = 1
        var base: String { "\(folder)/crfview-\(slug)-\(String(format: "%03d", number))" }
        while suffixes.contains(where: { FileManager.default.fileExists(atPath: "\(base)-\($0)") }) { number += 1 }
        let prefix = base
        let image = r.image
        let labels = r.labels
        let l = r.marginals.labelCount
        var files = OutputFiles()
        try files.stage("\(prefix)-labels.png") {
            guard l <= 256 else { throw CLIFailure("\(prefix)-labels.png", "\(l) labels do not fit an 8-bit PNG") }
            return try LabelImageFile.encodeIndexed(width: image.width, height: image.height, indices: labels.map { UInt8($0) },
                                                    palette: VOCColormap.colors(count: max(l, 2)), path: "\(prefix)-labels.png")
        }
        try files.stage("\(prefix)-overlay.png") {
            let palette = r.palette.map { ($0.r, $0.g, $0.b) }
            return try ImageFile.encodePNG(LabelOverlay.blend(image: image, labels: labels, palette: palette), path: "\(prefix)-overlay.png")
        }
        try files.stage("\(prefix)-q.npy") {
            NPYFile.encode(NPYArray(shape: [l, image.height, image.width], values: r.marginals.labelMajor()))
        }
        try files.stage("\(prefix)-params.json") {
            Array(ParamsFile(parameters: r.parameters, unary: r.unarySettings, labels: l).json().utf8)
        }
        try files.stage("\(prefix)-unary.npy") {
            let (shape, values) = PydensecrfSnippet.unaryArray(r.problem.source, width: image.width, height: image.height)
            return NPYFile.encode(NPYArray(shape: shape, values: values))
        }
        try files.stage("\(prefix)-pydensecrf.py") {
            let script = PydensecrfSnippet.make(imagePath: r.problem.imagePath ?? "image.png", source: r.problem.source,
                                                origin: r.problem.sourcePath ?? "the viewer", unaryFile: "\(prefix)-unary.npy",
                                                parameters: r.parameters, unary: r.unarySettings)
            return Array(script.utf8)
        }
        try files.commit()
        return "saved \(prefix)-{labels.png,overlay.png,q.npy,params.json,unary.npy,pydensecrf.py}"
    }
}

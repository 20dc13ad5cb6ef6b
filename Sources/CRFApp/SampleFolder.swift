import CRFIO
import Foundation
import TOMLKit
import TOMLText

/// A ready-to-open example: a folder with an image, a unary source, optionally a truth map
/// and a `sample.toml` describing it.
public struct SampleFolder: Sendable {
    public let path: String
    public let image: String
    /// The unary source: the first found of probs.npy, logits.npy, unary.npy, labels.png.
    public let unary: UnarySpec
    public let truth: String?
    /// The folder's own model, `params.json` (a conformance case has one), used when the
    /// command line names no params file.
    public let params: String?
    public let title: String
    /// From sample.toml's `classes`, else classes.txt (one name a line), else none.
    public let classNames: [String]

    /// The folder's files; fails naming the folder when it has no image or no unary source.
    public init(_ path: String) throws {
        self.path = path
        let fm = FileManager.default
        func existing(_ names: [String]) -> String? {
            names.map { "\(path)/\($0)" }.first { fm.fileExists(atPath: $0) }
        }
        guard let image = existing(["image.png", "image.jpg", "image.jpeg"]) else {
            throw CLIFailure(path, "no image.png or image.jpg in this folder")
        }
        self.image = image
        let sources: [(String, UnarySpec)] = [
            ("probs.npy", .map(path: "\(path)/probs.npy", kind: .probs)),
            ("logits.npy", .map(path: "\(path)/logits.npy", kind: .logits)),
            ("unary.npy", .map(path: "\(path)/unary.npy", kind: .unary)),
            ("labels.png", .annotation(path: "\(path)/labels.png")),
        ]
        guard let (_, spec) = sources.first(where: { fm.fileExists(atPath: "\(path)/\($0.0)") }) else {
            throw CLIFailure(path, "no probs.npy, logits.npy, unary.npy or labels.png in this folder")
        }
        unary = spec
        truth = existing(["truth.png"])
        params = existing(["params.json"])
        let meta = try Self.metadata(in: path)
        title = meta.title ?? URL(fileURLWithPath: path).lastPathComponent
        classNames = meta.classes
    }

    /// A folder's title and class names: sample.toml's `title` and `classes`, else the lines
    /// of classes.txt (one name a line, as many datasets ship them), else none. Used for the
    /// folder of a single image too.
    public static func metadata(in folder: String) throws -> (title: String?, classes: [String]) {
        let fm = FileManager.default
        let meta = "\(folder)/sample.toml"
        var title: String?
        var names: [String] = []
        if fm.fileExists(atPath: meta) {
            let text = try CLIFailure.attributing(to: meta) { try String(contentsOfFile: meta, encoding: .utf8) }
            do {
                let table = try TOMLText.table(text)
                title = table["title"]?.string
                if let classes = table["classes"]?.array { names = classes.compactMap { $0.string } }
            } catch {
                throw CLIFailure(meta, "not valid TOML: \(error)")
            }
        }
        let list = "\(folder)/classes.txt"
        if names.isEmpty, fm.fileExists(atPath: list) {
            let text = try CLIFailure.attributing(to: list) { try String(contentsOfFile: list, encoding: .utf8) }
            names = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            while names.last == "" { names.removeLast() }
        }
        return (title, names)
    }

    /// Class names from `--classes a,b,c` when given, else from the metadata beside `imagePath`.
    public static func classNames(flag: String?, imagePath: String) throws -> [String] {
        if let flag { return flag.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
        return try metadata(in: URL(fileURLWithPath: imagePath).deletingLastPathComponent().path).classes
    }

    /// The bundled sample `swift run crfview` opens, the most instructive one (the CRF snaps
    /// vehicles to their edges and rebuilds a bicycle's frame from a blob): found from the
    /// working folder, from the executable's folder upwards, or from this source file's
    /// repository.
    public static func defaultSample() throws -> String {
        let name = "street-scene"
        var candidates = [FileManager.default.currentDirectoryPath + "/Samples"]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            candidates.append(dir.appendingPathComponent("Samples").path)
            dir.deleteLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples").path)
        for folder in candidates where FileManager.default.fileExists(atPath: folder) {
            if FileManager.default.fileExists(atPath: "\(folder)/\(name)") { return "\(folder)/\(name)" }
            let any = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted().first {
                FileManager.default.fileExists(atPath: "\(folder)/\($0)/image.png")
            }
            if let any { return "\(folder)/\(any)" }
        }
        throw CLIFailure("Samples", "no bundled sample found; pass an image or a sample folder")
    }
}

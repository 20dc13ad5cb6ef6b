import Foundation

/// The inputs of a dataset run, from one of three places users keep them:
/// - sample folders (as `eval` reads them: an image, a unary source, a truth map);
/// - a list file with one `IMAGE UNARY_FILE [TRUTH]` line per input (paths relative to the
///   list's folder; blank lines and `#` comments skipped);
/// - the PASCAL VOC layout: ROOT/ImageSets/Segmentation/SPLIT.txt lists the ids, the images are
///   ROOT/JPEGImages/ID.jpg, the truth ROOT/SegmentationClass/ID.png, and the network outputs
///   DIR/ID.npy.
public enum DatasetList {
    public static func folders(_ paths: [String]) throws -> [DatasetItem] {
        try paths.enumerated().map { i, path in
            let sample = try SampleFolder(path)
            let name = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
            return DatasetItem(index: i, name: name, image: sample.image, unary: sample.unary,
                               truth: sample.truth.map { .file($0) } ?? .missing(subject: path, message: "no truth.png in this folder"))
        }
    }

    public static func list(_ path: String, kind: UnaryKind) throws -> [DatasetItem] {
        let text = try CLIFailure.attributing(to: path) { try String(contentsOfFile: path, encoding: .utf8) }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ p: Substring) -> String {
            p.hasPrefix("/") ? String(p) : base.appendingPathComponent(String(p)).standardizedFileURL.path
        }
        var items: [DatasetItem] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty || fields[0].hasPrefix("#") { continue }
            guard fields.count == 2 || fields.count == 3 else {
                throw CLIFailure(path, "line \(number + 1): expected IMAGE UNARY_FILE [TRUTH], got \(fields.count) field\(fields.count == 1 ? "" : "s")")
            }
            let image = resolve(fields[0])
            let name = URL(fileURLWithPath: image).deletingPathExtension().lastPathComponent
            items.append(DatasetItem(index: items.count, name: name, image: image, unary: .map(path: resolve(fields[1]), kind: kind),
                                     truth: fields.count == 3 ? .file(resolve(fields[2]))
                                         : .missing(subject: path, message: "line \(number + 1) has no TRUTH (a third field) to score against")))
        }
        guard !items.isEmpty else { throw CLIFailure(path, "no IMAGE UNARY_FILE lines") }
        return items
    }

    public static func voc(root: String, split: String, mapsDir: String, kind: UnaryKind) throws -> [DatasetItem] {
        let listPath = "\(root)/ImageSets/Segmentation/\(split).txt"
        guard FileManager.default.fileExists(atPath: listPath) else {
            throw CLIFailure(listPath, "no such file: --voc ROOT must hold ImageSets/Segmentation/\(split).txt (is ROOT the VOC2012 folder?)")
        }
        let text = try CLIFailure.attributing(to: listPath) { try String(contentsOfFile: listPath, encoding: .utf8) }
        let ids = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty else { throw CLIFailure(listPath, "lists no image ids") }
        return ids.enumerated().map { i, id in
            DatasetItem(index: i, name: id, image: "\(root)/JPEGImages/\(id).jpg", unary: .map(path: "\(mapsDir)/\(id).npy", kind: kind),
                        truth: .file("\(root)/SegmentationClass/\(id).png"))
        }
    }

    /// Fails when two inputs share a name, as outputs go to OUT/NAME.
    public static func requireUniqueNames(_ items: [DatasetItem], source: String) throws {
        var seen: [String: DatasetItem] = [:]
        for item in items {
            if let first = seen[item.name] {
                throw CLIFailure(source, "two inputs are named '\(item.name)' (\(first.image) and \(item.image)); outputs are written to OUT/NAME, so names must differ")
            }
            seen[item.name] = item
        }
    }
}

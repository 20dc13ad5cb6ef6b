import DenseCRF
import Foundation

/// A model description in the JSON schema of pydensecrf's conformance cases, plus
/// `"iterations"`, `"clip"`, `"scale"` and a per-kernel `"normalization"`:
///
///     {"gaussian":  {"sxy": 3,  "compat": 3},
///      "bilateral": {"sxy": 80, "srgb": 13, "compat": 10},
///      "labels": 2, "iterations": 10, "gt_prob": 0.7}
///
/// A kernel that is absent is not used. `compat` is a number (Potts), a list of L numbers
/// (diagonal), an L×L list of lists (matrix) or a path to an L×L `.npy` file, relative to the
/// params file. A kernel may also have `"compat_steps"`, a list of per-step compatibilities (an
/// untied model from `crfview learn --untied`). `"unary": {"weight": a, "bias": [b_0, …]}` is a
/// calibration U' = a·U + b_l applied before inference. A key that is not one of
/// `topLevelKeys` (or `kernelKeys` inside a kernel) is an error naming the nearest known key:
/// a typo such as "gausian" would otherwise drop a kernel without a word. The descriptive keys
/// of the conformance cases ("steps", "probs_file", …) are known and not used.
public struct ParamsFile: Sendable, Equatable {
    public var parameters: CRFParameters
    public var unary: UnarySettings
    /// The number of labels, when the file states it.
    public var labels: Int?
    /// The `.npy` compatibility files the parameters name, as paths from the working folder.
    public var files: [String] = []

    /// Every key the top level may have.
    public static let topLevelKeys = ["gaussian", "bilateral", "labels", "iterations", "gt_prob", "clip", "scale", "unary",
                                      "steps", "probs_file", "labels_file", "unary_file", "unknown_is_zero"]
    /// Every key a kernel object may have ("srgb" only in "bilateral").
    public static let kernelKeys = ["sxy", "srgb", "compat", "compat_steps", "normalization"]
    /// The keys of "unary": U' = weight·U + bias_l.
    public static let unaryKeys = ["weight", "bias"]
    /// Larger than any params file: a 1000x1000 compatibility matrix written out is under 30 MB.
    public static let maximumFileSize = 64 << 20

    public init(parameters: CRFParameters, unary: UnarySettings = UnarySettings(), labels: Int? = nil) {
        self.parameters = parameters
        self.unary = unary
        self.labels = labels
    }

    public static func read(_ path: String) throws -> ParamsFile {
        let file = try InputFile(path)
        try file.check(atMost: maximumFileSize, "no params file")
        return try parse(file.all(), path: path)
    }

    /// `read` on bytes already in memory; `path` names the file in errors and is where
    /// relative compatibility files are found from.
    static func parse(_ bytes: [UInt8], path: String) throws -> ParamsFile {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw CRFIOError(path: path, message: "not valid JSON: \(Self.jsonProblem(error))")
        }
        guard let root = object as? [String: Any] else {
            throw CRFIOError(path: path, message: "expected a JSON object at the top level")
        }
        let folder = PathName.folder(of: path)
        var reader = Reader(path: path, folder: folder)
        return try reader.parse(root)
    }

    /// The JSON text of these settings, readable back by `read` (used by the viewer's export).
    public func json() -> String {
        let number = ValueText.text as (Float) -> String
        let compat = ValueText.text as (LabelCompatibility) -> String
        func norm(_ n: KernelNormalization) -> String { n == .symmetric ? "" : ", \"normalization\": \"\(n.rawValue)\"" }
        func steps(_ list: [LabelCompatibility]) -> String {
            list.isEmpty ? "" : ", \"compat_steps\": [" + list.map(compat).joined(separator: ", ") + "]"
        }
        var lines: [String] = []
        if let g = parameters.gaussian {
            lines.append("  \"gaussian\": {\"sxy\": \(number(g.sxy)), \"compat\": \(compat(g.compat))\(steps(g.compatSteps))\(norm(g.normalization))}")
        }
        if let b = parameters.bilateral {
            lines.append("  \"bilateral\": {\"sxy\": \(number(b.sxy)), \"srgb\": \(number(b.srgb)), \"compat\": \(compat(b.compat))\(steps(b.compatSteps))\(norm(b.normalization))}")
        }
        if let c = parameters.unaryCalibration {
            lines.append("  \"unary\": {\"weight\": \(number(c.weight)), \"bias\": [" + c.bias.map(number).joined(separator: ", ") + "]}")
        }
        if let labels { lines.append("  \"labels\": \(labels)") }
        lines.append("  \"iterations\": \(parameters.iterations)")
        lines.append("  \"gt_prob\": \(number(unary.gtProb))")
        lines.append("  \"clip\": \(number(unary.clip))")
        if let s = unary.scale { lines.append("  \"scale\": \(number(s))") }
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    private static func jsonProblem(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }

    /// Walks the JSON object, naming the key path in every error.
    private struct Reader {
        let path: String
        let folder: String
        var files: [String] = []

        func fail(_ message: String) -> CRFIOError { CRFIOError(path: path, message: message) }

        mutating func parse(_ root: [String: Any]) throws -> ParamsFile {
            var parameters = CRFParameters(gaussian: nil, bilateral: nil)
            var unary = UnarySettings()
            var labels: Int?
            try checkKeys(root, known: ParamsFile.topLevelKeys, in: nil)
            if let u = root["unary"], !(u is NSNull) { try checkKeys(try object(u, "unary"), known: ParamsFile.unaryKeys, in: "unary") }
            if let g = root["gaussian"], !(g is NSNull) {
                let o = try object(g, "gaussian")
                try checkKeys(o, known: ParamsFile.kernelKeys.filter { $0 != "srgb" }, in: "gaussian")
                parameters.gaussian = GaussianKernelParameters(
                    sxy: try float(o["sxy"], "gaussian.sxy", default: 3),
                    compat: try compat(o["compat"], "gaussian.compat", default: .potts(3)),
                    normalization: try normalization(o["normalization"], "gaussian.normalization"))
                parameters.gaussian?.compatSteps = try compatSteps(o["compat_steps"], "gaussian.compat_steps")
            }
            if let b = root["bilateral"], !(b is NSNull) {
                let o = try object(b, "bilateral")
                try checkKeys(o, known: ParamsFile.kernelKeys, in: "bilateral")
                parameters.bilateral = BilateralKernelParameters(
                    sxy: try float(o["sxy"], "bilateral.sxy", default: 80),
                    srgb: try float(o["srgb"], "bilateral.srgb", default: 13),
                    compat: try compat(o["compat"], "bilateral.compat", default: .potts(10)),
                    normalization: try normalization(o["normalization"], "bilateral.normalization"))
                parameters.bilateral?.compatSteps = try compatSteps(o["compat_steps"], "bilateral.compat_steps")
            }
            if let it = root["iterations"] { parameters.iterations = try int(it, "iterations") }
            if let l = root["labels"] { labels = try int(l, "labels") }
            if let g = root["gt_prob"] { unary.gtProb = try float(g, "gt_prob", default: 0.7) }
            if let c = root["clip"] { unary.clip = try float(c, "clip", default: 1e-5) }
            if let s = root["scale"], !(s is NSNull) { unary.scale = try float(s, "scale", default: 1) }
            if let u = root["unary"], !(u is NSNull) {
                let o = try object(u, "unary")
                guard let list = o["bias"] as? [Any] else { throw fail("\"unary.bias\" must be a list of numbers, one per label") }
                parameters.unaryCalibration = UnaryCalibration(
                    weight: try float(o["weight"], "unary.weight", default: 1),
                    bias: try list.enumerated().map { i, x in try float(x, "unary.bias[\(i)]", default: 0) })
            }
            var file = ParamsFile(parameters: parameters, unary: unary, labels: labels)
            file.files = files
            return file
        }

        /// Fails on the first key (in sorted order) that is not `known`, naming the nearest
        /// known key by edit distance.
        func checkKeys(_ object: [String: Any], known: [String], in parent: String?) throws {
            for key in object.keys.sorted() where !known.contains(key) {
                let nearest = known.min { Self.editDistance(key, $0) < Self.editDistance(key, $1) }!
                let full = parent.map { "\($0).\(key)" } ?? key
                let suggestion = parent.map { "\($0).\(nearest)" } ?? nearest
                throw fail("unknown key \"\(full)\"; did you mean \"\(suggestion)\"? (known keys: \(known.joined(separator: ", ")))")
            }
        }

        /// Levenshtein distance: insertions, deletions and substitutions of one character.
        static func editDistance(_ a: String, _ b: String) -> Int {
            let a = Array(a), b = Array(b)
            var row = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var previous = row[0]
                row[0] = i
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    let current = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                    previous = current
                }
            }
            return a.isEmpty ? b.count : row[b.count]
        }

        /// JSON true/false also arrive as NSNumber; their Objective-C type code is "c".
        static func isBoolean(_ n: NSNumber) -> Bool {
            String(describing: type(of: n)).contains("Boolean") || String(cString: n.objCType) == "c"
        }

        func object(_ v: Any, _ key: String) throws -> [String: Any] {
            guard let o = v as? [String: Any] else { throw fail("\"\(key)\" must be an object") }
            return o
        }

        func float(_ v: Any?, _ key: String, default value: Float) throws -> Float {
            guard let v else { return value }
            guard let n = v as? NSNumber, !Self.isBoolean(n), n.doubleValue.isFinite else {
                throw fail("\"\(key)\" must be a number, got \(v)")
            }
            return n.floatValue
        }

        func int(_ v: Any, _ key: String) throws -> Int {
            guard let n = v as? NSNumber, !Self.isBoolean(n), n.doubleValue == n.doubleValue.rounded(), abs(n.doubleValue) < 1e9 else {
                throw fail("\"\(key)\" must be an integer, got \(v)")
            }
            return n.intValue
        }

        func normalization(_ v: Any?, _ key: String) throws -> KernelNormalization {
            guard let v else { return .symmetric }
            guard let s = v as? String, let n = KernelNormalization(rawValue: s) else {
                throw fail("\"\(key)\" must be one of symmetric, before, after, none; got \(v)")
            }
            return n
        }

        mutating func compatSteps(_ v: Any?, _ key: String) throws -> [LabelCompatibility] {
            guard let v, !(v is NSNull) else { return [] }
            guard let list = v as? [Any], !list.isEmpty else { throw fail("\"\(key)\" must be a non-empty list of compatibilities") }
            return try list.enumerated().map { i, c in try compat(c, "\(key)[\(i)]", default: .potts(0)) }
        }

        mutating func compat(_ v: Any?, _ key: String, default value: LabelCompatibility) throws -> LabelCompatibility {
            guard let v else { return value }
            if let s = v as? String {
                let file = PathName.join(folder, s)
                files.append(file)
                return try CompatibilityFile.read(file)
            }
            if v is NSNumber { return .potts(try float(v, key, default: 0)) }
            guard let list = v as? [Any], !list.isEmpty else {
                throw fail("\"\(key)\" must be a number, a list or a list of lists")
            }
            if list.allSatisfy({ $0 is [Any] }) {
                var rows: [[Float]] = []
                for (r, row) in list.enumerated() {
                    var values: [Float] = []
                    for (c, x) in (row as! [Any]).enumerated() { values.append(try float(x, "\(key)[\(r)][\(c)]", default: 0)) }
                    rows.append(values)
                }
                return .matrix(rows)
            }
            var values: [Float] = []
            for (i, x) in list.enumerated() { values.append(try float(x, "\(key)[\(i)]", default: 0)) }
            return .diagonal(values)
        }
    }
}

/// An L×L compatibility matrix stored as `.npy`.
public enum CompatibilityFile {
    public static func read(_ path: String) throws -> LabelCompatibility {
        let array = try NPYFile.read(path)
        guard array.shape.count == 2, array.shape[0] == array.shape[1] else {
            throw CRFIOError(path: path, message: "compatibility matrix must be square (L, L), got shape \(array.shape)")
        }
        let l = array.shape[0]
        return .matrix((0..<l).map { r in Array(array.values[(r * l)..<((r + 1) * l)]) })
    }
}

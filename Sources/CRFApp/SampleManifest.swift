import Foundation

/// The `sample.toml` of a generated sample folder: what the picture is, its label set, the
/// classes actually in it, and how to make it again. `SampleFolder` reads it back.
public struct SampleManifest: Sendable, Equatable {
    public var title: String
    /// One line.
    public var description: String
    /// Class names in label order: probability channel k and truth index k are `classes[k]`.
    public var classes: [String]
    public var present: [String]
    public var seed: Int
    public var generator: String

    public init(title: String, description: String, classes: [String], present: [String], seed: Int, generator: String) {
        self.title = title
        self.description = description
        self.classes = classes
        self.present = present
        self.seed = seed
        self.generator = generator
    }

    /// The TOML text, keys in a fixed order so the file is byte-for-byte reproducible.
    public var toml: String {
        func list(_ names: [String]) -> String { "[" + names.map(Self.quoted).joined(separator: ", ") + "]" }
        return """
            title = \(Self.quoted(title))
            description = \(Self.quoted(description))
            classes = \(list(classes))
            present = \(list(present))
            seed = \(seed)
            generator = \(Self.quoted(generator))

            """
    }

    /// A TOML basic string: backslash, quote and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

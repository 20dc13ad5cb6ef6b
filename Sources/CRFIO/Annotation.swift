/// A partial annotation: per pixel 0 for unknown or a class 1…L, the input of
/// `UnaryEnergies(annotation:labels:gtProb:)`.
public struct Annotation: Sendable, Equatable {
    public let values: [Int32]
    public let labels: Int

    /// Reads an annotation from a label image as pydensecrf's example does:
    /// - an index image (8-bit gray or palette): the values are the classes, 0 = unknown,
    ///   so there are max(value) labels;
    /// - an RGB image: black is unknown and the other colours are numbered 1, 2, … in
    ///   ascending order of R + 256·G + 65536·B (0xBBGGRR).
    /// `labels` (e.g. from a params file) raises the count when some classes are absent.
    public init(_ image: LabelImage, labels requested: Int?, path: String) throws {
        var values: [Int32]
        var count: Int
        switch image {
        case .indices(_, _, let raw):
            values = raw.map(Int32.init)
            count = Int(raw.max() ?? 0)
        case .rgb(let rgb):
            let px = rgb.pixels
            let keys: [Int32] = (0..<rgb.pixelCount).map { i in
                let r = Int32(px[3 * i]), g = Int32(px[3 * i + 1]), b = Int32(px[3 * i + 2])
                return r | (g << 8) | (b << 16)
            }
            let colours: [Int32] = Set(keys).filter { $0 != 0 }.sorted()
            var number: [Int32: Int32] = [:]
            for (k, colour) in colours.enumerated() { number[colour] = Int32(k + 1) }
            values = keys.map { $0 == 0 ? 0 : number[$0]! }
            count = colours.count
        }
        if let requested {
            guard requested >= count else {
                throw CRFIOError(path: path, message: "annotation has \(count) classes but \(requested) labels were asked for")
            }
            count = requested
        }
        guard count >= 2 else {
            throw CRFIOError(path: path, message: "annotation has \(count) class\(count == 1 ? "" : "es"); need at least 2 labels (index PNG: 0 = unknown, classes 1..L)")
        }
        self.values = values
        self.labels = count
    }
}

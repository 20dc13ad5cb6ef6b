import RealModule

/// Unary energies U(i, l) = −log P(label l at pixel i), stored pixel-major
/// (`values[i * labelCount + l]`) so that one pixel's labels are contiguous for the lattice.
public struct UnaryEnergies: Sendable, Equatable {
    public let labelCount: Int
    public let pixelCount: Int
    public var values: [Float]

    /// Wraps pixel-major energies after checking they are finite.
    public init(pixelMajor values: [Float], labels: Int, pixels: Int) throws(CRFError) {
        guard labels >= 2 else { throw CRFError("need at least 2 labels, got \(labels)") }
        guard values.count == labels * pixels else {
            throw CRFError("expected \(labels * pixels) unary values, got \(values.count)")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw CRFError("unary energy at pixel \(bad / labels), label \(bad % labels) is \(values[bad]) (must be finite)")
        }
        self.labelCount = labels
        self.pixelCount = pixels
        self.values = values
    }

    /// Energies given label-major, the (L, H, W) layout of network outputs and `.npy` files.
    public init(energies labelMajor: [Float], labels: Int, pixels: Int) throws(CRFError) {
        guard labelMajor.count == labels * pixels else {
            throw CRFError("expected \(labels * pixels) unary values, got \(labelMajor.count)")
        }
        try self.init(pixelMajor: MatrixTranspose.transposed(labelMajor, rows: labels, columns: pixels), labels: labels, pixels: pixels)
    }

    /// U = −log(clamp(p', clip, 1)) with p' = scale·p + (1 − scale)/L, as pydensecrf's
    /// `unary_from_softmax`; `probabilities` are label-major (L, H, W).
    public init(probabilities labelMajor: [Float], labels: Int, pixels: Int, clip: Float = 1e-5, scale: Float? = nil) throws(CRFError) {
        guard labelMajor.count == labels * pixels else {
            throw CRFError("expected \(labels * pixels) probabilities, got \(labelMajor.count)")
        }
        guard clip > 0, clip < 1 else { throw CRFError("clip must be in (0, 1), got \(clip)") }
        if let scale, !(scale > 0 && scale <= 1) { throw CRFError("scale must be in (0, 1], got \(scale)") }
        if let bad = labelMajor.firstIndex(where: { !$0.isFinite }) {
            throw CRFError("probability at label \(bad / pixels), pixel \(bad % pixels) is \(labelMajor[bad]) (must be finite)")
        }
        // One pass, transposing as it goes, so no label-major temporary is kept.
        let uniform = 1 / Float(labels)
        var values = [Float](repeating: 0, count: labelMajor.count)
        for l in 0..<labels {
            for i in 0..<pixels {
                var q = labelMajor[l * pixels + i]
                if let scale { q = scale * q + (1 - scale) * uniform }
                values[i * labels + l] = -Float.log(min(max(q, clip), 1))
            }
        }
        try self.init(pixelMajor: values, labels: labels, pixels: pixels)
    }

    /// Energies from a partial annotation, as pydensecrf's `unary_from_labels` with
    /// `zero_unsure`: `annotation[i]` is 0 for unknown or the class 1…L. A labelled pixel gets
    /// −log(gtProb) for its class and −log((1 − gtProb)/(L − 1)) for the others; an unknown
    /// pixel −log(1/L) for all.
    public init(annotation: [Int32], labels: Int, gtProb: Float) throws(CRFError) {
        guard labels >= 2 else { throw CRFError("need at least 2 labels, got \(labels)") }
        guard gtProb > 0, gtProb < 1 else { throw CRFError("gt_prob must be in (0, 1), got \(gtProb)") }
        let pEnergy = -Float.log(gtProb)
        let nEnergy = -Float.log((1 - gtProb) / Float(labels - 1))
        let unknown = -Float.log(1 / Float(labels))
        var values = [Float](repeating: 0, count: annotation.count * labels)
        for (i, a) in annotation.enumerated() {
            guard a >= 0, Int(a) <= labels else {
                throw CRFError("annotation value \(a) at pixel \(i) is outside 0...\(labels)")
            }
            for l in 0..<labels {
                values[i * labels + l] = a == 0 ? unknown : (Int(a) - 1 == l ? pEnergy : nEnergy)
            }
        }
        try self.init(pixelMajor: values, labels: labels, pixels: annotation.count)
    }

    /// The argmin-energy label of every pixel (the unary-only segmentation).
    public func labels() -> [Int32] {
        let l = labelCount
        return (0..<pixelCount).map { i in
            var best = 0
            for k in 1..<l where values[i * l + k] < values[i * l + best] { best = k }
            return Int32(best)
        }
    }
}

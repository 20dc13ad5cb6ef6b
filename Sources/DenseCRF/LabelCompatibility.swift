/// The label compatibility μ(l, l') of a pairwise term, with exactly the meaning of
/// densecrf v2.2 and pydensecrf:
/// - `potts(w)`: μ = −w·I, attractive for w > 0;
/// - `diagonal(v)`: μ = diag(v), used as given (negative is attractive);
/// - `matrix(M)`: μ = (M + Mᵀ)/2, symmetrised so that mean-field stays a descent method.
public enum LabelCompatibility: Sendable, Equatable {
    case potts(Float)
    case diagonal([Float])
    case matrix([[Float]])

    /// Checks the values against the number of labels.
    public func validate(labels: Int) throws(CRFError) {
        switch self {
        case .potts(let w):
            guard w.isFinite else { throw CRFError("Potts weight must be finite, got \(w)") }
        case .diagonal(let v):
            guard v.count == labels else {
                throw CRFError("diagonal compatibility has \(v.count) values but there are \(labels) labels")
            }
            guard v.allSatisfy(\.isFinite) else { throw CRFError("diagonal compatibility has a non-finite value") }
        case .matrix(let m):
            guard m.count == labels, m.allSatisfy({ $0.count == labels }) else {
                let cols = m.first?.count ?? 0
                throw CRFError("compatibility matrix is \(m.count)x\(cols) but there are \(labels) labels (need \(labels)x\(labels))")
            }
            guard m.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
                throw CRFError("compatibility matrix has a non-finite value")
            }
        }
    }

    /// μ as a dense L×L row-major matrix (symmetrised for `matrix`).
    public func dense(labels: Int) -> [Float] {
        var mu = [Float](repeating: 0, count: labels * labels)
        switch self {
        case .potts(let w):
            for l in 0..<labels { mu[l * labels + l] = -w }
        case .diagonal(let v):
            for l in 0..<labels { mu[l * labels + l] = v[l] }
        case .matrix(let m):
            for a in 0..<labels {
                for b in 0..<labels { mu[a * labels + b] = m[a][b] / 2 + m[b][a] / 2 }   // no overflow near Float.max
            }
        }
        return mu
    }

    /// The same compatibility multiplied by `factor` (the viewer scales a matrix as a whole).
    public func scaled(by factor: Float) -> LabelCompatibility {
        switch self {
        case .potts(let w): .potts(w * factor)
        case .diagonal(let v): .diagonal(v.map { $0 * factor })
        case .matrix(let m): .matrix(m.map { $0.map { $0 * factor } })
        }
    }
}

/// μ prepared for the per-pixel transform out = μ·in, with a fast path for the diagonal cases.
struct CompatibilityTransform: Sendable {
    let labels: Int
    /// Non-nil when μ is diagonal: its diagonal.
    let diagonal: [Float]?
    /// The dense matrix, row-major.
    let matrix: [Float]
    /// For a matrix of up to 24 labels, its rows padded with zeros to whole 8-lane vectors
    /// (`vectorRowWidth` values apart), for `VectorKernels.combination`; empty otherwise.
    let paddedMatrix: [Float]
    let vectorRowWidth: Int
    /// Set when μ = c·I (Potts): the transform is a plain scaling the filter can apply itself.
    let uniformDiagonal: Float?
    /// The largest |μ| entry, to know whether pairwise energies can approach Float's range.
    let magnitude: Float

    init(_ compatibility: LabelCompatibility, labels: Int) {
        self.labels = labels
        let mu = compatibility.dense(labels: labels)
        matrix = mu
        switch compatibility {
        case .potts, .diagonal: diagonal = (0..<labels).map { mu[$0 * labels + $0] }
        case .matrix: diagonal = nil
        }
        if let d = diagonal, let first = d.first, d.allSatisfy({ $0 == first }) {
            uniformDiagonal = first
        } else {
            uniformDiagonal = nil
        }
        magnitude = mu.map { abs($0) }.max() ?? 0
        let width = (labels + 7) / 8 * 8
        vectorRowWidth = width
        paddedMatrix = diagonal == nil && labels <= 24
            ? (0..<(labels * width)).map { e in e % width < labels ? mu[e / width * labels + e % width] : 0 }
            : []
    }

    /// acc[l] += Σ_l' μ[l][l'] · k[l'] for each of `pixels` consecutive pixel rows. Potts scales
    /// the rows as one run of values; μ is symmetric (`dense` symmetrises a matrix), so a
    /// matrix row's sum is Σ_l' k[l'] · μ[l'][·]: whole rows scaled and added, which vectorise
    /// (summed in registers up to 24 labels, `VectorKernels.combination`).
    @inline(__always)
    func accumulate(_ k: UnsafePointer<Float>, into acc: UnsafeMutablePointer<Float>, pixels: Int) {
        let l = labels
        if let w = uniformDiagonal {
            for j in 0..<(pixels &* l) { acc[j] += w * k[j] }
        } else if let diagonal {
            diagonal.withUnsafeBufferPointer { dg in
                for i in 0..<pixels {
                    let (row, values) = (acc + i &* l, k + i &* l)
                    for a in 0..<l { row[a] += dg[a] * values[a] }
                }
            }
        } else if !paddedMatrix.isEmpty {
            paddedMatrix.withUnsafeBufferPointer { mu in
                for i in 0..<pixels {
                    VectorKernels.combination(of: mu.baseAddress!, rowWidth: vectorRowWidth, k + i &* l, sign: 1, count: l, n: l,
                                              into: acc + i &* l, accumulate: true)
                }
            }
        } else {
            matrix.withUnsafeBufferPointer { mu in
                for i in 0..<pixels {
                    let (row, values) = (acc + i &* l, k + i &* l)
                    for b in 0..<l { VectorKernels.axpy(row, mu.baseAddress! + b * l, values[b], l) }
                }
            }
        }
    }

    /// Σ_l' μ[a][l'] · k[l'] for one label a of one pixel, in Double: energies are reported,
    /// not fed back, and must stay finite even for compatibilities near Float's range.
    @inline(__always)
    func row(_ a: Int, dot k: UnsafePointer<Float>) -> Double {
        if let diagonal { return Double(diagonal[a]) * Double(k[a]) }
        var s = 0.0
        for b in 0..<labels { s += Double(matrix[a * labels + b]) * Double(k[b]) }
        return s
    }
}

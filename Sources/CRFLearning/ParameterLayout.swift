import DenseCRF
import RealModule

/// The map between a model's learnable parameters and one flat vector θ of Doubles, which the
/// optimisers see, and the chain rule from the engine's gradients to ∂L/∂θ.
///
/// θ holds, in order: per kernel (and per step when untied) its compatibility — a Potts weight
/// w (μ = −w·I), L diagonal entries, or the upper triangle of a symmetric μ (which keeps the
/// model runnable in pydensecrf, where μ is symmetrised, and mean-field a descent method);
/// then log a and b_0…b_{L−1} of the unary calibration; then the logs of the widths. Logs
/// keep a and the widths positive whatever step an optimiser takes.
public struct ParameterLayout: Sendable {
    public let spec: LearningSpec
    public let labels: Int
    /// The model learning starts from; its kernels, normalisations and iterations are kept.
    public let base: CRFParameters
    /// The starting θ.
    public let initial: [Double]
    /// θ index ranges: compat[kernel][step slot].
    let compat: [[Range<Int>]]
    let calibration: Range<Int>?
    /// (θ index, which width) for each learnable width.
    public let widths: [(index: Int, width: Width)]
    public var count: Int { initial.count }

    /// A width the layout can learn.
    public enum Width: String, Sendable, CaseIterable {
        case gaussianSxy = "gaussian sxy", bilateralSxy = "bilateral sxy", bilateralSrgb = "bilateral srgb"
    }

    public init(base: CRFParameters, spec: LearningSpec, labels: Int) {
        self.spec = spec
        self.labels = labels
        self.base = base
        let kernels = base.kernels
        let slots = spec.untied ? spec.trainSteps : 1
        var theta: [Double] = []
        var compat: [[Range<Int>]] = []
        for k in kernels {
            var ranges: [Range<Int>] = []
            for s in 0..<slots {
                let start = CRFParameters.compatibility(k.compat, steps: k.steps, at: s + 1)
                let values = Self.encode(start, as: spec.compatibility, labels: labels)
                ranges.append(theta.count..<(theta.count + values.count))
                theta += values
            }
            compat.append(ranges)
        }
        self.compat = compat
        if spec.unary {
            let c = base.unaryCalibration ?? .identity(labels: labels)
            calibration = theta.count..<(theta.count + 1 + labels)
            theta.append(Double.log(Double(c.weight)))
            theta += c.bias.map(Double.init)
        } else {
            calibration = nil
        }
        var widths: [(Int, Width)] = []
        if spec.widths {
            if let g = base.gaussian {
                widths.append((theta.count, .gaussianSxy)); theta.append(Double.log(Double(g.sxy)))
            }
            if let b = base.bilateral {
                widths.append((theta.count, .bilateralSxy)); theta.append(Double.log(Double(b.sxy)))
                widths.append((theta.count, .bilateralSrgb)); theta.append(Double.log(Double(b.srgb)))
            }
        }
        self.widths = widths
        initial = theta
    }

    /// The model θ stands for, running `iterations` steps.
    public func parameters(_ theta: [Double], iterations: Int) -> CRFParameters {
        var p = base
        p.iterations = iterations
        func compat(_ kernel: Int) -> (LabelCompatibility, [LabelCompatibility]) {
            let values = self.compat[kernel].map { decode(Array(theta[$0])) }
            return spec.untied ? (values[0], values) : (values[0], [])
        }
        var k = 0
        if p.gaussian != nil { (p.gaussian!.compat, p.gaussian!.compatSteps) = compat(k); k += 1 }
        if p.bilateral != nil { (p.bilateral!.compat, p.bilateral!.compatSteps) = compat(k); k += 1 }
        for i in p.featureKernels.indices { (p.featureKernels[i].compat, p.featureKernels[i].compatSteps) = compat(k); k += 1 }
        if let c = calibration {
            p.unaryCalibration = UnaryCalibration(weight: Float(Double.exp(theta[c.lowerBound])),
                                                  bias: theta[(c.lowerBound + 1)..<c.upperBound].map { Float($0) })
        }
        for (index, width) in widths {
            let v = Float(Double.exp(theta[index]))
            switch width {
            case .gaussianSxy: p.gaussian?.sxy = v
            case .bilateralSxy: p.bilateral?.sxy = v
            case .bilateralSrgb: p.bilateral?.srgb = v
            }
        }
        return p
    }

    /// ∂L/∂θ for every parameter but the widths, from the engine's gradient; `rawUnary` is U
    /// before calibration (∂U'/∂log a = a·U, ∂U'/∂b_l = 1).
    public func gradient(_ g: MeanFieldGradient, rawUnary: UnaryEnergies, theta: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        let l = labels
        for (m, ranges) in compat.enumerated() {
            for t in 0..<g.compatibility[m].count {
                let slot = spec.untied ? min(t, ranges.count - 1) : 0
                let dmu = g.compatibility[m][t]
                let r = ranges[slot]
                switch spec.compatibility {
                case .potts:
                    for a in 0..<l { out[r.lowerBound] -= dmu[a * l + a] }
                case .diagonal:
                    for a in 0..<l { out[r.lowerBound + a] += dmu[a * l + a] }
                case .matrix:
                    var idx = r.lowerBound
                    for a in 0..<l {
                        for b in a..<l {
                            out[idx] += a == b ? dmu[a * l + a] : dmu[a * l + b] + dmu[b * l + a]
                            idx += 1
                        }
                    }
                }
            }
        }
        if let c = calibration {
            let a = Double.exp(theta[c.lowerBound])
            var dLogA = 0.0
            var dBias = [Double](repeating: 0, count: l)
            for (i, du) in g.unary.enumerated() {
                dLogA += Double(du) * Double(rawUnary.values[i])
                dBias[i % l] += Double(du)
            }
            out[c.lowerBound] = a * dLogA
            for k in 0..<l { out[c.lowerBound + 1 + k] = dBias[k] }
        }
        return out
    }

    /// θ values of a compatibility in `form`, converted from whatever form it has.
    static func encode(_ c: LabelCompatibility, as form: LearningSpec.CompatibilityForm, labels l: Int) -> [Double] {
        let mu = c.dense(labels: l).map(Double.init)
        switch form {
        case .potts:
            return [-(0..<l).map { mu[$0 * l + $0] }.reduce(0, +) / Double(l)]
        case .diagonal:
            return (0..<l).map { mu[$0 * l + $0] }
        case .matrix:
            var v: [Double] = []
            for a in 0..<l { for b in a..<l { v.append(mu[a * l + b]) } }
            return v
        }
    }

    /// The compatibility θ values stand for.
    func decode(_ v: [Double]) -> LabelCompatibility {
        let l = labels
        switch spec.compatibility {
        case .potts: return .potts(Float(v[0]))
        case .diagonal: return .diagonal(v.map { Float($0) })
        case .matrix:
            var m = [[Float]](repeating: [Float](repeating: 0, count: l), count: l)
            var idx = 0
            for a in 0..<l {
                for b in a..<l {
                    m[a][b] = Float(v[idx]); m[b][a] = Float(v[idx]); idx += 1
                }
            }
            return .matrix(m)
        }
    }
}

import DenseCRF
import Foundation

/// What the screen needs of one mean-field step, kept for every step so that revisiting a
/// step is instant.
///
/// Q is stored at the working resolution (the grid inference runs on) as 16-bit fixed point,
/// q·65535: half of what a Float copy costs, with a uniform 1.5e-5 step over [0, 1] (Float16
/// would be coarser near 1, where confident marginals live, and would round 0.9994 up to 1.000
/// in the inspector). The full-resolution float Q lives only in the running inference.
public struct StepFrame: Sendable {
    public let iteration: Int
    /// Pixels whose argmax the step changed (at the resolution inference ran at).
    public let changed: Int
    /// The free energy and the MAP energy of this step, filled in when the runner has
    /// computed them (after the frame itself, so that energies never delay the picture).
    public var kl: Double?
    public var mapEnergy: Double?
    public let width: Int
    public let height: Int
    public let labelCount: Int
    /// Argmax label per pixel.
    public let labels: [UInt16]
    /// Q, pixel-major (`q[i * labelCount + l]`).
    public let q: [UInt16]
    /// Entropy of Q per pixel over log L (0 certain, 1 uniform), in the same fixed point;
    /// computed with the frame, on the worker, so the uncertainty view costs the UI no logs.
    public let uncertainty: [UInt16]
    /// The unary energies the model used (after its calibration), pixel-major: one array
    /// shared by every frame of a run (copy-on-write, so it is stored once). Nil unless the
    /// run keeps energies (`InferenceRunner.Job.keepsEnergies`).
    public let unary: [Float]?
    /// The pairwise energies this step added to −U, A_t = Σ_m μ_m^t · K_m(Q_{t−1}),
    /// pixel-major; nil at step 0 (which has none) and when energies are not kept.
    ///
    /// Float16, like Q's 16 bits, to keep a frame's cost at 2 bytes per pixel and label: its
    /// relative step of 2⁻¹¹ (±0.005 at |A| = 10) is finer than the inspector's 4 digits,
    /// which is all these values are for. Magnitudes past Float16's largest, 65504, are
    /// stored as ±65504: such a term outweighs any unary, and Q already shows its effect.
    public let pairwise: [Float16]?

    public init(iteration: Int, changed: Int, width: Int, height: Int, labelCount: Int, labels: [UInt16], q: [UInt16],
                unary: [Float]? = nil, pairwise: [Float16]? = nil) {
        self.iteration = iteration
        self.changed = changed
        self.width = width
        self.height = height
        self.labelCount = labelCount
        self.labels = labels
        self.q = q
        self.uncertainty = Self.entropy(q, labels: labelCount)
        self.unary = unary
        self.pairwise = pairwise
    }

    /// Captures the current state of `inference` (whose model is `size`), resampled to
    /// `grid` when given: Q area-averaged per label, labels by majority. With `unary` (the
    /// model's unaries already on the frame grid, see `atGrid`) the frame also keeps the
    /// last step's pairwise energies, area-averaged like Q.
    public init(_ inference: MeanFieldInference, size: Size, grid: Size? = nil, unary: [Float]? = nil) {
        let l = inference.model.labelCount
        let grid = grid ?? size
        self.iteration = inference.iteration
        self.changed = inference.changedInLastStep
        self.labelCount = l
        self.width = grid.width
        self.height = grid.height
        let labels = inference.currentLabels.map { UInt16(truncatingIfNeeded: $0) }
        self.labels = grid == size ? labels : Downsampler.majority(labels, size: size, to: grid)
        self.q = inference.withMarginals { Self.resampled($0, labels: l, size: size, grid: grid, Self.fixedPoint) }
        self.uncertainty = Self.entropy(q, labels: l)
        self.unary = unary
        self.pairwise = unary == nil ? nil : inference.withLastPairwise { buffer in
            buffer.map { Self.resampled($0, labels: l, size: size, grid: grid) { $0.map(Self.half) } }
        }
    }

    /// Pixel-major per-label `values` of a `size` image on `grid` (the same array when the
    /// grid is the image): what a frame keeps of the model's unaries.
    public static func atGrid(_ values: [Float], labels l: Int, size: Size, grid: Size) -> [Float] {
        guard grid != size else { return values }
        return values.withUnsafeBufferPointer { resampled($0, labels: l, size: size, grid: grid) { Array($0) } }
    }

    /// `convert` of each label's field area-averaged onto `grid` (`Downsampler`), pixel-major;
    /// converted directly when the grid is the image, so no Float copy is made.
    private static func resampled<T>(_ values: UnsafeBufferPointer<Float>, labels l: Int, size: Size, grid: Size,
                                     _ convert: (UnsafeBufferPointer<Float>) -> [T]) -> [T] {
        guard grid != size else { return convert(values) }
        let n = size.width * size.height
        var out = [Float](repeating: 0, count: grid.width * grid.height * l)
        for k in 0..<l {
            let field = (0..<n).map { values[$0 * l + k] }
            for (i, v) in Downsampler.areaAverage(field, size: size, to: grid).enumerated() { out[i * l + k] = v }
        }
        return out.withUnsafeBufferPointer(convert)
    }

    /// The energies behind Q at one pixel, when the frame keeps them.
    public func energies(x: Int, y: Int) -> PixelEnergies? {
        guard let unary, iteration == 0 || pairwise != nil else { return nil }
        let i = (y * width + x) * labelCount
        let u = Array(unary[i..<(i + labelCount)])
        let a = pairwise.map { p in (0..<labelCount).map { Float(p[i + $0]) } } ?? [Float](repeating: 0, count: labelCount)
        return PixelEnergies(unary: u, pairwise: a)
    }

    /// All of the step's statistics, once both energies are known.
    public var statistics: MeanFieldStatistics? {
        guard let kl, let mapEnergy else { return nil }
        return MeanFieldStatistics(iteration: iteration, kl: kl, mapEnergy: mapEnergy, changed: changed)
    }

    static let unit: Float = 65535

    /// p clamped to [0, 1] as the nearest code of `unit` (ties to even): adding 1.5·2²³ rounds
    /// it and leaves the integer in the low mantissa bits, plain arithmetic that the compiler
    /// vectorises, where the trapping Float→UInt16 conversion went one value at a time.
    @inline(__always)
    static func fixed(_ p: Float) -> UInt16 {
        UInt16(truncatingIfNeeded: (max(0, min(1, p)) * unit + 12_582_912).bitPattern)
    }

    /// `fixed` of every value, split across cores: a frame of a 500×375 image with 21 labels
    /// converts 3.9M of them before it can be shown.
    private static func fixedPoint(_ values: UnsafeBufferPointer<Float>) -> [UInt16] {
        guard let base = values.baseAddress else { return [] }
        let src = SharedConstPointer(base)
        return parallelArray(count: values.count, grain: 65536) { range, out in
            for i in range { out[i] = fixed(src[i]) }
        }
    }

    @inline(__always)
    static func half(_ e: Float) -> Float16 {
        let limit = Float(Float16.greatestFiniteMagnitude)
        return Float16(max(-limit, min(limit, e)))
    }

    @inline(__always)
    func value(_ index: Int) -> Float { Float(q[index]) / Self.unit }

    /// Q of one pixel as Float.
    public func marginals(x: Int, y: Int) -> [Float] {
        let i = (y * width + x) * labelCount
        return (0..<labelCount).map { value(i + $0) }
    }

    /// The heat-map field of one class, Q(·, label).
    public func classField(_ label: Int) -> [Float] {
        (0..<(width * height)).map { value($0 * labelCount + label) }
    }

    /// Entropy of Q per pixel divided by log L, so 0 is certain and 1 uniform.
    public func normalisedEntropy() -> [Float] {
        uncertainty.map { Float($0) / Self.unit }
    }

    /// −p·ln p for every code c of Q, p = c / `unit` (0 for c = 0, the limit): Q has only
    /// 65536 values, so a pixel's entropy H = −Σ_l p_l ln p_l is L table loads instead of L
    /// logarithms (3.9M per frame for 500×375 pixels and 21 labels). 256 KB, built once.
    private static let negativePLogP: [Float] = (0...Int(UInt16.max)).map { c in
        let p = Double(c) / Double(unit)
        return c == 0 ? 0 : Float(-p * log(p))
    }

    /// H / ln L per pixel as `fixed`, split across cores.
    private static func entropy(_ q: [UInt16], labels l: Int) -> [UInt16] {
        let n = q.count / l
        guard n > 0 else { return [] }
        let scale = 1 / log(Float(l))
        return negativePLogP.withUnsafeBufferPointer { table in
            q.withUnsafeBufferPointer { codes in
                let (t, c) = (SharedConstPointer(table.baseAddress!), SharedConstPointer(codes.baseAddress!))
                return parallelArray(count: n) { range, out in
                    for i in range {
                        var h: Float = 0
                        for k in 0..<l { h += t[Int(c[i * l + k])] }
                        out[i] = fixed(min(1, h * scale))
                    }
                }
            }
        }
    }
}

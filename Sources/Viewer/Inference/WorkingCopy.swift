import DenseCRF

/// The grid inference runs on while tuning: the image itself when it is small enough,
/// otherwise an area-averaged copy whose longest side is `workSize`.
///
/// Kernel widths keep their meaning in original-image pixels, so `sxy` is scaled by the
/// same factor as the image (srgb is a colour width and stays). Probabilities and energies
/// are area-averaged per label; annotations take the majority label of each block, so a
/// thin scribble survives as long as it dominates some block.
public struct WorkingCopy: Sendable {
    public let image: RGBImage
    public let source: UnarySource
    /// Working pixels per original pixel (1 when not reduced).
    public let scale: Float

    public init(problem: Problem, workSize: Int?) {
        let w = problem.image.width, h = problem.image.height
        let longest = max(w, h)
        guard let workSize, workSize > 0, longest > workSize else {
            image = problem.image
            source = problem.source
            scale = 1
            return
        }
        let s = Float(workSize) / Float(longest)
        let target = Size(width: max(1, Int((Float(w) * s).rounded())), height: max(1, Int((Float(h) * s).rounded())))
        let original = Size(width: w, height: h)
        scale = Float(target.width) / Float(w)
        let rgb = (0..<(w * h)).map { i in
            RGB(problem.image.pixels[3 * i], problem.image.pixels[3 * i + 1], problem.image.pixels[3 * i + 2])
        }
        let small = Downsampler.areaAverage(rgb, size: original, to: target)
        image = RGBImage(width: target.width, height: target.height, pixels: small.flatMap { [$0.r, $0.g, $0.b] })
        func perLabel(_ values: [Float], _ labels: Int) -> [Float] {
            let n = w * h
            return (0..<labels).flatMap { l in
                Downsampler.areaAverage(Array(values[(l * n)..<((l + 1) * n)]), size: original, to: target)
            }
        }
        switch problem.source {
        case .energies(let u, let l): source = .energies(labelMajor: perLabel(u, l), labels: l)
        case .probabilities(let p, let l): source = .probabilities(labelMajor: perLabel(p, l), labels: l)
        case .annotation(let a, let l): source = .annotation(values: Downsampler.majority(a, size: original, to: target), labels: l)
        }
    }

    /// The smallest sxy `CRFParameters.checkWidth` accepts.
    static let minimumSpatialWidth = CRFParameters.smallestWidth(largestFeature: CRFParameters.largestCoordinate)

    public var size: Size { Size(width: image.width, height: image.height) }
    public var isReduced: Bool { scale != 1 }

    /// The model parameters with widths converted from original to working pixels, kept at or
    /// above `minimumSpatialWidth` (a width that small already isolates every pixel, so the
    /// filter is the same).
    public func workingParameters(_ p: CRFParameters) -> CRFParameters {
        var q = p
        if let s = p.gaussian?.sxy { q.gaussian?.sxy = max(s * scale, Self.minimumSpatialWidth) }
        if let s = p.bilateral?.sxy { q.bilateral?.sxy = max(s * scale, Self.minimumSpatialWidth) }
        return q
    }
}

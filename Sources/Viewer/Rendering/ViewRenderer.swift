import DenseCRF

/// Turns one view of one step into the pixel grid a pane shows: images area-averaged, label
/// maps by majority (never blended), fields area-averaged then colour-mapped.
///
/// Results are cached by what they depend on, so redrawing an unchanged pane (a key press
/// that only moves the selection, a play tick that shows a step seen before) costs a lookup.
public final class ViewRenderer {
    /// Cache key: everything a pane's pixels depend on.
    private struct Key: Hashable {
        let view: ViewKind
        let generation: Int
        let step: Int
        let selectedClass: Int
        let size: Size
        let theme: String
        /// Which pinned baseline a diff was made against.
        let baseline: Int
    }

    private var cache: [Key: [RGB]] = [:]
    private var imageCache: (size: Size, pixels: [RGB])?
    private let image: RGBImage
    private let imagePixels: [RGB]
    private let truth: [UInt8]?
    /// The truth on the frames' grid (majority per block), made once per grid.
    private var truthGrid: (size: Size, truth: [UInt8])?
    /// The loss of the last step asked for, shared by the loss pane and its title.
    private var lossCache: (generation: Int, step: Int, field: LossField)?

    public init(image: RGBImage, truth: [UInt8]?) {
        self.image = image
        self.truth = truth
        imagePixels = (0..<image.pixelCount).map { RGB(image.pixels[3 * $0], image.pixels[3 * $0 + 1], image.pixels[3 * $0 + 2]) }
    }

    public var imageSize: Size { Size(width: image.width, height: image.height) }

    /// The `view` of `history[step]` as `target` pixels; nil when there is nothing to show yet.
    public func pixels(_ view: ViewKind, history: [StepFrame], step: Int, generation: Int, selectedClass: Int,
                       baseline: StepFrame?, baselineVersion: Int, theme: Theme, target: Size) -> [RGB]? {
        guard target.width > 0, target.height > 0 else { return nil }
        let key = Key(view: view, generation: view == .image || view == .truth ? 0 : generation, step: step,
                      selectedClass: view == .marginal ? selectedClass : 0, size: target, theme: theme.name,
                      baseline: view == .diff ? baselineVersion : 0)
        if let hit = cache[key] { return hit }
        guard let result = render(view, history: history, step: step, generation: generation, selectedClass: selectedClass,
                                  baseline: baseline, theme: theme, target: target) else { return nil }
        if cache.count > 256 { cache.removeAll() }
        cache[key] = result
        return result
    }

    /// Forgets results that depend on inference (after a parameter change or a new baseline).
    public func invalidate() {
        cache.removeAll()
        lossCache = nil
    }

    /// −log Q(truth) of `history[step]` (`LossField`); nil without a truth map or that step.
    func loss(history: [StepFrame], step: Int, generation: Int) -> LossField? {
        if let c = lossCache, c.generation == generation, c.step == step { return c.field }
        guard step < history.count, let truth = truth(on: history[step]) else { return nil }
        let field = LossField(frame: history[step], truth: truth)
        lossCache = (generation, step, field)
        return field
    }

    /// The truth on `frame`'s grid: the majority of each block, ignore (255) included.
    private func truth(on frame: StepFrame) -> [UInt8]? {
        guard let truth else { return nil }
        let size = Size(width: frame.width, height: frame.height)
        if size == imageSize { return truth }
        if let cached = truthGrid, cached.size == size { return cached.truth }
        let grid = Downsampler.majority(truth, size: imageSize, to: size)
        truthGrid = (size, grid)
        return grid
    }

    private func render(_ view: ViewKind, history: [StepFrame], step: Int, generation: Int, selectedClass: Int,
                        baseline: StepFrame?, theme: Theme, target: Size) -> [RGB]? {
        let source = imageSize
        if view == .image { return image(target) }
        if view == .truth {
            guard let truth else { return nil }
            return Downsampler.majority(truth, size: source, to: target).map { $0 == 255 ? Self.ignore : theme.labelColor(Int($0)) }
        }
        guard step < history.count else { return nil }
        let frame = history[step]
        let frameSize = Size(width: frame.width, height: frame.height)
        switch view {
        case .labels, .unaryLabels:
            let labels = view == .labels ? frame.labels : history[0].labels
            return Downsampler.majority(labels, size: frameSize, to: target).map { theme.labelColor(Int($0)) }
        case .overlay:
            return overlay(image(target), Downsampler.majority(frame.labels, size: frameSize, to: target), target, theme)
        case .marginal:
            let field = Downsampler.areaAverage(frame.classField(selectedClass), size: frameSize, to: target)
            return field.map { theme.heatMap.heat($0) }
        case .uncertainty:
            let field = Downsampler.areaAverage(frame.normalisedEntropy(), size: frameSize, to: target)
            return field.map { theme.heatMap.heat($0) }
        case .changed:
            let previous = step > 0 ? history[step - 1].labels : frame.labels
            let mask = zip(frame.labels, previous).map { $0 != $1 ? Float(1) : 0 }
            return highlight(Downsampler.areaAverage(mask, size: frameSize, to: target), target, Self.changedColor)
        case .errors:
            guard let truthWork = truth(on: frame) else { return nil }
            let mask = zip(frame.labels, truthWork).map { $1 != 255 && Int($0) != Int($1) ? Float(1) : 0 }
            return highlight(Downsampler.areaAverage(mask, size: frameSize, to: target), target, Self.errorColor)
        case .loss:
            // Blocks at least half ignored are drawn as the truth view draws ignore; the rest
            // show the mean loss of their pixels that have a truth class.
            guard let loss = loss(history: history, step: step, generation: generation) else { return nil }
            let sums = Downsampler.areaAverage(loss.values.map { $0 ?? 0 }, size: frameSize, to: target)
            let coverage = Downsampler.areaAverage(loss.values.map { $0 == nil ? Float(0) : 1 }, size: frameSize, to: target)
            return zip(sums, coverage).map { sum, c in c >= 0.5 ? theme.heatMap.heat(sum / c / LossField.scaleTop) : Self.ignore }
        case .diff:
            guard let baseline, baseline.labels.count == frame.labels.count else { return nil }
            let mask = zip(frame.labels, baseline.labels).map { $0 != $1 ? Float(1) : 0 }
            return highlight(Downsampler.areaAverage(mask, size: frameSize, to: target), target, Self.changedColor)
        case .image, .truth: return nil
        }
    }

    /// The photo with label 0 (background) left as it is, other labels mixed in at half
    /// strength and their regions' outlines (cells with a 4-neighbour of another label) in full
    /// colour, as the exported overlay PNG draws it.
    private func overlay<Label: BinaryInteger>(_ photo: [RGB], _ labels: [Label], _ size: Size, _ theme: Theme) -> [RGB] {
        let (w, h) = (size.width, size.height)
        return photo.indices.map { i in
            let label = labels[i]
            guard label != 0 else { return photo[i] }
            let (x, y) = (i % w, i / w)
            let edge = (x > 0 && labels[i - 1] != label) || (x + 1 < w && labels[i + 1] != label)
                || (y > 0 && labels[i - w] != label) || (y + 1 < h && labels[i + w] != label)
            let colour = theme.labelColor(Int(label))
            return edge ? colour : photo[i].mixed(with: colour, 0.5)
        }
    }

    static let ignore = RGB(224, 224, 192)
    static let changedColor = RGB(255, 200, 0)
    static let errorColor = RGB(255, 40, 40)

    private func image(_ target: Size) -> [RGB] {
        if let cached = imageCache, cached.size == target { return cached.pixels }
        let pixels = Downsampler.areaAverage(imagePixels, size: imageSize, to: target)
        imageCache = (target, pixels)
        return pixels
    }

    /// A dimmed grey image with `colour` where `mask` > 0; any marked pixel in a block shows.
    private func highlight(_ mask: [Float], _ target: Size, _ colour: RGB) -> [RGB] {
        zip(image(target), mask).map { pixel, m in
            let grey = UInt8((Int(pixel.r) * 3 + Int(pixel.g) * 6 + Int(pixel.b)) / 30)
            let dim = RGB(grey, grey, grey)
            return m > 0 ? dim.mixed(with: colour, min(1, 0.6 + m)) : dim
        }
    }
}

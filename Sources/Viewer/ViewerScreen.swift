import DenseCRF

/// Draws the whole viewer into a canvas from the session's state: title, image panes, side
/// panel, key bar, and the help overlay or the "too small" screen. Pure drawing: it reads the
/// session and never waits for inference.
public final class ViewerScreen {
    public let session: ViewerSession
    let renderer: ViewRenderer
    /// The pane fits of the last frame drawn, for mapping mouse clicks to image pixels.
    public private(set) var fits: [ImageFit] = []

    public init(session: ViewerSession) {
        self.session = session
        renderer = ViewRenderer(image: session.problem.image, truth: session.problem.truth)
    }

    public func render(size: Size) -> Canvas {
        var canvas = Canvas(size: size, glyphs: session.glyphs)
        let style = ViewerStyle(session.theme)
        canvas.fill(canvas.bounds, with: Cell(" ", style: style.base))
        guard let layout = ScreenLayout(size: size, maxPanes: session.views.count, image: renderer.imageSize) else {
            drawTooSmall(&canvas, style)
            fits = []
            return canvas
        }
        drawTitle(&canvas, layout.title, style)
        fits = layout.panes.enumerated().map { i, pane in
            let view = session.views[(session.viewIndex + i) % session.views.count]
            return drawPane(&canvas, pane, view: view, style: style)
        }
        SidePanel(session: session, style: style).draw(into: &canvas, rect: layout.side)
        StatusBar(session: session, style: style).draw(into: &canvas, rect: layout.bar)
        if session.showHelp { HelpOverlay(style: style).draw(into: &canvas) }
        return canvas
    }

    private func drawTooSmall(_ canvas: inout Canvas, _ style: ViewerStyle) {
        let need = ScreenLayout.minimum
        let lines = ["too small: need \(need.width)×\(need.height)", "now \(canvas.width)×\(canvas.height)", "q quits"]
        for (i, line) in lines.enumerated() {
            let y = canvas.height / 2 - 1 + i
            canvas.draw(text: line, at: Point(x: max(0, (canvas.width - line.count) / 2), y: y), style: i == 0 ? style.accent : style.base)
        }
    }

    private func drawTitle(_ canvas: inout Canvas, _ rect: Rect, _ style: ViewerStyle) {
        let p = session.problem
        var text = " crfview · \(p.title) · \(p.image.width)×\(p.image.height) · \(p.labelCount) labels"
        if session.working.isReduced { text += " · working \(session.working.image.width)×\(session.working.image.height)" }
        canvas.fill(rect, with: Cell(" ", style: style.bar))
        canvas.draw(text: text, at: rect.origin, style: style.barAccent, maxWidth: rect.width)
    }

    /// One pane: a title line naming the view, then the view fitted below it.
    private func drawPane(_ canvas: inout Canvas, _ pane: Rect, view: ViewKind, style: ViewerStyle) -> ImageFit {
        let step = session.displayedStep
        var title = view.rawValue
        switch view {
        case .marginal: title += " · \(session.problem.className(session.selectedClass))"
        case .image, .truth, .unaryLabels: break
        case .changed:
            if let s = session.displayedFrame?.statistics { title += " · \(s.changed) px" }
        default: title += " · step \(step)"
        }
        canvas.draw(text: " " + title, at: pane.origin, style: style.accent, maxWidth: pane.width - 1)
        let area = Rect(x: pane.x + 1, y: pane.y + 1, width: pane.width - 2, height: pane.height - 1)
        let fit = ImageFit(image: renderer.imageSize, pane: area)
        guard !fit.rect.isEmpty else { return fit }
        let mono = session.colorMode == .mono
        let target = mono ? fit.rect.size : fit.pixelSize
        if mono, let labels = monoLabels(view, target: target) {
            ShadeRenderer.drawLabels(labels, size: target, at: fit.rect.origin, into: &canvas)
        } else if let pixels = renderer.pixels(view, history: session.history, step: step, generation: session.runGeneration,
                                               selectedClass: session.selectedClass, baseline: nil, theme: session.theme, target: target) {
            if mono {
                let luminance = pixels.map { Float(Int($0.r) * 3 + Int($0.g) * 6 + Int($0.b)) / 2550 }
                ShadeRenderer.drawIntensities(luminance, size: target, at: fit.rect.origin, into: &canvas)
            } else {
                HalfBlockRenderer.draw(pixels, size: target, at: fit.rect.origin, into: &canvas)
            }
        } else {
            let text = session.failure == nil ? "computing…" : "no result"
            canvas.draw(text: text, at: Point(x: fit.rect.x + max(0, (fit.rect.width - text.count) / 2), y: fit.rect.y + fit.rect.height / 2), style: style.base)
        }
        return fit
    }

    /// Label views in mono mode: one label per cell, drawn as distinct glyphs.
    private func monoLabels(_ view: ViewKind, target: Size) -> [UInt16]? {
        let history = session.history
        switch view {
        case .labels, .overlay, .unaryLabels:
            guard let frame = view == .unaryLabels ? history.first : session.displayedFrame else { return nil }
            return Downsampler.majority(frame.labels, size: Size(width: frame.width, height: frame.height), to: target)
        case .truth:
            guard let truth = session.problem.truth else { return nil }
            return Downsampler.majority(truth, size: renderer.imageSize, to: target).map { $0 == 255 ? 0 : UInt16($0) }
        default: return nil
        }
    }
}

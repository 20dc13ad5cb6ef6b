import DenseCRF

/// Draws the whole viewer into a canvas from the session's state: title, image panes, side
/// panel, key bar, and the help overlay or the "too small" screen. Pure drawing: it reads the
/// session and never waits for inference.
public final class ViewerScreen {
    public let session: ViewerSession
    let renderer: ViewRenderer
    /// What the backend can show; the app sets them from it before the first frame.
    public var glyphs = GlyphSet.unicode
    public var colorSupport = ColorSupport.color
    /// The pane fits of the last frame drawn, for mapping mouse clicks to image pixels.
    public private(set) var fits: [ImageFit] = []

    public init(session: ViewerSession) {
        self.session = session
        renderer = ViewRenderer(image: session.problem.image, truth: session.problem.truth)
    }

    public func render(size: Size) -> Canvas {
        var canvas = Canvas(size: size, glyphs: glyphs)
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
        if let detail = layout.detail {
            canvas.drawHorizontalLine(y: detail.y, from: 0, to: detail.maxX, style: style.border)
            let split = detail.width * 3 / 5
            let s = session
            InspectorPanel(problem: s.problem, cursor: s.cursor, frameCursor: s.workingCursor, frames: s.history,
                           frame: s.displayedFrame, theme: s.theme, style: style)
                .draw(into: &canvas, rect: Rect(x: 1, y: detail.y + 1, width: split - 2, height: detail.height - 1))
            let chartRect = Rect(x: split + 1, y: detail.y + 1, width: detail.width - split - 2, height: detail.height - 1)
            if s.learning.isRunning || s.learned != nil {
                LearningChart(epochs: s.learning.epochs, total: s.learning.setup.options.epochs, startMIoU: s.learning.startMIoU, style: style)
                    .draw(into: &canvas, rect: chartRect)
            } else {
                EnergyChart(frames: s.history, iterations: s.iterations, step: s.displayedStep, style: style)
                    .draw(into: &canvas, rect: chartRect)
            }
        }
        sidePanel(style).draw(into: &canvas, rect: layout.side)
        StatusBar(step: session.displayedStep, frame: session.displayedFrame, iterations: session.iterations, run: session.runs.current,
                  playback: session.playback, editing: session.editText.map { (session.currentParameter.name, $0) },
                  message: session.message, learning: LearningStatus(session), style: style)
            .draw(into: &canvas, rect: layout.bar)
        if session.showHelp { HelpOverlay(style: style).draw(into: &canvas) }
        return canvas
    }

    private func sidePanel(_ style: ViewerStyle) -> SidePanel {
        let s = session
        return SidePanel(
            model: ModelList(parameters: s.parameterList, selected: s.currentParameter, settings: s.shownSettings,
                             classNames: (0..<s.problem.labelCount).map(s.problem.className), editText: s.editText, style: style),
            legend: LabelLegend(labelCount: s.problem.labelCount, classNames: s.problem.classNames, selectedClass: s.selectedClass,
                                theme: s.theme, colorSupport: colorSupport, style: style),
            energy: EnergyTable(frames: s.history, iterations: s.iterations, step: s.displayedStep, style: style),
            style: style)
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
        let working = session.runs.working
        if working.isReduced { text += " · working \(working.image.width)×\(working.image.height)" }
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
            if let frame = session.displayedFrame { title += " · \(frame.changed) px" }
        case .loss:
            title += " · step \(step)"
            if let mean = renderer.loss(history: session.history, step: step, generation: session.runs.current.generation)?.mean {
                title += " · mean \(String(format: "%.3f", mean)) · scale 0-\(Int(LossField.scaleTop))"
            }
        case .diff:
            if let d = session.baselineDifference { title += " · \(d) px differ from step \(session.baseline.frame?.iteration ?? 0) pinned" }
        default: title += " · step \(step)"
        }
        canvas.draw(text: " " + title, at: pane.origin, style: style.accent, maxWidth: pane.width - 1)
        let area = Rect(x: pane.x + 1, y: pane.y + 1, width: pane.width - 2, height: pane.height - 1)
        let fit = ImageFit(image: renderer.imageSize, pane: area)
        guard !fit.rect.isEmpty else { return fit }
        let mono = colorSupport == .monochrome
        let target = mono ? fit.rect.size : fit.pixelSize
        if mono, let labels = monoLabels(view, target: target) {
            ShadeRenderer.drawLabels(labels, size: target, at: fit.rect.origin, into: &canvas)
        } else if let pixels = renderer.pixels(view, history: session.history, step: step, generation: session.runs.current.generation,
                                               selectedClass: session.selectedClass, baseline: session.baseline.frame, baselineVersion: session.baseline.version, theme: session.theme, target: target) {
            if mono {
                let luminance = pixels.map { Float(Int($0.r) * 3 + Int($0.g) * 6 + Int($0.b)) / 2550 }
                ShadeRenderer.drawIntensities(luminance, size: target, at: fit.rect.origin, into: &canvas)
            } else {
                HalfBlockRenderer.draw(pixels, size: target, at: fit.rect.origin, into: &canvas)
            }
        } else {
            let text = session.runs.current.failure == nil ? "computing…" : "no result"
            canvas.draw(text: text, at: Point(x: fit.rect.x + max(0, (fit.rect.width - text.count) / 2), y: fit.rect.y + fit.rect.height / 2), style: style.base)
        }
        drawCursor(&canvas, fit)
        return fit
    }

    /// The inspector cursor: the cell over the cursor pixel becomes a cross in black or white,
    /// whichever contrasts with the colours under it, on a reversed cell, so it shows over any
    /// colour (and in mono).
    private func drawCursor(_ canvas: inout Canvas, _ fit: ImageFit) {
        let size = renderer.imageSize
        let c = session.cursor
        let x = fit.rect.x + c.x * fit.rect.width / size.width
        let y = fit.rect.y + c.y * fit.rect.height / size.height
        guard fit.rect.contains(Point(x: x, y: y)) else { return }
        let under = canvas[x, y]
        let colours = [under.foreground.rgb, under.background.rgb].compactMap { $0 }
        let light = colours.isEmpty ? false : colours.map { Int($0.r) * 3 + Int($0.g) * 6 + Int($0.b) }.reduce(0, +) / colours.count > 1275
        let ink = light ? RGB(0, 0, 0) : RGB(255, 255, 255)
        let glyph: Character = canvas.glyphs == .unicode ? "╋" : "+"
        canvas.put(Cell(glyph, foreground: .rgb(ink), background: .rgb(light ? RGB(255, 255, 255) : RGB(0, 0, 0)), attributes: .bold), x: x, y: y)
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

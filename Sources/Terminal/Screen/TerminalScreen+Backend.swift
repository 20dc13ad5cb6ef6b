import Viewer

/// The ncurses screen is the viewer's backend: it shows canvases and reports input.
extension TerminalScreen: TerminalBackend {
    /// Colours show in every mode but mono.
    public var colorSupport: ColorSupport { colorMode == .mono ? .monochrome : .color }
}

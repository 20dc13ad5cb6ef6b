import DenseCRF

/// What `s` saves: the full-resolution result of the current parameters.
public struct ExportRequest: Sendable {
    public let problem: Problem
    public let labels: [Int32]
    public let marginals: Marginals
    public let parameters: CRFParameters
    public let unarySettings: UnarySettings
    public let palette: [RGB]
}

/// Writes exports; the command line provides one over the file formats, so the viewer itself
/// stays free of them. Returns the line the status bar shows (where the files went).
public protocol ViewerExporter {
    func export(_ request: ExportRequest) throws -> String
}

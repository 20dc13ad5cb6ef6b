import DenseCRF

/// `s`: the full-resolution result of the current settings, written by the exporter the
/// command line provides. When that result does not exist yet, the save waits for the run
/// computing it; a pending save belongs to the settings it was asked for, so a run of any
/// other settings (a parameter change, an undo) cancels it rather than saving the wrong run.
public struct Exports {
    /// Nil where saving is not available (tests, benchmarks).
    public var exporter: ViewerExporter?
    /// The settings a save waits for a full-resolution run of.
    public private(set) var pending: ModelSettings?

    public init(exporter: ViewerExporter? = nil) {
        self.exporter = exporter
    }

    /// Waits for the full-resolution run of `settings`.
    mutating func wait(for settings: ModelSettings) { pending = settings }

    /// A run starts: the pending save stays only when that run computes what it waits for.
    /// Returns whether a pending save was cancelled.
    mutating func runStarted(_ run: RunState) -> Bool {
        guard let pending, !(run.fullResolution && run.settings == pending) else { return false }
        self.pending = nil
        return true
    }

    /// A run finished: true (and no longer pending) when it is the one a save waits for.
    mutating func takePending(finished run: RunState) -> Bool {
        guard let pending, run.fullResolution, run.settings == pending else { return false }
        self.pending = nil
        return true
    }

    /// Writes `result` of `settings`; returns the status line (where it went, or why not).
    func write(_ result: InferenceRunner.Result, of settings: ModelSettings, problem: Problem, palette: [RGB]) -> String {
        guard let exporter else { return "saving is not available here" }
        let request = ExportRequest(problem: problem, labels: result.labels,
                                    marginals: result.marginals, parameters: settings.parameters, unarySettings: settings.unary,
                                    palette: palette)
        do {
            return try exporter.export(request)
        } catch {
            return "save failed: \(error)"
        }
    }
}

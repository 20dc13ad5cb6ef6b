import CRFLearning

/// The status bar's words on learning mode: `learning epoch 3/15 · best mIoU 84.1% (was
/// 76.2%)` while it runs, `learned mIoU 76.2% → 84.1%` while its result is the current model.
struct LearningStatus {
    let text: String

    /// Nil when learning neither runs nor produced the current settings.
    init?(_ session: ViewerSession) {
        let learning = session.learning
        let was = learning.startMIoU.map { " (was \(Self.percent($0)))" } ?? ""
        if learning.isRunning {
            let best = learning.bestMIoU.map { " · best mIoU \(Self.percent($0))" } ?? ""
            text = "learning epoch \(learning.epochs.count)/\(learning.setup.options.epochs)\(best)\(was)"
        } else if let learned = session.learned, learned == session.tuning.current, let best = learning.bestMIoU {
            text = "learned mIoU \(learning.startMIoU.map(Self.percent) ?? "?") → \(Self.percent(best))"
        } else {
            return nil
        }
    }

    static func percent(_ miou: Double) -> String { String(format: "%.1f%%", miou * 100) }
}

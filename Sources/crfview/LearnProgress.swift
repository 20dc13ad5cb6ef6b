import CRFLearning
import Foundation

/// What `crfview learn` prints while it runs: a line per epoch on stderr, and on a terminal a
/// live bar over the current epoch's images.
final class LearnProgress {
    let epochs: Int
    let images: Int
    private let live = isatty(STDERR_FILENO) != 0
    private var epoch = 1

    init(epochs: Int, images: Int) {
        self.epochs = epochs
        self.images = images
    }

    func imageDone(_ done: Int) {
        guard live else { return }
        let width = 30
        let filled = width * done / max(1, images)
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        write("\r\u{1B}[2Kepoch \(epoch)/\(epochs) \(bar) \(done)/\(images) images")
    }

    func epochDone(_ r: EpochReport) {
        var line = String(format: "epoch %d/%d  loss %.4f  train mIoU %.2f", r.epoch, epochs, r.loss, 100 * r.trainMIoU)
        if let v = r.validationMIoU { line += String(format: "  val mIoU %.2f", 100 * v) }
        line += String(format: "  %.1f s", r.seconds) + (r.best ? "  *" : "")
        write((live ? "\r\u{1B}[2K" : "") + line + "\n")
        epoch = r.epoch + 1
    }

    func finish() {
        if live { write("\r\u{1B}[2K") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The `--log` CSV: one row per epoch.
    static func csv(_ history: [EpochReport]) -> String {
        var text = "epoch,loss,train_miou,val_miou,seconds,best\n"
        for r in history {
            text += "\(r.epoch),\(r.loss),\(r.trainMIoU),\(r.validationMIoU.map { "\($0)" } ?? ""),\(r.seconds),\(r.best ? 1 : 0)\n"
        }
        return text
    }
}

/// The result of `crfview learn` as one line or as the `--json` document.
struct LearnSummary: Encodable {
    var epochs: Int
    var stopped: Bool
    var seconds: Double
    var finalLoss: Double?
    var valMIoUBefore: Double?
    var valMIoUAfter: Double?
    var history: [Epoch]

    struct Epoch: Encodable {
        var epoch: Int
        var loss: Double
        var trainMIoU: Double
        var valMIoU: Double?
        var seconds: Double
        enum CodingKeys: String, CodingKey {
            case epoch, loss, seconds
            case trainMIoU = "train_miou"
            case valMIoU = "val_miou"
        }
    }

    enum CodingKeys: String, CodingKey {
        case epochs, stopped, seconds, history
        case finalLoss = "final_loss"
        case valMIoUBefore = "val_miou_before"
        case valMIoUAfter = "val_miou_after"
    }

    init(result: TrainingResult, seconds: Double) {
        epochs = result.history.count
        stopped = result.stopped
        self.seconds = seconds
        finalLoss = result.history.last?.loss
        valMIoUBefore = result.validationBefore
        valMIoUAfter = result.validationAfter
        history = result.history.map {
            Epoch(epoch: $0.epoch, loss: $0.loss, trainMIoU: $0.trainMIoU, valMIoU: $0.validationMIoU, seconds: $0.seconds)
        }
    }

    var line: String {
        var s = "learned in \(epochs) epoch\(epochs == 1 ? "" : "s")" + (stopped ? " (stopped early)" : "")
        s += String(format: ", %.1f s", seconds)
        if let l = finalLoss { s += String(format: ", loss %.4f", l) }
        if let b = valMIoUBefore, let a = valMIoUAfter { s += String(format: ", val mIoU %.2f -> %.2f", 100 * b, 100 * a) }
        return s
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}

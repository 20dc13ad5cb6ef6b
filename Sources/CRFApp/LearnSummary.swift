import CRFLearning
import Foundation

/// The result of `crfview learn` as one line or as the `--json` document, and what it prints
/// and logs per epoch.
public struct LearnSummary: Encodable, Sendable {
    public var epochs: Int
    public var stopped: Bool
    public var seconds: Double
    public var finalLoss: Double?
    public var valMIoUBefore: Double?
    public var valMIoUAfter: Double?
    public var history: [Epoch]

    public struct Epoch: Encodable, Sendable {
        public var epoch: Int
        public var loss: Double
        public var trainMIoU: Double
        public var valMIoU: Double?
        public var seconds: Double
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

    public init(result: TrainingResult, seconds: Double) {
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

    /// "learned in 3 epochs (stopped early), 4.2 s, loss 0.1234, val mIoU 61.00 -> 64.50"
    public var line: String {
        var s = "learned in \(epochs) epoch\(epochs == 1 ? "" : "s")" + (stopped ? " (stopped early)" : "")
        s += String(format: ", %.1f s", seconds)
        if let l = finalLoss { s += String(format: ", loss %.4f", l) }
        if let b = valMIoUBefore, let a = valMIoUAfter { s += String(format: ", val mIoU %.2f -> %.2f", 100 * b, 100 * a) }
        return s
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// The line printed when an epoch ends: "epoch 2/15  loss 0.4210  train mIoU 55.10  val
    /// mIoU 58.20  3.1 s  *" (the star marks the best parameters so far).
    public static func epochLine(_ r: EpochReport, of epochs: Int) -> String {
        var line = String(format: "epoch %d/%d  loss %.4f  train mIoU %.2f", r.epoch, epochs, r.loss, 100 * r.trainMIoU)
        if let v = r.validationMIoU { line += String(format: "  val mIoU %.2f", 100 * v) }
        return line + String(format: "  %.1f s", r.seconds) + (r.best ? "  *" : "")
    }

    /// The `--log` CSV: one row per epoch.
    public static func csv(_ history: [EpochReport]) -> String {
        var text = "epoch,loss,train_miou,val_miou,seconds,best\n"
        for r in history {
            text += "\(r.epoch),\(r.loss),\(r.trainMIoU),\(r.validationMIoU.map { "\($0)" } ?? ""),\(r.seconds),\(r.best ? 1 : 0)\n"
        }
        return text
    }
}

@testable import CRFApp
@testable import CRFLearning
import DenseCRF
import Foundation
import POSIXSignals
import Testing

/// What long runs print: the progress bar (which leaves signals to the commands) and
/// `learn`'s epoch lines, log and summary.
@Suite struct ProgressTests {
    final class Output: @unchecked Sendable {
        var text = ""
        func write(_ s: String) { text += s }
    }

    @Test func theBarIsLabelledAndInstallsNoSignalHandler() {
        var before = sigaction()
        sigaction(SIGINT, nil, &before)
        let out = Output()
        let bar = ProgressBar(total: 4, label: "epoch 2/5", isShown: true, write: out.write)
        bar.advance()
        bar.log("note")
        bar.finish()
        var after = sigaction()
        sigaction(SIGINT, nil, &after)
        #expect(SignalAction.handlerAddress(of: after) == SignalAction.handlerAddress(of: before))
        #expect(out.text.hasPrefix("epoch 2/5 [........................] 0/4\repoch 2/5 [######..................] 1/4"))
        #expect(out.text.contains("\r\u{1B}[Knote\nepoch 2/5 [######"))
        #expect(out.text.hasSuffix("\r\u{1B}[K"))
    }

    @Test func epochsArePrintedLoggedAndSummarised() throws {
        let reports = [
            EpochReport(epoch: 1, loss: 0.5, trainMIoU: 0.4, validationMIoU: 0.45, seconds: 1.25, best: true, parameters: CRFParameters()),
            EpochReport(epoch: 2, loss: 0.25, trainMIoU: 0.5, validationMIoU: nil, seconds: 2, best: false, parameters: CRFParameters()),
        ]
        #expect(LearnSummary.epochLine(reports[0], of: 2) == "epoch 1/2  loss 0.5000  train mIoU 40.00  val mIoU 45.00  1.2 s  *")
        #expect(LearnSummary.epochLine(reports[1], of: 2) == "epoch 2/2  loss 0.2500  train mIoU 50.00  2.0 s")
        #expect(LearnSummary.csv(reports) == "epoch,loss,train_miou,val_miou,seconds,best\n1,0.5,0.4,0.45,1.25,1\n2,0.25,0.5,,2.0,0\n")
        let result = TrainingResult(parameters: CRFParameters(), history: reports, validationBefore: 0.4, validationAfter: 0.45, stopped: true)
        let summary = LearnSummary(result: result, seconds: 3.5)
        #expect(summary.line == "learned in 2 epochs (stopped early), 3.5 s, loss 0.2500, val mIoU 40.00 -> 45.00")
        let json = try JSONSerialization.jsonObject(with: Data(try summary.json().utf8)) as! [String: Any]
        #expect(json["final_loss"] as? Double == 0.25 && json["stopped"] as? Bool == true)
    }

    @Test func anUnsavedResultIsSummarised() {
        #expect(ResultSummary.line(labels: [0, 1, 1, 1], unary: [0, 0, 1, 1], milliseconds: 12.4)
            == "2 labels in the result (0: 25.0%, 1: 75.0%), 1 of 4 pixels (25.0%) changed from the unary argmax, 12 ms; nothing saved: add --out-labels L.png, --out-probs Q.npy or --out-overlay O.png")
    }
}

@testable import CRFApp
import CRFIO
import CRFTestSupport
import Foundation
import Testing

@Suite struct BatchRunnerTests {
    /// Collects what a progress bar writes.
    final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func write(_ s: String) { lock.withLock { text += s } }
        var lines: [String] { lock.withLock { text.split(separator: "\n").map(String.init) } }
    }

    func runner(_ items: [DatasetItem], _ out: String, overwrite: Bool = false) -> BatchRunner {
        BatchRunner(items: items, outputs: .init(folder: out, probs: true, overlay: true, overwrite: overwrite),
                    mapOptions: MapOptions(), model: SceneFixture.model)
    }

    @Test func runsSkipsDoneInputsAndGoesOnAfterAFailure() throws {
        let tmp = try TemporaryFolder()
        var items = try DatasetList.folders(SceneFixture.folders(4, in: tmp.file("in")))
        items.append(DatasetItem(index: 4, name: "broken", image: tmp.file("in/scene-0/image.png"),
                                 unary: .map(path: tmp.file("nowhere.npy"), kind: .probs), truth: .file("")))
        let out = tmp.file("out")
        let log = Output()
        let first = runner(items, out).run(jobs: 2, progress: ProgressBar(total: 5, isShown: false, write: log.write))
        #expect(first == BatchRunner.Summary(written: 4, skipped: 0, failed: 1))
        #expect(first.line == "5 inputs: 4 written, 1 failed")
        #expect(log.lines == ["error: \(tmp.file("nowhere.npy")): no such file"])
        for n in 0..<4 {
            guard case .indices(24, 16, let labels) = try LabelImageFile.read("\(out)/scene-\(n)/labels.png") else {
                Issue.record("scene-\(n) has no label PNG")
                continue
            }
            let wrong = labels.enumerated().filter { Int($0.element) != ($0.offset % 24 >= SceneFixture.boundary(n) ? 1 : 0) }.count
            #expect(wrong <= 8, "scene-\(n): \(wrong) pixels off the boundary")
            #expect(try NPYFile.read("\(out)/scene-\(n)/probs.npy").shape == [2, 16, 24])
            #expect(FileManager.default.fileExists(atPath: "\(out)/scene-\(n)/overlay.png"))
        }
        #expect(!FileManager.default.fileExists(atPath: "\(out)/broken/labels.png"))

        // Resume: done inputs are skipped; one whose labels.png is missing (interrupted) is redone.
        try FileManager.default.removeItem(atPath: "\(out)/scene-2/labels.png")
        let before = try FileManager.default.attributesOfItem(atPath: "\(out)/scene-1/labels.png")[.modificationDate] as? Date
        let second = runner(Array(items.prefix(4)), out).run(jobs: 2, progress: ProgressBar(total: 4, isShown: false, write: log.write))
        #expect(second == BatchRunner.Summary(written: 1, skipped: 3, failed: 0))
        #expect(second.line == "4 inputs: 1 written, 3 skipped (outputs exist; --overwrite redoes them)")
        #expect(try FileManager.default.attributesOfItem(atPath: "\(out)/scene-1/labels.png")[.modificationDate] as? Date == before)
        #expect(FileManager.default.fileExists(atPath: "\(out)/scene-2/labels.png"))
        let third = runner(Array(items.prefix(4)), out, overwrite: true).run(jobs: 1, progress: ProgressBar(total: 4, isShown: false, write: log.write))
        #expect(third == BatchRunner.Summary(written: 4, skipped: 0, failed: 0))
    }

    @Test func progressBarDrawsCountRateAndFailures() throws {
        let log = Output()
        let bar = ProgressBar(total: 4, isShown: true, write: log.write)
        #expect(bar.line() == "[........................] 0/4")
        bar.advance(skipped: true)
        #expect(bar.line() == "[######..................] 1/4")
        bar.advance(failed: true)
        #expect(bar.line().range(of: #"^\[############\.{12}\] 2/4  [0-9.]+/s  ETA [0-9]+:[0-9]{2}  1 failed$"#, options: .regularExpression) != nil, "\(bar.line())")
        bar.log("error: x: y")
        bar.finish()
        let text = log.lines.joined(separator: "\n")
        #expect(text.contains("\r\u{1B}[Kerror: x: y\n"))
        #expect(text.hasSuffix("\r\u{1B}[K"))
    }
}

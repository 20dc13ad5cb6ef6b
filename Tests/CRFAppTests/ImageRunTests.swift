@testable import CRFApp
import CRFIO
import CRFTestSupport
import DenseCRF
import Foundation
import Testing

/// `infer` on one image and `learn`'s folders, as library calls.
@Suite struct ImageRunTests {
    @Test func writesWhatIsAskedAllOrNone() throws {
        let tmp = try TemporaryFolder()
        try SceneFixture.write(4, to: tmp.file("s"))
        let problem = try ProblemFiles.load(imagePath: tmp.file("s/image.png"), unary: .map(path: tmp.file("s/probs.npy"), kind: .probs),
                                            model: SceneFixture.model).problem
        var run = ImageRun()
        #expect(!run.writesFiles)
        run.labels = tmp.file("l.png")
        run.energyLog = tmp.file("e.csv")
        let result = try run.run(problem)
        let wrong = result.labels.enumerated().filter { Int($0.element) != ($0.offset % SceneFixture.width >= SceneFixture.boundary(4) ? 1 : 0) }.count
        #expect(wrong <= 8)
        #expect(result.unaryLabels != result.labels, "the CRF changed the noisy unary argmax")
        #expect(try String(contentsOfFile: tmp.file("e.csv"), encoding: .utf8).split(separator: "\n").count == 1 + 1 + problem.parameters.iterations)
        // An output that cannot be written leaves the others unwritten.
        run.labels = tmp.file("l2.png")
        run.overlay = tmp.file("missing/o.png")
        #expect(throws: CLIFailure.self) { try run.run(problem) }
        #expect(!FileManager.default.fileExists(atPath: tmp.file("l2.png")))
    }

    @Test func trainingFoldersShareOneClassSet() throws {
        let tmp = try TemporaryFolder()
        let folders = try SceneFixture.folders(2, in: tmp.path)
        let (examples, parameters, _) = try TrainingSet.load(folders, choice: SceneFixture.model)
        #expect(examples.map(\.name) == ["scene-0", "scene-1"] && parameters.iterations == 5)
        #expect(throws: CLIFailure(folders[0], "has 2 labels but the training folders have 3; all folders must share one class set")) {
            try TrainingSet.load([folders[0]], choice: SceneFixture.model, labels: 3)
        }
    }
}

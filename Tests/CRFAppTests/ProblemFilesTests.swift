@testable import CRFApp
import CRFIO
import CRFTestSupport
import DenseCRF
import Foundation
import Testing

/// The one rule for what a folder or an image means, and the viewer's export of a result.
@Suite struct ProblemFilesTests {
    @Test func aFolderBringsItsUnaryTruthAndParams() throws {
        let tmp = try TemporaryFolder()
        let folder = tmp.file("scene")
        try SceneFixture.write(2, to: folder)
        _ = try tmp.write("scene/params.json", #"{"gaussian": {"sxy": 2, "compat": 1}, "iterations": 4}"#)
        var flags = ModelFlags()
        flags.iterations = 6
        let (problem, _) = try ProblemFiles.open(folder, unary: nil, model: flags)
        // The folder's params.json under the flags: its kernels, the flag's iterations.
        #expect(problem.parameters.gaussian?.sxy == 2 && problem.parameters.bilateral == nil && problem.parameters.iterations == 6)
        #expect(problem.title == "scene" && problem.truth?.count == SceneFixture.width * SceneFixture.height)
        #expect(problem.sourcePath == folder + "/probs.npy" && problem.imagePath == folder + "/image.png")
        // --params wins over the folder's file; a unary flag over the folder's probs.npy.
        flags.paramsFile = try tmp.write("other.json", #"{"bilateral": {"sxy": 30, "srgb": 5, "compat": 2}}"#)
        let labels = try tmp.mkdir("labels") + "/a.png"
        try LabelImageFile.writeIndexed(width: SceneFixture.width, height: SceneFixture.height,
                                        indices: (0..<(SceneFixture.width * SceneFixture.height)).map { UInt8($0 % 3) },
                                        palette: VOCColormap.colors(count: 3), to: labels)
        let other = try ProblemFiles.open(folder, unary: .annotation(path: labels), model: flags).problem
        #expect(other.parameters.gaussian == nil && other.parameters.bilateral?.srgb == 5)
        #expect(other.sourcePath == labels)
    }

    @Test func anImageNeedsAUnarySource() throws {
        let tmp = try TemporaryFolder()
        try SceneFixture.write(0, to: tmp.file("s"))
        let image = tmp.file("s/image.png")
        #expect(throws: CLIFailure("command line", UnarySpec.missing)) { try ProblemFiles.open(image, unary: nil, model: ModelFlags()) }
        let problem = try ProblemFiles.open(image, unary: .map(path: tmp.file("s/probs.npy"), kind: .probs), model: ModelFlags(),
                                            classes: "sky, road").problem
        #expect(problem.title == "image.png" && problem.classNames == ["sky", "road"] && problem.truth == nil)
    }

    @Test func exportsAreNumberedAndReadBack() throws {
        let tmp = try TemporaryFolder()
        try SceneFixture.write(1, to: tmp.file("street"))
        let problem = try ProblemFiles.load(imagePath: tmp.file("street/image.png"), unary: .map(path: tmp.file("street/probs.npy"), kind: .probs),
                                            model: SceneFixture.model).problem
        let inference = MeanFieldInference(model: try problem.model())
        inference.run(2)
        let out = try tmp.mkdir("out")
        let export = ExportFolder(folder: out)
        let palette = VOCColormap.colors(count: 2)
        let first = try export.export(problem, labels: inference.currentLabels, marginals: inference.marginals,
                                      parameters: problem.parameters, unarySettings: problem.unarySettings, palette: palette)
        #expect(first == "saved \(out)/crfview-street-image-001-{labels.png,overlay.png,q.npy,params.json,unary.npy,pydensecrf.py}")
        #expect(export.prefix(for: problem) == "\(out)/crfview-street-image-002")
        let file = try ParamsFile.read("\(out)/crfview-street-image-001-params.json")
        #expect(file.parameters == problem.parameters && file.labels == 2)
        #expect(try NPYFile.read("\(out)/crfview-street-image-001-q.npy").values == inference.marginals.labelMajor())
        #expect(tmp.contents("out").count == 6)
    }
}

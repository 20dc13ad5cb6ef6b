import RealModule
import CRFIO
import DenseCRF
import Foundation
import Testing

/// The engine against pydensecrf on every conformance case (a folder per case: the image, the
/// unary, params.json, and pydensecrf's kl.json, q_T.npy and map_T.png), with the targets the
/// cases come with: argmax agreement ≥ 99.5%, mean |ΔQ| ≤ 1e-3 and kl within 0.5% at every
/// step. The cases are kept outside the repository; skipped, with a message, when absent.
@Suite struct ConformanceTests {
    /// `CRFVIEW_CONFORMANCE`, else the cases' usual place beside the repository's folder.
    static let folder: String = {
        if let env = ProcessInfo.processInfo.environment["CRFVIEW_CONFORMANCE"] { return env }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/conformance").path
    }()

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: "\(folder)/\($0)/params.json") }.sorted()
    }()

    /// No case is skipped unseen: every folder in the conformance directory is a case (a
    /// folder without params.json would be dropped from `cases`), and each has the files the
    /// checks below read, with pydensecrf's Q and argmax for at least one step.
    @Test(.enabled(if: !cases.isEmpty, "no conformance cases: \(folder) is absent or empty"))
    func everyCaseIsChecked() throws {
        let fm = FileManager.default
        let folders = try fm.contentsOfDirectory(atPath: Self.folder).filter { name in
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: "\(Self.folder)/\(name)", isDirectory: &isDirectory) && isDirectory.boolValue
        }
        #expect(folders.sorted() == Self.cases)
        for name in Self.cases {
            let dir = "\(Self.folder)/\(name)"
            for file in ["image.png", "unary.npy", "kl.json"] {
                #expect(fm.fileExists(atPath: "\(dir)/\(file)"), "\(name) has no \(file)")
            }
            #expect(fm.fileExists(atPath: "\(dir)/probs.npy") || fm.fileExists(atPath: "\(dir)/labels.png"), "\(name) has no probs.npy or labels.png")
            let steps = (0...10).filter { fm.fileExists(atPath: "\(dir)/q_\($0).npy") && fm.fileExists(atPath: "\(dir)/map_\($0).png") }
            #expect(!steps.isEmpty, "\(name) has no q_T.npy with its map_T.png")
        }
    }

    @Test(.enabled(if: !cases.isEmpty, "no conformance cases: \(folder) is absent or empty"), arguments: cases)
    func matchesPydensecrf(_ name: String) throws {
        let dir = "\(Self.folder)/\(name)"
        let params = try ParamsFile.read("\(dir)/params.json")
        let image = try ImageFile.readRGB("\(dir)/image.png")
        let u = try NPYFile.read("\(dir)/unary.npy")
        let (l, n) = (u.shape[0], image.pixelCount)
        let unary = try UnaryEnergies(energies: u.values, labels: l, pixels: n)
        let klRef = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/kl.json"))) as! [Double]

        let model = try DenseCRF(image: image, unary: unary, parameters: params.parameters)
        let inference = MeanFieldInference(model: model)
        for step in 0...10 {
            if step > 0 { inference.step() }
            let kl = inference.statistics[step].kl
            #expect(abs(kl - klRef[step]) <= 0.005 * abs(klRef[step]), "\(name) step \(step): kl \(kl) vs \(klRef[step])")
            guard FileManager.default.fileExists(atPath: "\(dir)/q_\(step).npy") else { continue }
            let qRef = try NPYFile.read("\(dir)/q_\(step).npy").values
            let q = inference.marginals.labelMajor()
            let meanDiff = zip(q, qRef).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) } / Double(q.count)
            #expect(meanDiff <= 1e-3, "\(name) step \(step): mean |dQ| \(meanDiff)")
            guard case .indices(_, _, let mapRef) = try LabelImageFile.read("\(dir)/map_\(step).png") else {
                Issue.record("map_\(step).png is not an index image")
                continue
            }
            let labels = inference.currentLabels
            let agree = zip(labels, mapRef).filter { Int($0.0) == Int($0.1) }.count
            #expect(Double(agree) / Double(n) >= 0.995, "\(name) step \(step): argmax agreement \(Double(agree) / Double(n))")
        }
    }

    /// The unary builders reproduce the unary.npy the peer was given.
    @Test(.enabled(if: !cases.isEmpty, "no conformance cases: \(folder) is absent or empty"), arguments: cases)
    func unaryBuildersMatchPeer(_ name: String) throws {
        let dir = "\(Self.folder)/\(name)"
        let params = try ParamsFile.read("\(dir)/params.json")
        let u = try NPYFile.read("\(dir)/unary.npy")
        let (l, n) = (u.shape[0], u.shape[1] * u.shape[2])
        let expected = try UnaryEnergies(energies: u.values, labels: l, pixels: n)
        let built: UnaryEnergies
        if FileManager.default.fileExists(atPath: "\(dir)/probs.npy") {
            let p = try NPYFile.read("\(dir)/probs.npy")
            built = try UnarySource.probabilities(labelMajor: p.values, labels: l).energies(pixels: n, settings: params.unary)
        } else {
            let annotation = try Annotation(try LabelImageFile.read("\(dir)/labels.png"), labels: params.labels, path: "labels.png")
            built = try UnarySource.annotation(values: annotation.values, labels: annotation.labels).energies(pixels: n, settings: params.unary)
        }
        let worst = zip(built.values, expected.values).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-5, "\(name): largest unary difference \(worst)")
    }
}

import ArgumentParser
import CRFApp
import CRFIO
import DenseCRF
import Foundation

/// `crfview infer`: the headless run, for scripts and for checking against pydensecrf.
struct Infer: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run mean-field inference on an image and write labels, marginals and energies.")

    @Argument(help: ArgumentHelp("The image (PNG or JPEG).", valueName: "image"))
    var imagePath: String

    @OptionGroup(title: "Unaries") var unary: UnaryOptions
    @OptionGroup(title: "Model") var model: ModelOptions

    @Option(help: ArgumentHelp("Write the labels as a palette PNG whose pixel values are class indices.", valueName: "L.png"))
    var outLabels: String?
    @Option(help: ArgumentHelp("Write the marginals Q as float32 (L,H,W) .npy.", valueName: "Q.npy"))
    var outProbs: String?
    @Option(help: ArgumentHelp("Write the image with the label colours blended over it.", valueName: "O.png"))
    var outOverlay: String?
    @Option(help: ArgumentHelp("Write per-step energies as CSV: iteration,kl,map_energy,changed.", valueName: "E.csv"))
    var energyLog: String?
    @Flag(help: "Print load, build, iterate and save times (ms) on stderr.")
    var timing = false

    func run() throws {
        do {
            try infer()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw report(error)
        }
    }

    private func infer() throws {
        let clock = ContinuousClock()
        var t = clock.now
        func lap() -> Double {
            let now = clock.now
            defer { t = now }
            let d = now - t
            return Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
        }

        try OutputFiles.checkWritable([outLabels, outProbs, outOverlay, energyLog])
        let problem = try Problem.load(imagePath: imagePath, unary: try unary.spec(), mapOptions: try unary.mapOptions(), model: try model.choice())
        printNotes(problem.notes)
        let labels = problem.labelCount
        if let out = outLabels, labels > 256 {
            throw CLIFailure(out, "\(labels) labels cannot be stored in an 8-bit label PNG (at most 256); use --out-probs instead")
        }
        let unaryEnergies = try problem.unaryEnergies()
        let load = lap()

        let crf = try CLIFailure.attributing(to: imagePath) {
            try DenseCRF(image: problem.image, unary: unaryEnergies, parameters: problem.parameters)
        }
        let build = lap()

        let inference = MeanFieldInference(model: crf, tracksEnergy: energyLog != nil)
        inference.run(problem.parameters.iterations)
        let iterate = lap()

        var outputs = OutputFiles()
        let image = problem.image
        let argmax = inference.currentLabels
        if let path = outLabels {
            try outputs.write(path) {
                try LabelImageFile.writeIndexed(width: image.width, height: image.height, indices: argmax.map { UInt8($0) },
                                                palette: VOCColormap.colors(count: max(labels, 2)), to: path)
            }
        }
        if let path = outOverlay {
            try outputs.write(path) {
                try ImageFile.writePNG(LabelOverlay.blend(image: image, labels: argmax, palette: VOCColormap.colors()), to: path)
            }
        }
        if let path = outProbs {
            try outputs.write(path) {
                try NPYFile.write(NPYArray(shape: [labels, image.height, image.width], values: inference.finish().labelMajor()), to: path)
            }
        }
        if let path = energyLog {
            let rows = inference.statistics.map { "\($0.iteration),\($0.kl),\($0.mapEnergy),\($0.changed)" }
            let text = (["iteration,kl,map_energy,changed"] + rows).joined(separator: "\n") + "\n"
            try outputs.write(path) { try AtomicFile.write(Array(text.utf8), to: path) }
        }
        let save = lap()
        if [outLabels, outProbs, outOverlay, energyLog].allSatisfy({ $0 == nil }) {
            print(Self.summary(labels: argmax, unary: unaryEnergies.labels(), milliseconds: load + build + iterate))
        }
        if timing {
            let line = String(format: "timing: load=%.1f build=%.1f iterate=%.1f save=%.1f\n", load, build, iterate, save)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// The line `infer` prints when asked to write nothing: which labels the result holds and
    /// how much of the image the CRF changed, so the run was not for nothing, and how to save.
    static func summary(labels: [Int32], unary: [Int32], milliseconds: Double) -> String {
        var counts: [Int32: Int] = [:]
        for l in labels { counts[l, default: 0] += 1 }
        let n = labels.count
        let shares = counts.keys.sorted().map { String(format: "%d: %.1f%%", $0, 100 * Double(counts[$0]!) / Double(n)) }
        let changed = zip(labels, unary).filter { $0 != $1 }.count
        return "\(counts.count) label\(counts.count == 1 ? "" : "s") in the result (\(shares.joined(separator: ", "))), "
            + String(format: "%d of %d pixels (%.1f%%) changed from the unary argmax, %.0f ms", changed, n, 100 * Double(changed) / Double(n), milliseconds)
            + "; nothing saved: add --out-labels L.png, --out-probs Q.npy or --out-overlay O.png"
    }
}

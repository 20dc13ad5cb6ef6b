import ArgumentParser
import CRFApp
import CRFIO
import DenseCRF
import Foundation
import Terminal
import Viewer

/// `crfview view`: the interactive viewer (the default subcommand).
struct View: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the interactive viewer on an image or a sample folder (default: a bundled sample).")

    @Argument(help: ArgumentHelp("An image (with --unary/--probs/--labels) or a sample folder, shown; more folders with truth are learned from too (L).", valueName: "image|folder"))
    var paths: [String] = []
    private var path: String? { paths.first }

    @OptionGroup(title: "Unaries") var unary: UnaryOptions
    @OptionGroup(title: "Model") var model: ModelOptions

    @Option(help: ArgumentHelp("Ground truth as an index PNG (255 = ignore).", valueName: "T.png"))
    var truth: String?
    @Option(help: ArgumentHelp("Class names by label, comma-separated (default: sample.toml or classes.txt beside the image).", valueName: "a,b,c"))
    var classes: String?
    @Option(help: ArgumentHelp("Colour theme (built-in: dark, light, high-contrast, colorblind; or a user theme).", valueName: "name"))
    var theme: String?
    @Option(help: ArgumentHelp("Colours: auto, truecolor, 256, 16, 8 or mono.", valueName: "mode"))
    var colors: String = "auto"
    @Option(help: ArgumentHelp("Longest side of the working copy the CRF runs on while tuning; widths stay in original pixels.", valueName: "px"))
    var workSize: Int = 512
    @Option(help: ArgumentHelp("Folder `s` saves exports into. (default: the current folder)", valueName: "dir"))
    var exportDir: String?

    @OptionGroup(title: "Learning (L), as crfview learn") var learning: LearningOptions

    func run() throws {
        let app: ViewerApp
        let colorOption: ColorModeOption
        let settingsPath = ViewerSettings.path()
        var settings = ViewerSettings()
        // A broken remembered config does not keep the viewer from starting: it is reported
        // on the status line, and the defaults are used.
        var settingsProblem: String?
        do {
            if let settingsPath {
                do {
                    settings = try ViewerSettings.load(from: settingsPath)
                } catch {
                    settingsProblem = "\(settingsPath): \(CLIFailure.wrap(error, subject: settingsPath).message); using defaults"
                }
            }
            let colorText = colors == "auto" ? settings.colors ?? colors : colors
            guard let option = ColorModeOption(colorText) else {
                throw CLIFailure(colors == "auto" ? settingsPath ?? "config" : "--colors",
                                 "expected one of \(ColorModeOption.spellings.joined(separator: ", ")), got '\(colorText)'")
            }
            guard workSize >= 16 else { throw CLIFailure("--work-size", "must be at least 16, got \(workSize)") }
            let folder = exportDir ?? FileManager.default.currentDirectoryPath
            try OutputFiles.checkFolder(folder, subject: exportDir == nil ? "export folder" : "--export-dir")
            colorOption = option
            let (spec, options) = try learning.resolved()
            let problem = try loadProblem()
            let others = try paths.dropFirst().map { folder in
                let loaded = try LabelledFolder(folder, model: try model.choice(), labels: problem.labelCount,
                                                setName: "the folder shown has")
                return TrainingImage(title: loaded.name, image: loaded.problem.image, source: loaded.problem.source, truth: loaded.truth)
            }
            let themes = ThemeLoader()
            let chosen: Theme
            do {
                chosen = try themes.theme(named: theme ?? settings.theme ?? ThemeLoader.defaultName)
            } catch {
                switch error {
                case .invalid(let path, let line, let problem): throw CLIFailure("\(path):\(line)", problem)
                case .unreadable(let path, let reason): throw CLIFailure(path, reason)
                case .unknownTheme: throw CLIFailure(theme != nil ? "--theme" : settingsPath ?? "theme", "\(error)")
                }
            }
            let session = ViewerSession(problem: problem, runner: InferenceRunner(), themes: themes, theme: chosen,
                                        workSize: workSize, settings: settings,
                                        learning: LearningSetup(spec: spec, options: options, otherImages: others))
            session.exporter = FileExporter(folder: folder)
            if let settingsProblem { session.show(settingsProblem) }
            app = ViewerApp(session: session)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw report(error)
        }

        let screen: TerminalScreen
        do {
            screen = try TerminalScreen(colors: colorOption)
        } catch {
            throw report(CLIFailure("terminal", "\(error)"))
        }
        app.run(on: screen)
        screen.stop()
        if let settingsPath {
            var keep = app.session.settings
            keep.colors = colors == "auto" ? settings.colors : colors
            try? keep.save(to: settingsPath)
        }
        if let signal = screen.endingSignal { throw ExitCode(128 + signal) }
    }

    /// The problem from a sample folder (the default one when no path is given) or from an
    /// image plus unary flags, as `infer` reads it.
    private func loadProblem() throws -> ViewerProblem {
        let target = try path ?? SampleFolder.defaultSample()
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory)
        guard exists else {
            // `view` is the default subcommand, so a mistyped subcommand arrives here as a path.
            let subcommands = CRFView.configuration.subcommands.map { $0._commandName }
            let word = !target.contains("/") && !target.contains(".")
            throw CLIFailure(target, "no such file or folder" + (word ? "; nor a subcommand (\(subcommands.joined(separator: ", ")))" : ""))
        }
        let sample = exists && isDirectory.boolValue ? try SampleFolder(target) : nil
        let imagePath = sample?.image ?? target
        let spec = unary.givenCount == 0 && sample != nil ? sample!.unary : try unary.spec()
        let loaded = try Problem.load(imagePath: imagePath, unary: spec, mapOptions: try unary.mapOptions(), model: try model.choice())
        printNotes(loaded.notes)
        var truthMap: [UInt8]?
        if let truthPath = truth ?? sample?.truth {
            truthMap = try TruthFile.read(truthPath, width: loaded.image.width, height: loaded.image.height)
        }
        let title = sample?.title ?? URL(fileURLWithPath: imagePath).lastPathComponent
        return ViewerProblem(title: title, image: loaded.image, source: loaded.source, unarySettings: loaded.unarySettings,
                             parameters: loaded.parameters, truth: truthMap,
                             classNames: try SampleFolder.classNames(flag: classes, imagePath: imagePath),
                             imagePath: imagePath, sourcePath: loaded.sourcePath)
    }
}

import ArgumentParser
import CRFApp
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
        let settingsPath = ViewerSettings.path()
        var settings = ViewerSettings()
        // A broken remembered config does not keep the viewer from starting: it is reported
        // on the status line, and the defaults are used.
        var settingsProblem: String?
        if let settingsPath {
            do {
                settings = try ViewerSettings.load(from: settingsPath)
            } catch {
                settingsProblem = "\(settingsPath): \(CLIFailure.wrap(error, subject: settingsPath).message); using defaults"
            }
        }
        let colorText = colors == "auto" ? settings.colors ?? colors : colors
        guard let colorOption = ColorModeOption(colorText) else {
            throw CLIFailure(colors == "auto" ? settingsPath ?? "config" : "--colors",
                             "expected one of \(ColorModeOption.spellings.joined(separator: ", ")), got '\(colorText)'")
        }
        guard workSize >= 16 else { throw CLIFailure("--work-size", "must be at least 16, got \(workSize)") }
        let folder = exportDir ?? FileManager.default.currentDirectoryPath
        try OutputFiles.checkFolder(folder, subject: exportDir == nil ? "export folder" : "--export-dir")
        let (spec, options) = try learning.resolved()
        let problem = try loadProblem()
        let choice = try model.flags.choice()
        let others = try paths.dropFirst().map { folder in
            let loaded = try LabelledFolder(folder, model: choice, labels: problem.labelCount, setName: "the folder shown has")
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
        session.exporter = ViewerExport(folder: ExportFolder(folder: folder))
        if let settingsProblem { session.show(settingsProblem) }
        let app = ViewerApp(session: session)

        let screen: TerminalScreen
        do {
            screen = try TerminalScreen(colors: colorOption)
        } catch {
            throw CLIFailure("terminal", "\(error)")
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
    private func loadProblem() throws -> Problem {
        let target = try path ?? SampleFolder.defaultSample()
        guard FileManager.default.fileExists(atPath: target) else {
            // `view` is the default subcommand, so a mistyped subcommand arrives here as a path.
            let subcommands = CRFView.configuration.subcommands.map { $0._commandName }
            let word = !target.contains("/") && !target.contains(".")
            throw CLIFailure(target, "no such file or folder" + (word ? "; nor a subcommand (\(subcommands.joined(separator: ", ")))" : ""))
        }
        let (problem, notes) = try ProblemFiles.open(target, unary: try unary.given(), mapOptions: try unary.mapOptions(),
                                                     model: model.flags, truth: truth, classes: classes)
        Diagnostics.printNotes(notes)
        return problem
    }
}

/// The viewer's `s`, written by `ExportFolder`.
private struct ViewerExport: ViewerExporter {
    let folder: ExportFolder

    func export(_ r: ExportRequest) throws -> String {
        try folder.export(r.problem, labels: r.labels, marginals: r.marginals, parameters: r.parameters,
                          unarySettings: r.unarySettings, palette: r.palette.map { ($0.r, $0.g, $0.b) })
    }
}

import ArgumentParser

/// The `crfview` command: a thin layer of subcommands over the DenseCRF, CRFIO and Viewer
/// libraries.
@main
struct CRFView: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crfview",
        abstract: "Dense CRF (Krähenbühl & Koltun 2011, CRF-RNN mean-field) inference, inspection and tuning.",
        subcommands: [View.self, Infer.self, Eval.self, Learn.self, Bench.self, MakeSamples.self],
        defaultSubcommand: View.self)
}

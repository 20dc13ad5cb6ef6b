import ArgumentParser
import CRFApp
import Foundation

/// The `crfview` command: a thin layer of subcommands over the DenseCRF, CRFIO and Viewer
/// libraries.
///
/// Exit status: 0 on success; 1 on any error, reported as one line `error: <flag or file>:
/// <problem>` on stderr (command-line mistakes included); 128 + N when ended by signal N.
@main
struct CRFView: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crfview",
        abstract: "Dense CRF (Krähenbühl & Koltun 2011, CRF-RNN mean-field) inference, inspection and tuning.",
        discussion: "Exit status: 0 on success, 1 on any error (one line 'error: <flag or file>: <problem>' on stderr), 128+N when ended by signal N.",
        subcommands: [View.self, Infer.self, Eval.self, Learn.self, Bench.self, MakeSamples.self],
        defaultSubcommand: View.self)

    /// ArgumentParser's `main`, with its multi-line parse errors (and their exit status 64)
    /// replaced by the one-line form every other error has, negative numbers accepted as
    /// option values, and every subcommand's failure reported here, once.
    static func main() {
        // A reader that goes away (a closed pipe or FIFO) is a write error, not a kill.
        signal(SIGPIPE, SIG_IGN)
        EndingSignals.install()
        HeapReuse.install()
        var command: ParsableCommand
        do {
            try Environment.check()
            command = try parseAsRoot(NegativeValues.attached(Array(CommandLine.arguments.dropFirst())))
        } catch let failure as CLIFailure {
            exit(reporting: failure)
        } catch {
            if exitCode(for: error) == .success { exit(printing: error) }
            FileHandle.standardError.write(Data((UsageError.line(for: message(for: error)) + "\n").utf8))
            Foundation.exit(1)
        }
        do {
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success { exit(printing: error) }
            exit(reporting: error)
        }
    }

    /// Help asked for (`--help`, `help <subcommand>`): printed, exit status 0.
    private static func exit(printing help: Error) -> Never {
        print(fullMessage(for: help))
        Foundation.exit(0)
    }

    /// A failure of a command: its one line, exit status 1.
    private static func exit(reporting error: Error) -> Never {
        Diagnostics.report(error)
        Foundation.exit(1)
    }
}

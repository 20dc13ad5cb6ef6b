import ArgumentParser
import CRFApp
import CRFIO
import Foundation

/// Prints a failure the way every subcommand does and turns it into a non-zero exit.
func report(_ error: Error) -> ExitCode {
    let line: String
    switch error {
    case let f as CLIFailure: line = "error: \(f)"
    case let e as CRFIOError: line = "error: \(e)"
    default: line = "error: \(error)"
    }
    FileHandle.standardError.write(Data((line + "\n").utf8))
    return ExitCode.failure
}

/// Prints notes about how inputs were read (`note: <file>: …`), one line each, on stderr.
func printNotes(_ notes: [String]) {
    for note in notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
}

@testable import CRFApp
import Testing

/// The command line's text rules: negative option values, and ArgumentParser's messages as one
/// `error:` line.
@Suite struct CommandLineTextTests {
    @Test func negativeNumbersAreAttachedToTheirOption() {
        #expect(NegativeValues.attached(["infer", "--bilateral-srgb", "-3", "--clip", "0.1"])
            == ["infer", "--bilateral-srgb=-3", "--clip", "0.1"])
        #expect(NegativeValues.attached(["--scale", "-.5", "--x", "-1e-3", "--y", "-z"]) == ["--scale=-.5", "--x=-1e-3", "--y", "-z"])
        // After "--" nothing is an option.
        #expect(NegativeValues.attached(["--", "--a", "-1"]) == ["--", "--a", "-1"])
        #expect(!NegativeValues.isNegativeNumber("-") && !NegativeValues.isNegativeNumber("-x1") && NegativeValues.isNegativeNumber("-0.5"))
    }

    @Test func usageErrorsBecomeOneLine() {
        #expect(UsageError.line(for: "Error: Unknown option '--gausian-sxy'\nUsage: crfview infer ...")
            == "error: --gausian-sxy: unknown option '--gausian-sxy'")
        #expect(UsageError.line(for: "The value 'x' is invalid for '--iterations <T>'")
            == "error: --iterations: the value 'x' is invalid for '--iterations <T>'")
        #expect(UsageError.line(for: "Missing expected argument '<dir> ...'") == "error: <dir>: missing expected argument '<dir> ...'")
        #expect(UsageError.line(for: "Something else") == "error: command line: something else")
    }

    @Test func failuresAreOneLineNamingTheirSubject() {
        #expect(Diagnostics.line(for: CLIFailure("--jobs", "must be at least 1, got 0")) == "error: --jobs: must be at least 1, got 0")
    }
}

import CRFIO
import CRFTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12 as a user meets it: what crfview writes never damages what is there, bad values
/// and names are one `error:` line with exit status 1, and signals end a run cleanly.
@Suite struct HardeningTests {
    /// Runs crfview expecting exactly `line` on stderr and exit status 1, with `tmp` unchanged.
    func expectError(_ args: [String], _ line: String, in tmp: TemporaryFolder, directory: String? = nil,
                     environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = tmp.contents.map { ($0, SpecialFileBytes.of(tmp.file($0))) }
        let r = try CRFViewProcess.run(args, environment: environment, in: directory)
        #expect(r.status == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr == line + "\n", sourceLocation: sourceLocation)
        let after = tmp.contents.map { ($0, SpecialFileBytes.of(tmp.file($0))) }
        #expect(after.map(\.0) == before.map(\.0), "files changed: \(after.map(\.0))", sourceLocation: sourceLocation)
        #expect(after.map(\.1) == before.map(\.1), "a file's bytes changed", sourceLocation: sourceLocation)
    }

    @Test func tinyWidthsAreRefusedWithTheSmallestAccepted() throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try InferCommandTests.fixture(tmp)
        try expectError(["infer", image, "--probs", probs, "--gaussian-sxy", "1e-37"],
                        "error: --gaussian-sxy: width must be at least 2.710506e-20 (smaller widths make the scaled features overflow), got 1e-37", in: tmp)
        try expectError(["infer", image, "--probs", probs, "--bilateral-srgb", "1e-45"],
                        "error: --bilateral-srgb: width must be at least 7.4937774e-37 (smaller widths make the scaled features overflow), got 1e-45", in: tmp)
        let params = try tmp.write("p.json", Array(#"{"bilateral": {"sxy": 1e-38, "srgb": 13, "compat": 10}}"#.utf8))
        try expectError(["infer", image, "--probs", probs, "--params", params],
                        "error: \(params): bilateral sxy must be at least 2.710506e-20 (smaller widths make the scaled features overflow), got 1e-38", in: tmp)
        // The smallest accepted width runs.
        let r = try CRFViewProcess.run(["infer", image, "--probs", probs, "--gaussian-sxy", "2.710506e-20", "--iterations", "2", "--out-probs", tmp.file("q.npy")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try NPYFile.read(tmp.file("q.npy")).values.allSatisfy { $0.isFinite })
    }

    /// A user theme or the remembered config that is broken is named with its line, before
    /// the terminal is touched; the theme that toml++ once aborted on (a header without a
    /// name) is an ordinary error.
    @Test func viewerThemeAndConfigErrorsNameTheirFileAndLine() throws {
        let tmp = try TemporaryFolder()
        let themes = tmp.path + "/config/crfview/themes"
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        let environment = ["XDG_CONFIG_HOME": tmp.path + "/config"]
        let theme = themes + "/mine.toml"
        for (text, line) in [("name = \"mine\"\n[ui]\ntext = \"#cdd6f4\"\n[[[1]]]\n",
                              "error: \(theme):4: a table name must start with a letter, a digit, '_', '-' or a quote"),
                             ("name = \"mine\"\n[ui]\ntext = \"#zz\"\n",
                              "error: \(theme):3: bad colour \"#zz\" for ui.text (expected \"#rrggbb\" or \"\")")] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: theme))
            try expectError(["view", "--theme", "mine"], line, in: tmp, environment: environment)
        }
        let config = tmp.path + "/config/crfview/config.toml"
        try Data("colors = \"weird\"\n".utf8).write(to: URL(fileURLWithPath: config))
        try expectError(["view"], "error: \(config): expected one of auto, truecolor, 256, 16, 8, mono, got 'weird'", in: tmp, environment: environment)
    }

    @Test func oneCharacterNamesWork() throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try InferCommandTests.fixture(tmp)
        _ = try tmp.write("j", Array(#"{"iterations": 2}"#.utf8))
        let r = try CRFViewProcess.run(["infer", image, "--probs", probs, "--params", "j", "--energy-log", "a"], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: tmp.file("a"), encoding: .utf8).split(separator: "\n").count == 4)
    }

    @Test func outputsThatWouldClobberAreRefusedBeforeWork() throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try InferCommandTests.fixture(tmp)
        try expectError(["infer", image, "--probs", probs, "--out-probs", tmp.file("x.npy"), "--energy-log", tmp.file("x.npy")],
                        "error: --energy-log: '\(tmp.file("x.npy"))' is also the file of --out-probs '\(tmp.file("x.npy"))'; give each output its own file", in: tmp)
        try expectError(["infer", image, "--probs", probs, "--out-probs", tmp.path + "/./probs.npy"],
                        "error: --out-probs: '\(tmp.path)/./probs.npy' is the input '\(probs)'; crfview does not overwrite its inputs", in: tmp)
        #expect(link(probs, tmp.file("hard.npy")) == 0)
        try expectError(["infer", image, "--probs", probs, "--out-labels", tmp.file("hard.npy")],
                        "error: --out-labels: '\(tmp.file("hard.npy"))' is the input '\(probs)'; crfview does not overwrite its inputs", in: tmp)
    }

    @Test(.enabled(if: getuid() == 0)) func devicesAndFifosAreWrittenThrough() throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try InferCommandTests.fixture(tmp)
        #expect(mknod(tmp.file("null"), S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)
        #expect(mknod(tmp.file("full"), S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0)
        let ok = try CRFViewProcess.run(["infer", image, "--probs", probs, "--iterations", "1",
                                         "--out-labels", tmp.file("null"), "--out-probs", tmp.file("null")])
        #expect(ok.status == 0, "\(ok.stderr)")
        try expectError(["infer", image, "--probs", probs, "--iterations", "1", "--out-probs", tmp.file("full")],
                        "error: \(tmp.file("full")): cannot write: no space left on device", in: tmp)
        var s = stat()
        #expect(lstat(tmp.file("null"), &s) == 0 && s.st_mode & S_IFMT == S_IFCHR)
        #expect(lstat(tmp.file("full"), &s) == 0 && s.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func inputsMustBeRegularFiles() throws {
        let tmp = try TemporaryFolder()
        let (image, _) = try InferCommandTests.fixture(tmp)
        #expect(mkfifo(tmp.file("fifo.npy"), 0o644) == 0)
        try expectError(["infer", image, "--probs", tmp.file("fifo.npy")],
                        "error: \(tmp.file("fifo.npy")): is a FIFO (pipe), not a regular file; save the data to a file first", in: tmp)
    }

    @Test func paramsTyposNameTheNearestKey() throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try InferCommandTests.fixture(tmp)
        let typo = try tmp.write("t.json", Array(#"{"gausian": {"sxy": 3}}"#.utf8))
        try expectError(["infer", image, "--probs", probs, "--params", typo],
                        #"error: \#(typo): unknown key "gausian"; did you mean "gaussian"? (known keys: gaussian, bilateral, labels, iterations, gt_prob, clip, scale, unary, steps, probs_file, labels_file, unary_file, unknown_is_zero)"#, in: tmp)
        let kernel = try tmp.write("k.json", Array(#"{"bilateral": {"sxy": 80, "sgrb": 13}}"#.utf8))
        try expectError(["infer", image, "--probs", probs, "--params", kernel],
                        #"error: \#(kernel): unknown key "bilateral.sgrb"; did you mean "bilateral.srgb"? (known keys: sxy, srgb, compat, compat_steps, normalization)"#, in: tmp)
        // The conformance cases' descriptive keys and the unary calibration are known.
        let known = try tmp.write("c.json", Array(#"{"steps": 2, "probs_file": "p.npy", "unknown_is_zero": true, "unary": {"weight": 1, "bias": [0, 0, 0]}, "iterations": 1}"#.utf8))
        #expect(try CRFViewProcess.run(["infer", image, "--probs", probs, "--params", known]).status == 0)
    }

    @Test func commandLineMistakesAreOneLine() throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try InferCommandTests.fixture(tmp)
        try expectError(["infer", image, "--probs", probs, "--bilateral-srgb", "-3"],
                        "error: --bilateral-srgb: width must be positive and finite, got -3.0", in: tmp)
        try expectError(["infer", image, "--gausian-sxy", "3"],
                        "error: --gausian-sxy: unknown option '--gausian-sxy'. Did you mean '--gaussian-sxy'?", in: tmp)
        try expectError(["infer", image, "--iterations", "many"],
                        "error: --iterations: the value 'many' is invalid for '--iterations <T>'", in: tmp)
        try expectError(["infer"], "error: command line: give an image (or --out-dir OUT with a dataset)", in: tmp)
        try expectError(["eval", "--json=yes"], "error: --json: the option '--json' does not take any value, but 'yes' was specified.", in: tmp)
        try expectError(["typo-subcommand"],
                        "error: typo-subcommand: no such file or folder; nor a subcommand (view, infer, eval, learn, bench, make-samples)", in: tmp)
        try expectError(["view", "/nonexistent"], "error: /nonexistent: no such file or folder", in: tmp)
        try expectError(["bench", tmp.path, "--repeat", "0"], "error: --repeat: must be at least 1, got 0", in: tmp)
        try expectError(["bench", tmp.path, "--threads", "99999999999"],
                        "error: --threads: expected a whole number of threads from 1 to 1024, got '99999999999'", in: tmp)
        try expectError(["infer", image, "--probs", probs], "error: CRFVIEW_THREADS: expected a whole number of threads from 1 to 1024, got '0'",
                        in: tmp, environment: ["CRFVIEW_THREADS": "0"])
        try expectError(["infer", image, "--probs", probs], "error: CRFVIEW_MEMORY_LIMIT: expected a positive number of bytes, got '2G'",
                        in: tmp, environment: ["CRFVIEW_MEMORY_LIMIT": "2G"])
        let help = try CRFViewProcess.run(["help", "view"])
        #expect(help.status == 0)
        #expect(help.stdout.components(separatedBy: "(default: 512)").count == 2, "\(help.stdout)")
    }

    /// A run ended by SIGQUIT or SIGHUP exits as after SIGTERM: 128 + the signal, no output
    /// and no temporary file left.
    @Test(arguments: [SIGQUIT, SIGHUP, SIGTERM])
    func signalsEndARun(_ signal: Int32) throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try InferCommandTests.fixture(tmp)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CRFViewProcess.executable)
        process.arguments = ["infer", image, "--probs", probs, "--iterations", "10000000", "--out-probs", tmp.file("q.npy")]
        // crfview's stderr goes to a file of its own folder: never the machine's /dev/null.
        let logs = try TemporaryFolder()
        FileManager.default.createFile(atPath: logs.file("stderr"), contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logs.file("stderr")))
        try process.run()
        usleep(700_000)
        kill(process.processIdentifier, signal)
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning, ContinuousClock.now < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + signal)
        #expect(tmp.contents == ["image.png", "probs.npy"])
    }
}

/// A file's bytes for comparing before and after (nil for what is not a regular file).
enum SpecialFileBytes {
    static func of(_ path: String) -> Data? {
        var s = stat()
        guard lstat(path, &s) == 0, s.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileManager.default.contents(atPath: path)
    }
}

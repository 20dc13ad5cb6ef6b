import CRFIO
import CRFTestSupport
import Foundation
import Testing

/// What Ctrl-C means to the long commands: a dataset `infer` ends at once (it is resumable
/// and writes atomically) with 128 + SIGINT and no temporary file; `learn` stops after the
/// image it is on, writes the best parameters so far, and then exits with 128 + SIGINT.
/// The runs keep to one core (`CRFVIEW_THREADS=1`, one job), leaving the other to the tests
/// that run beside them.
@Suite(.serialized) struct InterruptionTests {
    /// Starts `crfview arguments`, waits until its stderr contains `marker` (or `delay`
    /// passes, when `marker` is nil), sends SIGINT and returns its status, stdout and stderr.
    func interrupt(_ arguments: [String], after marker: String?, delay: Duration = .milliseconds(700)) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CRFViewProcess.executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["CRFVIEW_THREADS": "1"]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var stderr = Data()
        let deadline = ContinuousClock.now + .seconds(60)
        if let marker {
            while !String(decoding: stderr, as: UTF8.self).contains(marker), process.isRunning, ContinuousClock.now < deadline {
                stderr += err.fileHandleForReading.availableData
            }
        } else {
            usleep(UInt32(delay.components.attoseconds / 1_000_000_000_000) + UInt32(delay.components.seconds) * 1_000_000)
        }
        kill(process.processIdentifier, SIGINT)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        stderr += err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test func aDatasetInferEndsAtOnceWithoutTemporaryFiles() throws {
        let tmp = try TemporaryFolder()
        let (image, probs) = try InferCommandTests.fixture(tmp)
        for n in 0..<40 { try FileManager.default.copyItem(atPath: image, toPath: tmp.file("image-\(n).png")) }
        let list = (0..<40).map { "\(tmp.file("image-\($0).png")) \(probs)" }.joined(separator: "\n")
        let listPath = try tmp.write("list.txt", Array(list.utf8))
        let out = tmp.file("out")
        let (status, _, stderr) = try interrupt(["infer", "--list", listPath, "--out-dir", out, "--iterations", "100000", "--with-probs", "--jobs", "1"], after: nil)
        #expect(status == 128 + SIGINT, "\(stderr)")
        let left = FileManager.default.enumerator(atPath: out)?.compactMap { $0 as? String } ?? []
        #expect(!left.contains { $0.contains(".tmp") }, "\(left)")
    }

    @Test func learnStopsKeepingTheBestParameters() throws {
        let tmp = try TemporaryFolder()
        let train = ["\(LearnCommandTests.set)/train/street-01", "\(LearnCommandTests.set)/train/street-02"]
        let out = tmp.file("learned.json")
        let (status, stdout, stderr) = try interrupt(["learn"] + train + ["--epochs", "1000", "--out", out], after: "epoch 1/1000  loss")
        #expect(status == 128 + SIGINT, "\(stderr)")
        #expect(stdout.hasPrefix("learned in ") && stdout.contains("(stopped early)") && stdout.contains("; wrote \(out)"), "\(stdout)")
        #expect(try ParamsFile.read(out).parameters.bilateral != nil)
    }
}

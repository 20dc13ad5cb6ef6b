@testable import CRFApp
import CRFIO
import CRFTestSupport
import DenseCRF
import Foundation
import Testing

@Suite struct UnaryMapFileTests {
    let w = 8, h = 6
    var n: Int { w * h }
    /// A foreground probability rising from left to right.
    var foreground: [Float] { (0..<48).map { Float($0 % 8) / 8 + 0.05 } }

    func read(_ path: String, _ kind: UnaryKind, _ options: MapOptions = MapOptions()) throws -> (UnarySource, [String]) {
        try UnaryMapFile.read(path, kind: kind, options: options, width: w, height: h)
    }

    func expectFailure(_ message: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        #expect(sourceLocation: sourceLocation) { try body() } throws: { error in
            (error as? CLIFailure)?.message == message || { print("got: \(error)"); return false }()
        }
    }

    @Test func oneForegroundChannelMakesTwoClasses() throws {
        let tmp = try TemporaryFolder()
        for shape in [[1, h, w], [h, w], [h, w, 1]] {
            let path = try tmp.npy("fg.npy", shape: shape, values: foreground)
            let (source, notes) = try read(path, .probs)
            #expect(source == .probabilities(labelMajor: foreground.map { 1 - $0 } + foreground, labels: 2), "\(shape)")
            #expect(notes.isEmpty)
        }
    }

    @Test func logitsBecomeSoftmaxOrSigmoidProbabilities() throws {
        let tmp = try TemporaryFolder()
        let z: [Float] = (0..<(3 * n)).map { Float($0 % 7) - 3 }
        let path = try tmp.npy("z.npy", shape: [3, h, w], values: z)
        guard case .probabilities(let p, 3) = try read(path, .logits, MapOptions(temperature: 2)).0 else {
            Issue.record("not 3-class probabilities")
            return
        }
        for i in [0, 17, 47] {
            let e = (0..<3).map { exp(Double(z[$0 * n + i]) / 2) }
            for k in 0..<3 { #expect(abs(Double(p[k * n + i]) - e[k] / e.reduce(0, +)) < 1e-6) }
        }
        let s = try tmp.npy("s.npy", shape: [h, w], values: z.prefix(n).map { $0 * 10 })
        guard case .probabilities(let q, 2) = try read(s, .logits).0 else {
            Issue.record("not 2-class probabilities")
            return
        }
        #expect(abs(q[n + 5] - Float(1 / (1 + exp(-20.0)))) < 1e-7)  // z = 2·10
        #expect(abs(q[5] + q[n + 5] - 1) < 1e-7)
    }

    @Test func misreadKindsAreRefusedSayingWhatTheFileLooksLike() throws {
        let tmp = try TemporaryFolder()
        let logits = try tmp.npy("logits.npy", shape: [2, h, w], values: (0..<(2 * n)).map { Float($0) * 41 - 1721 })
        expectFailure("values range -1721…2174: probabilities must lie in [0, 1]; these look like logits; use --logits") { _ = try read(logits, .probs) }
        expectFailure("values range -1721…2174: unary energies are -log p >= 0; these look like logits or log-probabilities; use --logits") { _ = try read(logits, .unary) }
        let probs = try tmp.npy("probs.npy", shape: [2, h, w], values: foreground.map { 1 - $0 } + foreground)
        expectFailure("values range 0.05…0.95 and every pixel sums to 1: these look like probabilities; use --probs") { _ = try read(probs, .unary) }
        expectFailure("values range 0.05…0.95: these look like probabilities; use --probs") { _ = try read(probs, .logits) }
        let scores = try tmp.npy("scores.npy", shape: [2, h, w], values: foreground + foreground)
        expectFailure("probabilities must sum to 1 over the 2 labels, but at row 0, column 0 they sum to 0.1 (sums range 0.1…1.85); these look like independent per-class scores, not a softmax output; give the network's logits with --logits") { _ = try read(scores, .probs) }
        let energies = try tmp.npy("u.npy", shape: [2, h, w], values: foreground.map { -log($0) } + foreground.map { -log(1 - $0) })
        expectFailure("values range 0.05129…2.996: probabilities must lie in [0, 1]; these look like unary energies (-log p; use --unary) or non-negative logits (use --logits)") { _ = try read(energies, .probs) }
        let eight = try tmp.npy("eight.npy", shape: [h, w], values: foreground.map { ($0 * 255).rounded() })
        expectFailure("values range 13…236: probabilities must lie in [0, 1]; these look like 8-bit probabilities (0-255); divide them by 255 or save them as uint8") { _ = try read(eight, .probs) }
        let one = try tmp.npy("one.npy", shape: [1, h, w], values: foreground)
        expectFailure("has one channel; energies need one per label (a foreground probability goes to --probs, a sigmoid logit to --logits)") { _ = try read(one, .unary) }
    }

    @Test func integerDtypes() throws {
        let tmp = try TemporaryFolder()
        let bytes = foreground.map { UInt8(($0 * 255).rounded()) }
        let u8 = try tmp.rawNPY("u8.npy", descr: "|u1", shape: [h, w], data: bytes)
        let (source, notes) = try read(u8, .probs)
        #expect(source == .probabilities(labelMajor: bytes.map { 1 - Float($0) / 255 } + bytes.map { Float($0) / 255 }, labels: 2))
        #expect(notes == ["\(u8): uint8 values read as probabilities v/255"])
        let mask = try tmp.rawNPY("mask.npy", descr: "|u1", shape: [h, w], data: bytes.map { $0 > 128 ? 1 : 0 })
        expectFailure("uint8 values are all 0 or 1: a hard mask, not probabilities (8-bit probabilities are read as v/255); give a mask as an annotation PNG with --labels") { _ = try read(mask, .probs) }
        let i64 = try tmp.rawNPY("i64.npy", descr: "<i8", shape: [2, h, w], data: (0..<(2 * n)).flatMap { i in withUnsafeBytes(of: Int64(i % 5).littleEndian, Array.init) })
        expectFailure("an integer array cannot hold probabilities between 0 and 1; save them as float (or as uint8 scaled to 0-255)") { _ = try read(i64, .probs) }
        // Integer energies are fine.
        #expect(try read(i64, .unary).0 == .energies(labelMajor: (0..<(2 * n)).map { Float($0 % 5) }, labels: 2))
    }

    @Test func smallerMapsOfTheSameAspectAreUpsampledWithANote() throws {
        let tmp = try TemporaryFolder()
        let small: [Float] = [0.2, 0.4, 0.6, 0.8, 0.3, 0.5, 0.7, 0.9, 0.1, 0.2, 0.3, 0.4]  // 4x3
        let path = try tmp.npy("small.npy", shape: [1, 3, 4], values: small)
        let (source, notes) = try read(path, .probs)
        #expect(notes == ["\(path): a map of 4x3 upsampled bilinearly to the 8x6 image"])
        let expected = LabelMaps(labels: 1, width: 4, height: 3, values: small).resampled(width: 8, height: 6).values
        #expect(source == .probabilities(labelMajor: expected.map { 1 - $0 } + expected, labels: 2))
    }

    @Test func anotherAspectNeedsResize() throws {
        let tmp = try TemporaryFolder()
        let path = try tmp.npy("sq.npy", shape: [2, 4, 4], values: [Float](repeating: 0.5, count: 32))
        expectFailure("shape (2, 4, 4) holds 2 maps of 4x4 but the image is 8x6, another aspect ratio; if the network was given a resized photo, pass --resize to stretch them to the image (bilinear)") { _ = try read(path, .probs) }
        let (source, notes) = try read(path, .probs, MapOptions(resize: true))
        #expect(source == .probabilities(labelMajor: [Float](repeating: 0.5, count: 2 * n), labels: 2))
        #expect(notes == ["\(path): 2 maps of 4x4 stretched bilinearly to the 8x6 image (--resize)"])
        let big = try tmp.npy("big.npy", shape: [2, 12, 16], values: [Float](repeating: 0.5, count: 384))
        expectFailure("shape (2, 12, 16) holds 2 maps of 16x12 larger than the 8x6 image; pass --resize to shrink them to the image (bilinear)") { _ = try read(big, .probs) }
        // --layout is named only where it helps: here hwc would match the image exactly.
        let hwc = try tmp.npy("hwc.npy", shape: [h, w, 2], values: [Float](repeating: 0.5, count: 2 * n))
        expectFailure("shape (6, 8, 2) holds 6 maps of 2x8 but the image is 8x6, another aspect ratio; if the network was given a resized photo, pass --resize to stretch them to the image (bilinear) (as --layout hwc it matches the image)") {
            _ = try read(hwc, .unary, MapOptions(layout: .chw))
        }
    }

    @Test func npzArraysAreNamedAfterTheColon() throws {
        let tmp = try TemporaryFolder()
        let script = """
        import numpy as np, sys
        p = np.linspace(0.05, 0.95, 48, dtype=np.float32).reshape(6, 8)
        np.savez_compressed(sys.argv[1], fg=p, other=np.zeros(3))
        """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, tmp.file("out.npz")]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "python3 with numpy is needed to write a real .npz")
        guard case .probabilities(let p, 2) = try read(tmp.file("out.npz") + ":fg", .probs).0 else {
            Issue.record("not probabilities")
            return
        }
        #expect(abs(p[n + 47] - 0.95) < 1e-6 && abs(p[n] - 0.05) < 1e-6)
    }
}

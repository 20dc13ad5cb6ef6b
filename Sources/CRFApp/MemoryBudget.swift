import DenseCRF
import Foundation

/// How much memory inference may use here, so that too-large inputs are refused up front with
/// a useful message instead of being killed half-way.
public enum MemoryBudget {
    /// `CRFVIEW_MEMORY_LIMIT` (bytes) when set, to cap what crfview may use on a shared
    /// machine; else MemAvailable from /proc/meminfo (Linux), else physical memory.
    public static var availableBytes: Int {
        if let limit = ProcessInfo.processInfo.environment["CRFVIEW_MEMORY_LIMIT"], let bytes = Int(limit), bytes > 0 {
            return bytes
        }
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
                let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
                if kb > 0 { return kb * 1024 }
            }
        }
        return Int(ProcessInfo.processInfo.physicalMemory)
    }

    /// The largest pixel count whose decoding alone could fit (a lower bound on need).
    public static var maxDecodablePixels: Int { availableBytes / 16 }

    /// Fails naming `path` when a model of this size cannot fit, saying how large it is and
    /// what would fit.
    public static func check(path: String, width: Int, height: Int, labels: Int, parameters: CRFParameters) throws {
        let pixels = width * height
        let need = DenseCRF.estimatedMemory(pixels: pixels, labels: labels, parameters: parameters)
        let have = availableBytes
        guard need > have else { return }
        let perPixel = max(1, need / max(1, pixels))
        let fits = have / perPixel
        throw CLIFailure(path, "image is \(width)x\(height) with \(labels) labels and needs about \(gib(need)) of memory, but \(gib(have)) is available; about \(String(format: "%.1f", Double(fits) / 1e6)) megapixels would fit (e.g. \(Int(Double(fits).squareRoot() * 4 / 3))x\(Int(Double(fits).squareRoot() * 3 / 4)))")
    }

    public static func gib(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? String(format: "%.1f GiB", Double(bytes) / Double(1 << 30)) : String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
    }
}

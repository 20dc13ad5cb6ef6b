import DenseCRF
import Foundation

/// How much memory inference may use here, so that too-large inputs are refused up front with
/// a useful message instead of being killed half-way, or stopped by Swift's "Fatal error:
/// failed to allocate" when a process limit is hit.
public enum MemoryBudget {
    /// The smallest of: `CRFVIEW_MEMORY_LIMIT` (bytes) when set, else MemAvailable from
    /// /proc/meminfo (Linux), else physical memory; the room left under the address-space
    /// and data limits (`ulimit -v`, `prlimit --as`), whose use is already counted by the
    /// process's mappings; and the room left in its cgroup (`memory.max`).
    public static var availableBytes: Int {
        var bytes = Environment.memoryLimit ?? systemAvailable
        if let room = rlimitRoom(addressSpace, used: statmPages(field: 0)) { bytes = min(bytes, room) }
        if let room = rlimitRoom(dataSegment, used: statmPages(field: 5)) { bytes = min(bytes, room) }
        if let room = cgroupRoom() { bytes = min(bytes, room) }
        return max(0, bytes)
    }

    private static var systemAvailable: Int {
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
                let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
                if kb > 0 { return kb * 1024 }
            }
        }
        return Int(ProcessInfo.processInfo.physicalMemory)
    }

    // RLIMIT_AS and RLIMIT_DATA: an enum in Glibc, plain numbers in Darwin.
    #if canImport(Glibc)
    private static let addressSpace = __rlimit_resource_t(RLIMIT_AS.rawValue)
    private static let dataSegment = __rlimit_resource_t(RLIMIT_DATA.rawValue)
    #else
    private static let addressSpace = RLIMIT_AS
    private static let dataSegment = RLIMIT_DATA
    #endif

    /// A resource limit minus what is in use, or nil when unlimited (RLIM_INFINITY is all ones).
    private static func rlimitRoom(_ resource: Int32, used: Int?) -> Int? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < UInt64(Int.max) else { return nil }
        return Int(limit.rlim_cur) - (used ?? 0)
    }

    /// A field of /proc/self/statm in bytes: 0 is the address space, 5 the data segment.
    private static func statmPages(field: Int) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard field < fields.count else { return nil }
        return fields[field] * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// memory.max − memory.current of this process's cgroup (v2), or nil when unlimited.
    private static func cgroupRoom() -> Int? {
        func number(_ name: String) -> Int? {
            (try? String(contentsOfFile: "/sys/fs/cgroup/\(name)", encoding: .utf8))
                .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        guard let max = number("memory.max") else { return nil }
        return max - (number("memory.current") ?? 0)
    }

    /// The largest pixel count whose decoding alone could fit (a lower bound on need).
    public static var maxDecodablePixels: Int { availableBytes / 16 }

    /// The most array values an input `.npy` may hold: its bytes and its Float copy.
    public static var maxArrayElements: Int { availableBytes / 8 }

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

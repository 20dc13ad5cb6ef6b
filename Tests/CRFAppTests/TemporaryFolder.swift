import CRFIO
import Foundation

/// A scratch folder removed when the test ends.
final class TemporaryFolder {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "crfapp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes a float32 .npy (or, with `dtype`, the same values as another dtype) and returns its path.
    @discardableResult
    func npy(_ name: String, shape: [Int], values: [Float]) throws -> String {
        try NPYFile.write(NPYArray(shape: shape, values: values), to: file(name))
        return file(name)
    }

    /// A .npy of bytes with `descr` (for dtypes NPYFile does not write).
    @discardableResult
    func rawNPY(_ name: String, descr: String, shape: [Int], data: [UInt8]) throws -> String {
        let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(dims)), }"
        header += String(repeating: " ", count: 63 - (10 + header.utf8.count) % 64) + "\n"
        let bytes = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)] + Array(header.utf8) + data
        try Data(bytes).write(to: URL(fileURLWithPath: file(name)))
        return file(name)
    }

    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
        return file(name)
    }

    func mkdir(_ name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: file(name), withIntermediateDirectories: true)
        return file(name)
    }
}

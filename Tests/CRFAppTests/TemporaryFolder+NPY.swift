import CRFIO
import CRFTestSupport
import Foundation

extension TemporaryFolder {
    /// Writes a float32 .npy and returns its path.
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
        return try write(name, bytes)
    }
}

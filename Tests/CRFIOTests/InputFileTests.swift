import CRFIO
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Inputs are read only from regular files, and their size and header are checked before the
/// rest is read.
@Suite struct InputFileTests {
    @Test func fifoIsRefusedAtOnce() throws {
        try Fixtures.withTemporaryFolder { folder in
            let fifo = try SpecialFiles.fifo(folder + "/in.npy")
            let start = ContinuousClock.now
            #expect(throws: CRFIOError(path: fifo, message: "is a FIFO (pipe), not a regular file; save the data to a file first")) {
                try NPYFile.read(fifo)
            }
            #expect(ContinuousClock.now - start < .seconds(2))
        }
    }

    @Test(.enabled(if: SpecialFiles.canMakeDevices)) func endlessDeviceIsRefused() throws {
        try Fixtures.withTemporaryFolder { folder in
            let zero = try SpecialFiles.device(folder + "/zero", major: 1, minor: 5)
            #expect(throws: CRFIOError(path: zero, message: "is a character device, not a regular file")) {
                try ImageFile.readRGB(zero)
            }
            #expect(throws: CRFIOError(path: zero, message: "is a character device, not a regular file")) {
                try ParamsFile.read(zero)
            }
        }
    }

    /// A sparse 3 GB file: refused by its first bytes or its size, without reading it.
    @Test func hugeFilesAreRefusedBeforeReading() throws {
        try Fixtures.withTemporaryFolder { folder in
            let path = folder + "/huge"
            Fixtures.write(Fixtures.bytes("rgb8.png").prefix(8).map { $0 }, to: path)
            #expect(truncate(path, 3_000_000_000) == 0)
            #expect(throws: CRFIOError(path: path, message: "file is 3.0 GB; no PNG or JPEG of at most 1000000 pixels (what this machine can hold) is larger than 76.1 MB")) {
                try ImageFile.readRGB(path, maxPixels: 1_000_000)
            }
            #expect(throws: CRFIOError(path: path, message: "file is 3.0 GB; no params file is larger than 67.1 MB")) {
                try ParamsFile.read(path)
            }
            Fixtures.write(Array("GIF89a".utf8), to: path)
            #expect(truncate(path, 3_000_000_000) == 0)
            #expect(throws: CRFIOError(path: path, message: "not a PNG or JPEG image")) {
                try ImageFile.readRGB(path)
            }
        }
    }

    /// Only the array's bytes are read: trailing data (here 3 GB of holes) is never touched,
    /// and a header claiming more values than allowed is refused before any data is read.
    @Test func npyReadsTheHeaderFirst() throws {
        try Fixtures.withTemporaryFolder { folder in
            let path = folder + "/a.npy"
            let array = NPYArray(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
            Fixtures.write(NPYFile.encode(array), to: path)
            #expect(truncate(path, 3_000_000_000) == 0)
            let read = try NPYFile.read(path)
            #expect(read == array)
            #expect(throws: CRFIOError(path: path, message: "the header says shape 2x3 (6 values), more than the 5 this machine can hold")) {
                try NPYFile.read(path, maxElements: 5)
            }
        }
    }

    @Test func hugeHeaderLengthIsMalformed() throws {
        try Fixtures.withTemporaryFolder { folder in
            let path = folder + "/h.npy"
            Fixtures.write([0x93] + Array("NUMPY".utf8) + [2, 0, 0, 0, 0, 0x40], to: path)
            #expect(throws: CRFIOError(path: path, message: "malformed header: it claims 1073741824 bytes; numpy headers are far below 65536")) {
                try NPYFile.read(path)
            }
        }
    }
}

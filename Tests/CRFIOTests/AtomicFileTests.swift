import CRFIO
import Foundation
import Testing

@Suite struct AtomicFileTests {
    @Test func writesAndReplacesLeavingNoTemporaryFile() throws {
        try Fixtures.withTemporaryFolder { folder in
            let path = folder + "/out.bin"
            try AtomicFile.write([1, 2, 3], to: path)
            try AtomicFile.write([4, 5], to: path)
            #expect(FileManager.default.contents(atPath: path) == Data([4, 5]))
            #expect(Fixtures.contents(of: folder) == ["out.bin"])
        }
    }

    @Test func missingFolderIsNamed() throws {
        try Fixtures.withTemporaryFolder { folder in
            let path = folder + "/absent/out.png"
            #expect(throws: CRFIOError(path: path, message: "cannot write: folder '\(folder)/absent' does not exist")) {
                try AtomicFile.write([1], to: path)
            }
        }
    }

    /// rename(2) cannot replace a folder with a file; the temporary file must not stay behind.
    @Test func failedRenameRemovesTheTemporaryFile() throws {
        try Fixtures.withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/taken", withIntermediateDirectories: false)
            #expect(throws: CRFIOError(path: folder + "/taken", message: "cannot write: is a directory")) {
                try AtomicFile.write([1], to: folder + "/taken")
            }
            #expect(Fixtures.contents(of: folder) == ["taken"])
        }
    }
}

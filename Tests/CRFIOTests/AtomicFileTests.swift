@testable import CRFIO
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

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
            #expect(throws: CRFIOError(path: path, message: "cannot write: folder '\(folder)/absent' does not exist")) {
                try AtomicFile.check(path)
            }
        }
    }

    @Test func folderIsRefusedAndNothingLeft() throws {
        try Fixtures.withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/taken", withIntermediateDirectories: false)
            #expect(throws: CRFIOError(path: folder + "/taken", message: "cannot write: is a directory")) {
                try AtomicFile.write([1], to: folder + "/taken")
            }
            #expect(Fixtures.contents(of: folder) == ["taken"])
        }
    }

    /// Foundation's path splitting traps on "a"; PathName gives the POSIX answers.
    @Test func pathNamesOfOneCharacter() {
        #expect(PathName.folder(of: "a") == "." && PathName.name(of: "a") == "a")
        #expect(PathName.folder(of: "/a") == "/" && PathName.folder(of: "x/a") == "x")
        #expect(PathName.join(".", "a") == "./a" && PathName.join("x/", "a") == "x/a" && PathName.join("x", "/a") == "/a")
    }

    @Test(.enabled(if: SpecialFiles.canMakeDevices)) func writesThroughACharacterDevice() throws {
        try Fixtures.withTemporaryFolder { folder in
            let null = try SpecialFiles.device(folder + "/null", major: 1, minor: 3)
            try AtomicFile.write([1, 2, 3], to: null)
            let s = SpecialFiles.status(null)
            #expect(s.st_mode & S_IFMT == S_IFCHR)
            #expect(s.st_rdev == dev_t(1 << 8 | 3))
            #expect(Fixtures.contents(of: folder) == ["null"])
        }
    }

    @Test(.enabled(if: SpecialFiles.canMakeDevices)) func fullDeviceIsAnError() throws {
        try Fixtures.withTemporaryFolder { folder in
            let full = try SpecialFiles.device(folder + "/full", major: 1, minor: 7)
            #expect(throws: CRFIOError(path: full, message: "cannot write: no space left on device")) {
                try AtomicFile.write([UInt8](repeating: 9, count: 100_000), to: full)
            }
            #expect(SpecialFiles.status(full).st_mode & S_IFMT == S_IFCHR)
            #expect(Fixtures.contents(of: folder) == ["full"])
        }
    }

    @Test func fifoGetsTheBytesAndStaysAFifo() throws {
        try Fixtures.withTemporaryFolder { folder in
            let fifo = try SpecialFiles.fifo(folder + "/fifo")
            let payload = (0..<200_000).map { UInt8($0 % 251) }
            nonisolated(unsafe) var received: [UInt8] = []
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                received = SpecialFiles.drain(fifo)
                done.signal()
            }
            try AtomicFile.write(payload, to: fifo)
            done.wait()
            #expect(received == payload)
            #expect(SpecialFiles.status(fifo).st_mode & S_IFMT == S_IFIFO)
        }
    }

    @Test func fifoWithoutReaderIsAnErrorNotAHang() throws {
        try Fixtures.withTemporaryFolder { folder in
            let fifo = try SpecialFiles.fifo(folder + "/fifo")
            let start = ContinuousClock.now
            #expect(throws: CRFIOError(path: fifo, message: "cannot write: no process opened this FIFO for reading within 10 s")) {
                try AtomicFile.write([1], to: fifo)
            }
            #expect(ContinuousClock.now - start < .seconds(20))
        }
    }

    @Test func symbolicLinkStaysALinkAndItsTargetIsWritten() throws {
        try Fixtures.withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: false)
            Fixtures.write([1], to: folder + "/real/target")
            try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: "real/target")
            try AtomicFile.write([5, 6], to: folder + "/link")
            #expect(SpecialFiles.status(folder + "/link").st_mode & S_IFMT == S_IFLNK)
            #expect(SpecialFiles.bytes(folder + "/real/target") == [5, 6])
            #expect(Fixtures.contents(of: folder + "/real") == ["target"])
            // A dangling link: its target is created.
            try FileManager.default.createSymbolicLink(atPath: folder + "/dangling", withDestinationPath: "real/new")
            try AtomicFile.write([8], to: folder + "/dangling")
            #expect(SpecialFiles.bytes(folder + "/real/new") == [8])
        }
    }

    @Test func hardLinksAreKept() throws {
        try Fixtures.withTemporaryFolder { folder in
            Fixtures.write([1, 1, 1, 1], to: folder + "/a")
            #expect(link(folder + "/a", folder + "/b") == 0)
            let inode = SpecialFiles.status(folder + "/a").st_ino
            try AtomicFile.write([2, 3], to: folder + "/a")
            #expect(SpecialFiles.bytes(folder + "/b") == [2, 3])
            #expect(SpecialFiles.status(folder + "/a").st_ino == inode)
            #expect(SpecialFiles.status(folder + "/a").st_nlink == 2)
            #expect(Fixtures.contents(of: folder) == ["a", "b"])
        }
    }

    @Test func modeAndOwnerAreKept() throws {
        try Fixtures.withTemporaryFolder { folder in
            let path = folder + "/secret"
            Fixtures.write([1], to: path)
            #expect(chmod(path, 0o600) == 0)
            let owned = geteuid() == 0 && chown(path, 1234, 2345) == 0
            try AtomicFile.write([4, 2], to: path)
            let s = SpecialFiles.status(path)
            #expect(s.st_mode & 0o7777 == 0o600)
            if owned { #expect(s.st_uid == 1234 && s.st_gid == 2345) }
            #expect(SpecialFiles.bytes(path) == [4, 2])
        }
    }

    @Test func discardedStagingLeavesTheDestinationAlone() throws {
        try Fixtures.withTemporaryFolder { folder in
            Fixtures.write([1, 2], to: folder + "/keep")
            let staged = try AtomicFile.stage([9, 9, 9], for: folder + "/keep")
            #expect(Fixtures.contents(of: folder).count == 2)   // the synced temporary file
            staged.discard()
            #expect(SpecialFiles.bytes(folder + "/keep") == [1, 2])
            #expect(Fixtures.contents(of: folder) == ["keep"])
        }
    }

    @Test func sameFileIsRecognisedThroughLinksAndDots() throws {
        try Fixtures.withTemporaryFolder { folder in
            Fixtures.write([1], to: folder + "/x.npy")
            #expect(link(folder + "/x.npy", folder + "/y.npy") == 0)
            try FileManager.default.createSymbolicLink(atPath: folder + "/z.npy", withDestinationPath: "x.npy")
            let x = FileIdentity(folder + "/x.npy")
            #expect(x.isSame(as: FileIdentity(folder + "/y.npy")))
            #expect(x.isSame(as: FileIdentity(folder + "/z.npy")))
            #expect(x.isSame(as: FileIdentity(folder + "/./x.npy")))
            #expect(FileIdentity(folder + "/new.npy").isSame(as: FileIdentity(folder + "/../" + PathName.name(of: folder) + "/new.npy")))
            #expect(!x.isSame(as: FileIdentity(folder + "/new.npy")))
        }
    }
}

// libFuzzer target: the .npz reader (zip directory, zip64 records, stored and deflate members),
// which reads from a file in bounded pieces, so each input is written to one scratch file.
import Foundation
@testable import CRFIO

private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("crfview-fuzz-\(getpid()).npz").path

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FileManager.default.createFile(atPath: scratch, contents: Data(bytes: data, count: size))
    _ = try? NPYFile.read(scratch, maxElements: 1 << 20)
    _ = try? NPYFile.read(scratch + ":probs", maxElements: 1 << 20)
    return 0
}

// libFuzzer target: the .npy reader (header literal, dtypes, shapes, Fortran order).
@testable import CRFIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = try? NPYFile.parse(Array(UnsafeBufferPointer(start: data, count: size)), path: "fuzz.npy")
    return 0
}

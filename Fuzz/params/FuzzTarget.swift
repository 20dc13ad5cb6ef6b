// libFuzzer target: the params JSON (keys, numbers, compatibility lists and matrices), then
// the engine's validation of what it gives, as the command line does.
@testable import CRFIO
import DenseCRF

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let file = try? ParamsFile.parse(Array(UnsafeBufferPointer(start: data, count: size)), path: "fuzz.json") else { return 0 }
    _ = try? file.parameters.validate(labels: file.labels ?? 3)
    _ = file.json()
    return 0
}

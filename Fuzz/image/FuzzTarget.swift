// libFuzzer target: PNG and JPEG decoding as colour images and as label maps, with a pixel
// budget as the command line uses.
@testable import CRFIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? ImageFile.decodeRGB(bytes, path: "fuzz", maxPixels: 1 << 22)
    _ = try? LabelImageFile.decode(bytes, path: "fuzz", maxPixels: 1 << 22)
    return 0
}

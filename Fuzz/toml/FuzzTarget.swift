// libFuzzer target: theme files and the viewer's config.toml.
@testable import Viewer

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ThemeParser.parse(text, path: "fuzz.toml", name: "fuzz")
    _ = try? ViewerSettings.parse(text, path: "config.toml")
    return 0
}

/// Runs a call into one of the C shims (CPNG, CJPEG), which return 1 on success or 0 after
/// writing a NUL-terminated message into the buffer they are given. Returns that message, or
/// nil on success.
func failureMessage(bufferSize: Int32, _ call: (UnsafeMutablePointer<CChar>, Int) -> Int32) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(bufferSize))
    let succeeded = buffer.withUnsafeMutableBufferPointer { call($0.baseAddress!, $0.count) } == 1
    if succeeded { return nil }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// The .npy element types this module reads, named by numpy's `descr` string: a byte-order
/// character ('<' little, '>' big, '|' not applicable, '=' native) then kind and size.
struct NPYDType {
    enum Kind {
        case float32
        case float64
        case uint8
    }

    let kind: Kind
    let isBigEndian: Bool

    /// Bytes per element.
    var size: Int {
        switch kind {
        case .float32: 4
        case .float64: 8
        case .uint8: 1
        }
    }

    /// numpy's name for the type, as messages show it.
    var name: String {
        switch kind {
        case .float32: "float32"
        case .float64: "float64"
        case .uint8: "uint8"
        }
    }

    /// Reads the header's `descr` value; structured (list) descrs, objects and other kinds are
    /// refused with a message quoting what the file said.
    init(descr: PythonLiteral, path: String) throws {
        let unsupported = CRFIOError(
            path: path, message: "unsupported dtype \(descr.repr) (expected float32, float64 or uint8)")
        guard case .string(let text) = descr else { throw unsupported }
        var code = Substring(text)
        let order = code.first.flatMap { "<>|=".contains($0) ? $0 : nil }
        if order != nil { code = code.dropFirst() }
        if code.first == "O" {
            throw CRFIOError(path: path, message: "object arrays are not supported (dtype \(descr.repr))")
        }
        switch (code, order) {
        case ("u1", _): kind = .uint8
        case ("f4", "<"), ("f4", ">"), ("f4", "="), ("f4", nil): kind = .float32
        case ("f8", "<"), ("f8", ">"), ("f8", "="), ("f8", nil): kind = .float64
        default: throw unsupported
        }
        isBigEndian = order == ">" || (order != "<" && 1.bigEndian == 1)
    }

    /// Converts `count` elements stored from `offset` on to Float, in file order.
    func decode(_ bytes: [UInt8], offset: Int, count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { out, initialized in
            bytes.withUnsafeBytes { raw in
                let start = raw.baseAddress! + offset
                switch kind {
                case .uint8:
                    for i in 0..<count { out[i] = Float(raw[offset + i]) }
                case .float32:
                    for i in 0..<count {
                        let bits = (start + 4 * i).loadUnaligned(as: UInt32.self)
                        out[i] = Float(bitPattern: isBigEndian ? UInt32(bigEndian: bits) : UInt32(littleEndian: bits))
                    }
                case .float64:
                    for i in 0..<count {
                        let bits = (start + 8 * i).loadUnaligned(as: UInt64.self)
                        out[i] = Float(Double(bitPattern: isBigEndian ? UInt64(bigEndian: bits) : UInt64(littleEndian: bits)))
                    }
                }
            }
            initialized = count
        }
    }
}

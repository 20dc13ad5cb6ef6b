/// The .npy element types this module reads, named by numpy's `descr` string: a byte-order
/// character ('<' little, '>' big, '|' not applicable, '=' native) then kind and size.
struct NPYDType {
    /// float16/32/64 ('f2', 'f4', 'f8'), signed integers ('i1'…'i8'), unsigned ('u1'…'u8').
    enum Kind {
        case float, signed, unsigned
    }

    let kind: Kind
    /// Bytes per element.
    let size: Int
    let isBigEndian: Bool

    /// numpy's name for the type, as messages show it.
    var name: String {
        switch kind {
        case .float: "float\(8 * size)"
        case .signed: "int\(8 * size)"
        case .unsigned: "uint\(8 * size)"
        }
    }

    /// What callers may need to know about how the values were stored.
    var elementType: NPYElementType {
        switch kind {
        case .float: size == 2 ? .float16 : .float
        case .signed, .unsigned: size == 1 && kind == .unsigned ? .uint8 : .integer
        }
    }

    /// Reads the header's `descr` value; structured (list) descrs, objects and other kinds are
    /// refused with a message quoting what the file said.
    init(descr: PythonLiteral, path: String) throws {
        let unsupported = CRFIOError(
            path: path, message: "unsupported dtype \(descr.repr) (expected float16/32/64, int8-64 or uint8-64)")
        guard case .string(let text) = descr else { throw unsupported }
        var code = Substring(text)
        let order = code.first.flatMap { "<>|=".contains($0) ? $0 : nil }
        if order != nil { code = code.dropFirst() }
        if code.first == "O" {
            throw CRFIOError(path: path, message: "object arrays are not supported (dtype \(descr.repr))")
        }
        guard code.count == 2, let size = Int(String(code.dropFirst())) else { throw unsupported }
        switch (code.first, size) {
        case ("f", 2), ("f", 4), ("f", 8): kind = .float
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
        default: throw unsupported
        }
        // A one-byte type has no byte order; '|' on a wider one is a malformed descr.
        guard order != "|" || size == 1 else { throw unsupported }
        self.size = size
        isBigEndian = order == ">" || (order != "<" && 1.bigEndian == 1)
    }

    /// Converts `count` elements stored from `offset` on to Float, in file order. 64-bit
    /// integers beyond 2^24 round to the nearest Float, as `astype(np.float32)` does.
    func decode(_ bytes: [UInt8], offset: Int, count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { out, initialized in
            bytes.withUnsafeBytes { raw in
                let start = raw.baseAddress! + offset
                func load<T: FixedWidthInteger>(_: T.Type, _ i: Int) -> T {
                    let bits = (start + size * i).loadUnaligned(as: T.self)
                    return isBigEndian ? T(bigEndian: bits) : T(littleEndian: bits)
                }
                switch (kind, size) {
                case (.float, 2): for i in 0..<count { out[i] = Float(Float16(bitPattern: load(UInt16.self, i))) }
                case (.float, 4): for i in 0..<count { out[i] = Float(bitPattern: load(UInt32.self, i)) }
                case (.float, _): for i in 0..<count { out[i] = Float(Double(bitPattern: load(UInt64.self, i))) }
                case (.signed, 1): for i in 0..<count { out[i] = Float(load(Int8.self, i)) }
                case (.signed, 2): for i in 0..<count { out[i] = Float(load(Int16.self, i)) }
                case (.signed, 4): for i in 0..<count { out[i] = Float(load(Int32.self, i)) }
                case (.signed, _): for i in 0..<count { out[i] = Float(load(Int64.self, i)) }
                case (_, 1): for i in 0..<count { out[i] = Float(load(UInt8.self, i)) }
                case (_, 2): for i in 0..<count { out[i] = Float(load(UInt16.self, i)) }
                case (_, 4): for i in 0..<count { out[i] = Float(load(UInt32.self, i)) }
                case (_, _): for i in 0..<count { out[i] = Float(load(UInt64.self, i)) }
                }
            }
            initialized = count
        }
    }
}

/// The preamble of a .npy file (numpy's format.py, "NEP 1"): the magic "\x93NUMPY", a
/// version, the header's length (2 bytes in 1.0, 4 in 2.0 and 3.0, little-endian) and the
/// header itself, a Python dict literal with exactly the keys 'descr', 'fortran_order' and
/// 'shape'. Version 3.0 differs from 2.0 only in allowing UTF-8 in the header.
struct NPYHeader {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
    /// The engine's arrays have at most four axes (a batch of classes × height × width);
    /// anything higher is more likely a wrong file than an array to flatten.
    static let maxRank = 4
    /// numpy writes headers of a few hundred bytes and by default reads none above 10000
    /// (np.load's max_header_size); a longer one is not a real array's header.
    static let maxHeaderLength = 1 << 16

    let dtype: NPYDType
    let isFortranOrder: Bool
    let shape: [Int]
    /// Product of `shape`, checked not to overflow (nor its byte count).
    let elementCount: Int
    /// Where the array data starts.
    let dataOffset: Int

    init(parsing bytes: [UInt8], path: String) throws {
        func fail(_ message: String) -> CRFIOError { CRFIOError(path: path, message: message) }

        guard bytes.starts(with: Self.magic) else {
            throw fail("not a .npy file: it does not start with \\x93NUMPY")
        }
        guard bytes.count >= 8 else { throw fail("truncated: the file ends inside the .npy preamble") }
        let (major, minor) = (bytes[6], bytes[7])
        guard (1...3).contains(major), minor == 0 else {
            throw fail("unsupported .npy version \(major).\(minor) (expected 1.0, 2.0 or 3.0)")
        }
        let lengthSize = major == 1 ? 2 : 4
        guard bytes.count >= 8 + lengthSize else { throw fail("truncated: the file ends inside the .npy preamble") }
        let headerLength = bytes[8..<8 + lengthSize].reversed().reduce(0) { $0 << 8 | Int($1) }
        let headerStart = 8 + lengthSize
        guard headerLength <= Self.maxHeaderLength else {
            throw fail("malformed header: it claims \(headerLength) bytes; numpy headers are far below \(Self.maxHeaderLength)")
        }
        guard headerLength <= bytes.count - headerStart else {
            throw fail("truncated: the header is \(headerLength) bytes but \(bytes.count - headerStart) follow")
        }
        dataOffset = headerStart + headerLength

        let headerBytes = bytes[headerStart..<dataOffset]
        let text: String
        if major == 3 {
            guard let utf8 = String(validating: headerBytes, as: UTF8.self) else {
                throw fail("malformed header: not UTF-8")
            }
            text = utf8
        } else {
            text = String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))  // latin-1
        }
        let entries = try Self.entries(of: text, path: path)

        dtype = try NPYDType(descr: entries["descr"]!, path: path)
        guard case .boolean(let fortran) = entries["fortran_order"]! else {
            throw fail("malformed header: 'fortran_order' is \(entries["fortran_order"]!.repr), not True or False")
        }
        isFortranOrder = fortran
        (shape, elementCount) = try Self.shape(entries["shape"]!, elementSize: dtype.size, path: path)
    }

    /// How many leading bytes hold the preamble and header, from the first 12 bytes of a file
    /// (at most `maxHeaderLength` past them); 12 when they are not a .npy preamble, so that
    /// parsing those bytes reports what is wrong.
    static func prefixLength(_ first: [UInt8]) -> Int {
        guard first.count >= 10, first.starts(with: magic) else { return 12 }
        let lengthSize = first[6] == 1 ? 2 : 4
        guard first.count >= 8 + lengthSize else { return 12 }
        let length = first[8..<8 + lengthSize].reversed().reduce(0) { $0 << 8 | Int($1) }
        return 8 + lengthSize + min(length, maxHeaderLength)
    }

    /// The header dict's three entries, by key.
    private static func entries(of text: String, path: String) throws -> [String: PythonLiteral] {
        let shown = trimmed(text)
        func fail(_ problem: String) -> CRFIOError {
            let quoted = shown.count > 120 ? shown.prefix(120) + "…" : Substring(shown)
            return CRFIOError(path: path, message: "malformed header: \(problem) in \(quoted)")
        }
        let literal: PythonLiteral
        do {
            literal = try PythonLiteral.parse(text)
        } catch {
            throw fail(error.message)
        }
        guard case .dictionary(let items) = literal else { throw fail("expected a dict") }
        var entries: [String: PythonLiteral] = [:]
        for item in items {
            guard case .string(let key) = item.key, ["descr", "fortran_order", "shape"].contains(key) else {
                throw fail("unexpected key \(item.key.repr)")
            }
            entries[key] = item.value
        }
        for key in ["descr", "fortran_order", "shape"] where entries[key] == nil {
            throw fail("no '\(key)' key")
        }
        return entries
    }

    /// The dimensions, refusing what the engine cannot hold: rank 0 or above `maxRank`, zero or
    /// negative sizes, and element or byte counts that overflow.
    private static func shape(_ literal: PythonLiteral, elementSize: Int, path: String) throws
        -> (shape: [Int], elementCount: Int)
    {
        func fail(_ message: String) -> CRFIOError { CRFIOError(path: path, message: message) }
        guard case .tuple(let items) = literal else {
            throw fail("malformed header: 'shape' is \(literal.repr), not a tuple of integers")
        }
        var shape: [Int] = []
        for item in items {
            guard case .integer(let digits) = item else {
                throw fail("malformed header: 'shape' is \(literal.repr), not a tuple of integers")
            }
            guard let dimension = Int(digits) else { throw fail("dimension \(digits) in shape \(literal.repr) is too large") }
            guard dimension >= 0 else { throw fail("negative dimension in shape \(literal.repr)") }
            shape.append(dimension)
        }
        guard (1...maxRank).contains(shape.count) else {
            throw fail("rank \(shape.count) arrays are not supported (shape \(literal.repr); expected 1 to \(maxRank) dimensions)")
        }
        guard !shape.contains(0) else { throw fail("zero-size dimension in shape \(literal.repr)") }
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, !product.multipliedReportingOverflow(by: elementSize).overflow else {
                throw fail("shape \(literal.repr) has more elements than can be addressed")
            }
            count = product
        }
        return (shape, count)
    }

    /// The header text without numpy's space padding and final "\n", for quoting in messages.
    private static func trimmed(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

/// numpy's .npy files, read into and written from `NPYArray`.
public enum NPYFile {
    /// Reads float16/32/64 and signed or unsigned 8- to 64-bit integer data ('<f2', '>f4',
    /// '<i8', '|u1', …), little or big endian, C or Fortran order (transposed to C order), header versions 1.0, 2.0 and
    /// 3.0, converting values to Float. Data past the end of the array is ignored, as np.load
    /// ignores it, and not read.
    ///
    /// The header is read and checked first; the data only after that, so a huge or bogus
    /// file costs no memory. `maxElements` refuses arrays larger than the caller can hold.
    /// `path` may also name an array in a .npz archive, `file.npz:key` (see `NPZFile`).
    public static func read(_ path: String, maxElements: Int? = nil) throws -> NPYArray {
        if let (archive, key) = NPZFile.split(path) {
            return try NPZFile.read(path: archive, key: key, spec: path, maxElements: maxElements)
        }
        let file = try InputFile(path)
        let first = try file.bytes(at: 0, count: 12)
        guard !first.isEmpty else { throw CRFIOError(path: path, message: "empty file") }
        let header = try NPYHeader(parsing: file.bytes(at: 0, count: NPYHeader.prefixLength(first)), path: path)
        if let maxElements, header.elementCount > maxElements {
            throw CRFIOError(path: path, message: "the header says shape \(header.shape.map(String.init).joined(separator: "x")) "
                + "(\(header.elementCount) values), more than the \(maxElements) this machine can hold")
        }
        return try parse(file.bytes(at: 0, count: header.dataOffset + header.elementCount * header.dtype.size), path: path)
    }

    /// `read` on bytes already in memory; `path` only names the source in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws -> NPYArray {
        let header = try NPYHeader(parsing: bytes, path: path)
        let dataSize = header.elementCount * header.dtype.size
        let available = bytes.count - header.dataOffset
        guard available >= dataSize else {
            let dimensions = header.shape.map(String.init).joined(separator: "x")
            throw CRFIOError(
                path: path,
                message: "truncated: header says \(dimensions) \(header.dtype.name) (\(dataSize) bytes) "
                    + "but \(available) bytes follow")
        }
        let stored = header.dtype.decode(bytes, offset: header.dataOffset, count: header.elementCount)
        let values = header.isFortranOrder ? cOrder(fromFortranOrder: stored, shape: header.shape) : stored
        return NPYArray(shape: header.shape, values: values, storedType: header.dtype.elementType)
    }

    /// Writes float32 (float16 when the array's `storedType` is `.float16`, half the size for
    /// large marginals), little-endian, C order, header version 1.0, atomically (see `AtomicFile`).
    public static func write(_ array: NPYArray, to path: String) throws {
        try AtomicFile.write(encode(array), to: path)
    }

    /// The exact bytes np.save writes for the same float32 (or float16) array: the same header text, the
    /// same spare room after it (numpy leaves space for the first axis to grow to 21 digits so
    /// appending tools can rewrite the header in place) and the same padding, ending in "\n",
    /// that starts the data at a multiple of 64 bytes.
    public static func encode(_ array: NPYArray) -> [UInt8] {
        let count = array.shape.reduce(1, *)
        precondition(count == array.values.count, "NPYArray shape \(array.shape) needs \(count) values")
        let preamble = preamble(shape: array.shape, storedType: array.storedType)
        let size = preamble.count + (array.storedType == .float16 ? 2 : 4) * count
        return [UInt8](unsafeUninitializedCapacity: size) { bytes, initialized in
            _ = bytes.initialize(fromContentsOf: preamble)
            array.values.withUnsafeBufferPointer {
                store($0, as: array.storedType, into: UnsafeMutableRawPointer(bytes.baseAddress! + preamble.count))
            }
            initialized = size
        }
    }

    /// `values` as an .npy file's data holds them: little-endian float32, or float16.
    public static func store(_ values: UnsafeBufferPointer<Float>, as storedType: NPYElementType, into data: UnsafeMutableRawPointer) {
        if storedType == .float16 {
            for (i, v) in values.enumerated() {
                data.storeBytes(of: Float16(v).bitPattern.littleEndian, toByteOffset: 2 * i, as: UInt16.self)
            }
        } else {
            for (i, v) in values.enumerated() {
                data.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: 4 * i, as: UInt32.self)
            }
        }
    }

    /// The bytes of an .npy 1.0 file before its data, for C-order float32 (or, with
    /// `storedType` `.float16`, float16) values of `shape`: a multiple of 64 bytes, so the data
    /// after it is aligned, with room for the first dimension to grow as numpy leaves it.
    public static func preamble(shape: [Int], storedType: NPYElementType) -> [UInt8] {
        let shapeText = PythonLiteral.tuple(shape.map { .integer(String($0)) }).repr
        var header = "{'descr': '\(storedType == .float16 ? "<f2" : "<f4")', 'fortran_order': False, 'shape': \(shapeText), }"
        if let first = shape.first {
            header += String(repeating: " ", count: max(0, 21 - String(first).count))
        }
        let preambleSize = NPYHeader.magic.count + 2 + 2
        let unpadded = header.utf8.count + 1
        header += String(repeating: " ", count: 64 - (preambleSize + unpadded) % 64) + "\n"
        let headerSize = header.utf8.count
        precondition(headerSize <= Int(UInt16.max), "a .npy 1.0 header holds at most 65535 bytes")
        return NPYHeader.magic + [1, 0, UInt8(headerSize & 0xFF), UInt8(headerSize >> 8)] + Array(header.utf8)
    }

    /// Reorders Fortran-order data (first axis fastest) into C order (last axis fastest) by
    /// walking the C-order index like an odometer while tracking the Fortran offset.
    private static func cOrder(fromFortranOrder values: [Float], shape: [Int]) -> [Float] {
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in shape.indices.dropFirst() { strides[axis] = strides[axis - 1] * shape[axis - 1] }
        var index = [Int](repeating: 0, count: shape.count)
        var offset = 0
        var result: [Float] = []
        result.reserveCapacity(values.count)
        for _ in 0..<values.count {
            result.append(values[offset])
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                offset += strides[axis]
                if index[axis] < shape[axis] { break }
                offset -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}

import CZlib

/// numpy's .npz archives (np.savez, np.savez_compressed): a zip file whose members are .npy
/// files named after the arrays ("probs.npy"). A member is chosen as `file.npz:probs`; with
/// no name, an archive that holds exactly one array gives that array.
///
/// Only what numpy writes is read: stored (method 0) and deflate (method 8) members, with or
/// without zip64 records (numpy always writes zip64 extra fields). The central directory is
/// the index, as in every zip reader, because local headers of streamed members carry no sizes.
enum NPZFile {
    /// Splits `archive.npz:key` into the archive's path and the key; nil for other paths.
    static func split(_ spec: String) -> (path: String, key: String?)? {
        if spec.hasSuffix(".npz") { return (spec, nil) }
        guard let range = spec.range(of: ".npz:", options: .backwards) else { return nil }
        return (String(spec[..<range.upperBound].dropLast()), String(spec[range.upperBound...]))
    }

    /// The array `key` of the archive at `path`; errors name `spec`, what the user typed.
    static func read(path: String, key: String?, spec: String) throws -> NPYArray {
        let bytes = try InputFile(path).all()
        let members = try centralDirectory(bytes, path: path)
        let arrays = members.map { $0.name.hasSuffix(".npy") ? String($0.name.dropLast(4)) : $0.name }
        let index: Int
        if let key {
            guard let found = arrays.firstIndex(of: key) else {
                throw CRFIOError(path: spec, message: "no array '\(key)' in the archive; it holds \(listing(arrays))")
            }
            index = found
        } else {
            guard arrays.count == 1 else {
                throw CRFIOError(path: spec, message: "the archive holds \(listing(arrays)); name one as \(path):\(arrays.first ?? "key")")
            }
            index = 0
        }
        let data = try members[index].contents(of: bytes, path: spec)
        return try NPYFile.parse(data, path: spec)
    }

    private static func listing(_ names: [String]) -> String {
        names.isEmpty ? "no arrays" : names.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// One central-directory entry.
    struct Member {
        let name: String
        let method: Int
        let compressedSize: Int
        let size: Int
        let crc: UInt32
        let localHeaderOffset: Int

        /// The member's bytes, inflated and checked against the directory's size and CRC-32.
        func contents(of bytes: [UInt8], path: String) throws -> [UInt8] {
            func fail(_ message: String) -> CRFIOError { CRFIOError(path: path, message: message) }
            let o = localHeaderOffset
            guard o >= 0, o <= bytes.count - 30, NPZFile.u32(bytes, o) == 0x0403_4b50 else {
                throw fail("damaged zip archive: member '\(name)' has no local header")
            }
            let start = o + 30 + NPZFile.u16(bytes, o + 26) + NPZFile.u16(bytes, o + 28)
            guard start <= bytes.count, compressedSize <= bytes.count - start else {
                throw fail("truncated zip archive: member '\(name)' ends past the end of the file")
            }
            let raw = Array(bytes[start..<start + compressedSize])
            let data: [UInt8]
            switch method {
            case 0: data = raw
            case 8: data = try NPZFile.inflate(raw, size: size, member: name, path: path)
            default: throw fail("member '\(name)' uses zip compression method \(method); only stored and deflate are read")
            }
            guard data.count == size else {
                throw fail("damaged zip archive: member '\(name)' is \(data.count) bytes, the directory says \(size)")
            }
            let checksum = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
            guard checksum == crc else { throw fail("damaged zip archive: member '\(name)' fails its CRC-32 check") }
            return data
        }
    }

    /// The archive's members from its end-of-central-directory record (zip64 when present).
    static func centralDirectory(_ bytes: [UInt8], path: String) throws -> [Member] {
        func fail(_ message: String) -> CRFIOError { CRFIOError(path: path, message: message) }
        guard bytes.starts(with: [0x50, 0x4b]) else { throw fail("not a .npz file: it is not a zip archive") }
        // The record is 22 bytes plus a comment of at most 65535.
        let lowest = max(0, bytes.count - 22 - 65535)
        guard bytes.count >= 22,
              let end = stride(from: bytes.count - 22, through: lowest, by: -1).first(where: { u32(bytes, $0) == 0x0605_4b50 })
        else { throw fail("truncated zip archive: no end-of-central-directory record") }
        var count = u16(bytes, end + 10)
        var offset = Int(u32(bytes, end + 16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF, end >= 20, u32(bytes, end - 20) == 0x0706_4b50 {
            let record = Int(clamping: u64(bytes, end - 12))
            guard record >= 0, record <= bytes.count - 56, u32(bytes, record) == 0x0606_4b50 else {
                throw fail("damaged zip archive: bad zip64 end-of-central-directory record")
            }
            count = Int(clamping: u64(bytes, record + 32))
            offset = Int(clamping: u64(bytes, record + 48))
        }
        var members: [Member] = []
        var p = offset
        for _ in 0..<count {
            guard p >= 0, p <= bytes.count - 46, u32(bytes, p) == 0x0201_4b50 else {
                throw fail("damaged zip archive: bad central directory")
            }
            let nameLength = u16(bytes, p + 28), extraLength = u16(bytes, p + 30), commentLength = u16(bytes, p + 32)
            guard p + 46 + nameLength + extraLength <= bytes.count else { throw fail("truncated zip archive: bad central directory") }
            let name = String(decoding: bytes[p + 46..<p + 46 + nameLength], as: UTF8.self)
            var size = Int(u32(bytes, p + 24)), compressed = Int(u32(bytes, p + 20)), local = Int(u32(bytes, p + 42))
            // Zip64 extra field: the 8-byte values of exactly the fields saturated above, in order.
            var e = p + 46 + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let id = u16(bytes, e), length = u16(bytes, e + 2)
                if id == 1 {
                    var q = e + 4
                    let fieldEnd = min(e + 4 + length, extraEnd)
                    for field in [0, 1, 2] where q + 8 <= fieldEnd {
                        switch field {
                        case 0 where size == 0xFFFF_FFFF: size = Int(clamping: u64(bytes, q)); q += 8
                        case 1 where compressed == 0xFFFF_FFFF: compressed = Int(clamping: u64(bytes, q)); q += 8
                        case 2 where local == 0xFFFF_FFFF: local = Int(clamping: u64(bytes, q)); q += 8
                        default: break
                        }
                    }
                }
                e += 4 + length
            }
            members.append(Member(name: name, method: u16(bytes, p + 10), compressedSize: compressed, size: size,
                                  crc: u32(bytes, p + 16), localHeaderOffset: local))
            p = extraEnd + commentLength
        }
        return members
    }

    /// Raw deflate (no zlib header, as zip stores it) into exactly `size` bytes.
    static func inflate(_ input: [UInt8], size: Int, member: String, path: String) throws -> [UInt8] {
        guard size <= Int(UInt32.max), input.count <= Int(UInt32.max) else {
            throw CRFIOError(path: path, message: "member '\(member)' is larger than 4 GiB")
        }
        var output = [UInt8](repeating: 0, count: size)
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw CRFIOError(path: path, message: "cannot inflate member '\(member)': zlib failed to start")
        }
        defer { inflateEnd(&stream) }
        var input = input
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            let reason = status == Z_BUF_ERROR ? "it inflates to more or fewer bytes than the directory says" : "corrupt deflate data"
            throw CRFIOError(path: path, message: "damaged zip archive: member '\(member)': \(reason)")
        }
        return output
    }

    static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(b[i + $1]) << (8 * $1) } }
    static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(b[i + $1]) << (8 * $1) } }
}

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
    ///
    /// Only the end of the archive, its central directory and the chosen member are read, in
    /// that order, and the member's size is checked against `maxElements` before it is read
    /// or inflated: a large archive of many arrays, or a small one whose member claims to
    /// inflate to gigabytes, costs no memory before the refusal.
    static func read(path: String, key: String?, spec: String, maxElements: Int?) throws -> NPYArray {
        let file = try InputFile(path)
        let members = try centralDirectory(of: file, path: path)
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
        // The largest element type is 8 bytes; a header above 1 MB is not one numpy writes.
        let limit = maxElements.map { 1 << 20 + $0 * 8 }
        let data = try members[index].contents(of: file, path: spec, limit: limit)
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

        /// The member's bytes, inflated and checked against the directory's size and CRC-32;
        /// refused before reading when the directory says it holds more than `limit` bytes.
        func contents(of file: InputFile, path: String, limit: Int?) throws -> [UInt8] {
            func fail(_ message: String) -> CRFIOError { CRFIOError(path: path, message: message) }
            if let limit, size > limit {
                throw fail("member '\(name)' holds \(InputFile.describe(size)), more than the largest array this machine can hold")
            }
            let o = localHeaderOffset
            let header = o >= 0 && o <= file.size - 30 ? try file.bytes(at: o, count: 30) : []
            guard header.count == 30, NPZFile.u32(header, 0) == 0x0403_4b50 else {
                throw fail("damaged zip archive: member '\(name)' has no local header")
            }
            let start = o + 30 + NPZFile.u16(header, 26) + NPZFile.u16(header, 28)
            guard start <= file.size, compressedSize >= 0, compressedSize <= file.size - start else {
                throw fail("truncated zip archive: member '\(name)' ends past the end of the file")
            }
            let raw = try file.bytes(at: start, count: compressedSize)
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

    /// The archive's members from its end-of-central-directory record (zip64 when present),
    /// reading the archive's last bytes and then the directory they point at.
    static func centralDirectory(of file: InputFile, path: String) throws -> [Member] {
        func fail(_ message: String) -> CRFIOError { CRFIOError(path: path, message: message) }
        guard try file.bytes(at: 0, count: 2) == [0x50, 0x4b] else { throw fail("not a .npz file: it is not a zip archive") }
        // The record is 22 bytes plus a comment of at most 65535, after a 20-byte zip64 locator.
        let tailStart = max(0, file.size - 22 - 65535 - 20)
        let tail = try file.bytes(at: tailStart, count: file.size - tailStart)
        guard tail.count >= 22,
              let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { u32(tail, $0) == 0x0605_4b50 })
        else { throw fail("truncated zip archive: no end-of-central-directory record") }
        var count = u16(tail, end + 10)
        var directorySize = Int(u32(tail, end + 12))
        var offset = Int(u32(tail, end + 16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF || directorySize == 0xFFFF_FFFF, end >= 20, u32(tail, end - 20) == 0x0706_4b50 {
            let at = Int(clamping: u64(tail, end - 12))
            let record = at >= 0 && at <= file.size - 56 ? try file.bytes(at: at, count: 56) : []
            guard record.count == 56, u32(record, 0) == 0x0606_4b50 else {
                throw fail("damaged zip archive: bad zip64 end-of-central-directory record")
            }
            count = Int(clamping: u64(record, 32))
            directorySize = Int(clamping: u64(record, 40))
            offset = Int(clamping: u64(record, 48))
        }
        // Each entry takes at least 46 bytes, so the count cannot outgrow the directory.
        guard offset >= 0, directorySize >= 0, directorySize <= file.size - offset, count <= directorySize / 46 else {
            throw fail("damaged zip archive: bad central directory")
        }
        let bytes = try file.bytes(at: offset, count: directorySize)
        var members: [Member] = []
        var p = 0
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

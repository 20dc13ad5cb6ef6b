@testable import CRFIO
import Testing

@Suite struct NPYFileTests {
    /// What make_fixtures.py saves in most dtypes: arange(24).reshape(2, 3, 4) / 4 - 2.
    private let quarters = NPYArray(shape: [2, 3, 4], values: (0..<24).map { Float($0) / 4 - 2 })

    private func read(_ name: String) throws -> NPYArray {
        try NPYFile.read(Fixtures.path(name))
    }

    /// A .npy file from its parts, for headers numpy would not write.
    private func npy(_ header: String, version: UInt8 = 1, data: [UInt8] = Array(repeating: 0, count: 16)) -> [UInt8] {
        let text = Array(header.utf8)
        let length = version == 1 ? [UInt8(text.count & 0xFF), UInt8(text.count >> 8)]
            : [UInt8(text.count & 0xFF), UInt8(text.count >> 8 & 0xFF), 0, 0]
        return [0x93] + Array("NUMPY".utf8) + [version, 0] + length + text + data
    }

    private func parse(_ bytes: [UInt8]) throws -> NPYArray {
        try NPYFile.parse(bytes, path: "a.npy")
    }

    @Test(arguments: ["f4-le.npy", "f4-be.npy", "f8-le.npy", "f8-be-fortran.npy", "f4-fortran.npy", "f4-v2.npy", "f4-v3.npy"])
    func everyDtypeOrderAndVersionReadsTheSameArray(name: String) throws {
        #expect(try read(name) == quarters)
    }

    @Test func fortranOrderOfRankFourIsTransposedToCOrder() throws {
        #expect(try read("f4-fortran-rank4.npy") == NPYArray(shape: [2, 3, 2, 2], values: (0..<24).map(Float.init)))
    }

    @Test func uint8ValuesBecomeFloats() throws {
        #expect(try read("u1.npy") == NPYArray(shape: [2, 3, 4], values: (200..<224).map(Float.init), storedType: .uint8))
    }

    @Test func encodeWritesExactlyWhatNumpyWrites() throws {
        #expect(NPYFile.encode(quarters) == Fixtures.bytes("f4-le.npy"))
        let vector = try read("f4-1d.npy")
        #expect(vector.shape == [5])
        #expect(vector.values.map(\.bitPattern) == [1.5, -2.25, 3e-8, 65504, -0.0].map { Float($0).bitPattern })
        #expect(NPYFile.encode(vector) == Fixtures.bytes("f4-1d.npy"))
    }

    @Test func writeReadRoundTripsAndAlignsData() throws {
        let array = NPYArray(shape: [3, 1, 5, 2], values: (0..<30).map { Float($0) * 1.25e-3 - .pi })
        try Fixtures.withTemporaryFolder { folder in
            try NPYFile.write(array, to: folder + "/a.npy")
            #expect(try NPYFile.read(folder + "/a.npy") == array)
        }
        let bytes = NPYFile.encode(array)
        let dataStart = 10 + Int(bytes[8]) + Int(bytes[9]) << 8
        #expect(dataStart % 64 == 0 && bytes[dataStart - 1] == UInt8(ascii: "\n"))
        #expect(bytes.count == dataStart + 4 * 30)
    }

    @Test func headersSpelledDifferentlyStillParse() throws {
        let data = [Float(1), 2].flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
        for header in [
            "{\"shape\": (2,), \"fortran_order\": False, \"descr\": \"<f4\"}",
            "{'descr':'<f4','fortran_order':False,'shape':(2L,)}\n",
            "  { 'descr' : '<f4' , 'fortran_order' : False , 'shape' : ( 2 , ) , }  ",
        ] {
            #expect(try parse(npy(header, data: data)) == NPYArray(shape: [2], values: [1, 2]), "\(header)")
        }
    }

    @Test func float16AndEveryIntegerWidthRead() throws {
        let f2 = try read("f2-le.npy")
        #expect(f2 == NPYArray(shape: [2, 3, 4], values: quarters.values, storedType: .float16))
        let ints = (0..<24).map { Float($0 - 12) }
        #expect(try read("i1.npy") == NPYArray(shape: [2, 3, 4], values: ints, storedType: .integer))
        #expect(try read("i2-be.npy") == NPYArray(shape: [2, 3, 4], values: ints, storedType: .integer))
        #expect(try read("i4-le.npy") == NPYArray(shape: [2, 3, 4], values: ints, storedType: .integer))
        #expect(try read("i8.npy") == NPYArray(shape: [3], values: [0, 1, 2], storedType: .integer))
        #expect(try read("u2-le.npy").values == ints.map { $0 + 60000 })
        // Beyond 2^24 a Float keeps 24 bits, as astype(np.float32) does.
        #expect(try read("u4-be.npy").values == ints.map { Float(4_000_000_000 + Double($0)) })
        #expect(try read("u8-le.npy").values == ints.map { Float(Double(1 << 40) + Double($0)) })
        #expect(try read("u1.npy").storedType == .uint8)
    }

    @Test func float16IsWrittenAsNumpyWritesIt() throws {
        let half = NPYArray(shape: [2, 3, 4], values: quarters.values, storedType: .float16)
        #expect(NPYFile.encode(half) == Fixtures.bytes("f2-le.npy"))
        let rounded = NPYArray(shape: [3], values: [0.1, 1.0 / 3, 65504], storedType: .float16)
        #expect(try NPYFile.parse(NPYFile.encode(rounded), path: "a.npy").values == [Float(Float16(0.1)), Float(Float16(1.0 / 3)), 65504])
    }

    @Test func npzMembersAreChosenByName() throws {
        for archive in ["stored.npz", "deflate.npz"] {
            #expect(try read("\(archive):probs") == quarters)
            #expect(try read("\(archive):logits").values == quarters.values.map { 2 * $0 })
            let spec = Fixtures.path(archive)
            #expect(throws: CRFIOError(path: spec, message: "the archive holds 'probs', 'logits'; name one as \(spec):probs")) {
                try NPYFile.read(spec)
            }
            #expect(throws: CRFIOError(path: spec + ":q", message: "no array 'q' in the archive; it holds 'probs', 'logits'")) {
                try NPYFile.read(spec + ":q")
            }
        }
        #expect(try read("single.npz") == quarters)
        #expect(try read("single.npz:arr_0") == quarters)
    }

    @Test func damagedArchivesAreRefused() throws {
        let good = Fixtures.bytes("deflate.npz")
        try Fixtures.withTemporaryFolder { folder in
            let path = folder + "/a.npz"
            Fixtures.write(Array(good.prefix(good.count - 30)), to: path)
            #expect(throws: CRFIOError(path: path, message: "truncated zip archive: no end-of-central-directory record")) {
                try NPYFile.read(path + ":probs")
            }
            var flipped = good
            flipped[60] ^= 0x55  // inside the first member's deflate data
            Fixtures.write(flipped, to: path)
            #expect(throws: CRFIOError.self) { try NPYFile.read(path + ":probs") }
            Fixtures.write(Fixtures.bytes("f4-le.npy"), to: path)
            #expect(throws: CRFIOError(path: path, message: "not a .npz file: it is not a zip archive")) {
                try NPYFile.read(path)
            }
        }
    }

    /// A member is refused by the size the archive's directory gives it, before it is read
    /// or inflated: a small archive can claim gigabytes (a zip bomb).
    @Test func membersLargerThanTheLimitAreRefusedBeforeReading() throws {
        var bomb = Fixtures.bytes("deflate.npz")
        let end = bomb.count - 22, directory = Int(NPZFile.u32(bomb, end + 16))
        for (k, byte) in [0x00, 0x00, 0x00, 0x7F].enumerated() { bomb[directory + 24 + k] = UInt8(byte) }   // 2 GiB
        try Fixtures.withTemporaryFolder { folder in
            let path = folder + "/bomb.npz"
            Fixtures.write(bomb, to: path)
            #expect(throws: CRFIOError(path: path + ":probs", message: "member 'probs.npy' holds 2.1 GB, more than the largest array this machine can hold")) {
                try NPYFile.read(path + ":probs", maxElements: 1000)
            }
            let logits = try NPYFile.read(path + ":logits", maxElements: 1000)
            #expect(logits.values == quarters.values.map { 2 * $0 })
        }
    }

    @Test func unsupportedDtypesAreNamed() throws {
        let object = Fixtures.path("object.npy")
        #expect(throws: CRFIOError(path: object, message: "object arrays are not supported (dtype '|O')")) {
            try NPYFile.read(object)
        }
        for descr in ["[('x', '<f4')]", "'<c8'", "'<i3'", "'|f4'", "'<b1'"] {
            let header = "{'descr': \(descr), 'fortran_order': False, 'shape': (2,), }"
            #expect(throws: CRFIOError(path: "a.npy", message: "unsupported dtype \(descr) (expected float16/32/64, int8-64 or uint8-64)")) {
                try parse(npy(header))
            }
        }
    }

    @Test func shapesTheEngineCannotHoldAreRefused() throws {
        let rank5 = Fixtures.path("rank5.npy")
        #expect(throws: CRFIOError(path: rank5, message: "rank 5 arrays are not supported (shape (1, 1, 1, 1, 2); expected 1 to 4 dimensions)")) {
            try NPYFile.read(rank5)
        }
        let zero = Fixtures.path("zero-size.npy")
        #expect(throws: CRFIOError(path: zero, message: "zero-size dimension in shape (3, 0)")) {
            try NPYFile.read(zero)
        }
        let cases: [(shape: String, message: String)] = [
            ("()", "rank 0 arrays are not supported (shape (); expected 1 to 4 dimensions)"),
            ("(3, -1)", "negative dimension in shape (3, -1)"),
            ("(99999999999999999999,)", "dimension 99999999999999999999 in shape (99999999999999999999,) is too large"),
            ("(4611686018427387904, 4)", "shape (4611686018427387904, 4) has more elements than can be addressed"),
            ("(1152921504606846976, 2)", "shape (1152921504606846976, 2) has more elements than can be addressed"),
        ]
        for (shape, message) in cases {
            #expect(throws: CRFIOError(path: "a.npy", message: message)) {
                try parse(npy("{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"))
            }
        }
    }

    @Test func truncatedDataSaysHowMuchIsMissing() throws {
        let bytes = Fixtures.bytes("f4-le.npy")
        #expect(throws: CRFIOError(path: "a.npy", message: "truncated: header says 2x3x4 float32 (96 bytes) but 86 bytes follow")) {
            try parse(Array(bytes.dropLast(10)))
        }
        #expect(throws: CRFIOError(path: "a.npy", message: "truncated: the header is 118 bytes but 40 follow")) {
            try parse(Array(bytes.prefix(50)))
        }
        #expect(throws: CRFIOError(path: "a.npy", message: "truncated: the file ends inside the .npy preamble")) {
            try parse(Array(bytes.prefix(9)))
        }
    }

    @Test func badMagicAndVersionsAreRefused() throws {
        #expect(throws: CRFIOError(path: "a.npy", message: "not a .npy file: it does not start with \\x93NUMPY")) {
            try parse(Array("PK\u{3}\u{4} a zip file".utf8))
        }
        var future = Fixtures.bytes("f4-le.npy")
        future[6] = 4
        #expect(throws: CRFIOError(path: "a.npy", message: "unsupported .npy version 4.0 (expected 1.0, 2.0 or 3.0)")) {
            try parse(future)
        }
    }

    @Test func malformedHeadersSayWhatIsWrong() throws {
        let cases: [(header: String, message: String)] = [
            ("['descr', '<f4']", "malformed header: expected a dict in ['descr', '<f4']"),
            ("{'descr': '<f4', 'shape': (2,)}", "malformed header: no 'fortran_order' key in {'descr': '<f4', 'shape': (2,)}"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}",
             "malformed header: unexpected key 'extra' in {'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}"),
            ("{'descr': '<f4, 'fortran_order': False}", "malformed header: expected ',' or '}' in {'descr': '<f4, 'fortran_order': False}"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)", "malformed header: expected ',' or '}' in {'descr': '<f4', 'fortran_order': False, 'shape': (2,)"),
            ("{'descr' '<f4'}", "malformed header: expected ':' after 'descr' in {'descr' '<f4'}"),
            ("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}", "malformed header: 'fortran_order' is 0, not True or False"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2)}", "malformed header: 'shape' is 2, not a tuple of integers"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 'a')}", "malformed header: 'shape' is (2, 'a'), not a tuple of integers"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} x", "malformed header: unexpected 'x' after the value in {'descr': '<f4', 'fortran_order': False, 'shape': (2,)} x"),
            ("{'descr': '<f4", "malformed header: unterminated string in {'descr': '<f4"),
            ("", "malformed header: unexpected end of header in "),
        ]
        for (header, message) in cases {
            #expect(throws: CRFIOError(path: "a.npy", message: message), "\(header)") {
                try parse(npy(header))
            }
        }
    }
}

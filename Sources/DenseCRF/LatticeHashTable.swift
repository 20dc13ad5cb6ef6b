/// Open-addressing hash table from lattice keys to dense point indices.
///
/// A lattice point of the d-dimensional permutohedral lattice lives on the plane Σy = 0 in
/// d+1 coordinates, so its first d coordinates identify it. Keys are stored contiguously
/// (`keys[d * index ..< d * (index + 1)]`) so that the point list doubles as the key store
/// used later to find blur neighbours.
struct LatticeHashTable {
    let dimension: Int
    /// Slot → point index + 1 (0 = empty slot).
    private var slots: [Int32]
    private var mask: Int
    /// Keys of the points, in insertion order.
    private(set) var keys: [Int32] = []
    private(set) var count = 0

    init(dimension: Int, expectedPoints: Int) {
        self.dimension = dimension
        var capacity = 64
        while capacity < expectedPoints * 2 { capacity <<= 1 }
        slots = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        keys.reserveCapacity(expectedPoints * dimension)
    }

    @inline(__always)
    private static func hash(_ key: UnsafePointer<Int32>, _ d: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<d {
            h = (h ^ UInt64(UInt32(bitPattern: key[i]))) &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The index of `key`, inserting it when `insert` is true; -1 when absent and not inserted.
    mutating func index(of key: UnsafePointer<Int32>, insert: Bool) -> Int32 {
        let d = dimension
        var slot = Self.hash(key, d) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            let p = entry - 1
            let matches = keys.withUnsafeBufferPointer { k -> Bool in
                let base = p * d
                for i in 0..<d where k[base + i] != key[i] { return false }
                return true
            }
            if matches { return Int32(p) }
            slot = (slot + 1) & mask
        }
        guard insert else { return -1 }
        let p = count
        slots[slot] = Int32(p + 1)
        for i in 0..<d { keys.append(key[i]) }
        count += 1
        if count * 2 > slots.count { grow() }
        return Int32(p)
    }

    /// The index of `key` without inserting; -1 when absent.
    func find(_ key: UnsafePointer<Int32>) -> Int32 {
        let d = dimension
        var slot = Self.hash(key, d) & mask
        return keys.withUnsafeBufferPointer { k in
            while true {
                let entry = Int(slots[slot])
                if entry == 0 { return -1 }
                let p = entry - 1
                var same = true
                for i in 0..<d where k[p * d + i] != key[i] { same = false; break }
                if same { return Int32(p) }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        let d = dimension
        keys.withUnsafeBufferPointer { k in
            for p in 0..<count {
                var slot = Self.hash(k.baseAddress! + p * d, d) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(p + 1)
            }
        }
    }
}

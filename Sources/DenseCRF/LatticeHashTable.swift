/// Open-addressing hash table from lattice keys to dense point indices, numbered in the order
/// the keys are first inserted (see `PermutohedralLattice.init`).
///
/// A lattice point of the d-dimensional permutohedral lattice lives on the plane Σy = 0 in
/// d+1 coordinates, so its first d coordinates identify it. Keys are stored contiguously
/// (`keys[d * index ..< d * (index + 1)]`) in insertion order, so that the point list doubles
/// as the key store used later to find blur neighbours. Memory is managed by hand: the table
/// sits in the innermost loop of lattice construction, where array bounds and uniqueness checks
/// cost as much as the hashing. Filled by one thread, then only read, possibly concurrently.
final class LatticeHashTable: @unchecked Sendable {
    let dimension: Int
    /// Slot → point index + 1 (0 = empty slot); the capacity is a power of two, at least
    /// twice the point count, so probe sequences stay short.
    private var slots: UnsafeMutablePointer<Int32>
    private var mask: Int
    /// Keys of the points, in insertion order, with room for `keyCapacity` points.
    private(set) var keys: UnsafeMutablePointer<Int32>
    private var keyCapacity: Int
    private(set) var count = 0

    init(dimension: Int, expectedPoints: Int) {
        self.dimension = dimension
        var capacity = 64
        while capacity < expectedPoints * 2 { capacity <<= 1 }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        mask = capacity - 1
        keyCapacity = max(16, expectedPoints)
        keys = .allocate(capacity: keyCapacity * dimension)
    }

    deinit {
        slots.deallocate()
        keys.deallocate()
    }

    /// FNV-1a over the d coordinates with a final mix; the low bits pick a slot.
    @inline(__always)
    static func hash(_ key: UnsafePointer<Int32>, _ d: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<d {
            h = (h ^ UInt64(UInt32(bitPattern: key[i]))) &* 0x0000_0100_0000_01B3
        }
        return h ^ (h >> 29)
    }

    /// The index of `key` (whose hash is `hash`), inserting it when absent.
    private func insert(_ key: UnsafePointer<Int32>, hash: UInt64) -> Int32 {
        let d = dimension
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            if Self.equal(keys + (entry &- 1) &* d, key, d) { return Int32(entry &- 1) }
            slot = (slot &+ 1) & mask
        }
        if count == keyCapacity { growKeys() }
        let p = count
        // A loop, not `initialize(from:count:)`: that is a memmove call for a few integers.
        let stored = keys + p &* d
        for k in 0..<d { stored[k] = key[k] }
        slots[slot] = Int32(p + 1)
        count += 1
        if count * 2 > mask + 1 { growSlots() }
        return Int32(p)
    }

    /// The indices of `rowCount` keys, rows of d at `rows`, into `indices`, inserting absent
    /// ones in row order, as `insert` row by row would. A table of a few MB is mostly out of
    /// cache, and most keys are found at their first slot: every row's hash and first slot are
    /// loaded before any key is compared, and the comparisons do not branch, so their cache
    /// misses overlap instead of following one another. Rows whose first slot is empty or holds
    /// another key take the full probe.
    func insert(rows: UnsafePointer<Int32>, count rowCount: Int, into indices: UnsafeMutablePointer<Int32>) {
        let d = dimension
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: rowCount) { hashes in
            let h = hashes.baseAddress!
            for r in 0..<rowCount { h[r] = Self.hash(rows + r &* d, d) }
            for r in 0..<rowCount { indices[r] = slots[Int(truncatingIfNeeded: h[r]) & mask] }
            for r in 0..<rowCount {
                let entry = indices[r], row = rows + r &* d
                // An empty slot compares the row with itself and is told apart by its entry.
                let stored = entry == 0 ? row : UnsafePointer(keys) + Int(entry &- 1) &* d
                var difference: Int32 = 0
                for k in 0..<d { difference |= stored[k] ^ row[k] }
                indices[r] = entry != 0 && difference == 0 ? entry &- 1 : -1
            }
            for r in 0..<rowCount where indices[r] < 0 { indices[r] = insert(rows + r &* d, hash: h[r]) }
        }
    }

    /// The index of `key` (whose hash is `hash`); -1 when absent.
    func find(_ key: UnsafePointer<Int32>, hash: UInt64) -> Int32 {
        let d = dimension
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return -1 }
            if Self.equal(keys + (entry &- 1) &* d, key, d) { return Int32(entry &- 1) }
            slot = (slot &+ 1) & mask
        }
    }

    @inline(__always)
    private static func equal(_ a: UnsafePointer<Int32>, _ b: UnsafePointer<Int32>, _ d: Int) -> Bool {
        for i in 0..<d where a[i] != b[i] { return false }
        return true
    }

    private func growKeys() {
        let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: keyCapacity * 2 * dimension)
        bigger.moveInitialize(from: keys, count: count * dimension)
        keys.deallocate()
        keys = bigger
        keyCapacity *= 2
    }

    private func growSlots() {
        let capacity = (mask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        mask = capacity - 1
        let d = dimension
        for p in 0..<count {
            var slot = Int(truncatingIfNeeded: Self.hash(keys + p * d, d)) & mask
            while slots[slot] != 0 { slot = (slot &+ 1) & mask }
            slots[slot] = Int32(p + 1)
        }
    }
}

/// The lattice keys of the vertices of each pixel's enclosing simplex, computed on demand from
/// the simplex's remainder-0 point and ranks (Adams et al. 2010, p. 5): vertex r is
/// rem0 + canonical[r][rank], and its first d coordinates are its key. Recomputing a key costs
/// d additions; storing all N·(d+1) keys would cost N·(d+1)·d integers.
struct LatticeVertexKeys: Sendable {
    let rem0: SharedConstPointer<Int32>
    let rank: SharedConstPointer<Int32>
    /// canonical[r · (d+1) + j]: coordinate offset of vertex r where the rank is j.
    let canonical: SharedConstPointer<Int32>
    let dimension: Int

    /// Writes the key of vertex `r` of pixel `i`'s simplex into `key` (d values).
    @inline(__always)
    func key(pixel i: Int, vertex r: Int, into key: UnsafeMutablePointer<Int32>) {
        let d = dimension, base = i &* (d &+ 1), row = canonical.base + r &* (d &+ 1)
        for k in 0..<d { key[k] = rem0[base &+ k] &+ row[Int(rank[base &+ k])] }
    }

    /// Whether pixels `i` and `j` lie in the same simplex (same remainder-0 point and ranks),
    /// hence have the same vertices. Neighbouring pixels mostly do, and comparing 2(d+1)
    /// integers is cheaper than hashing d+1 keys.
    @inline(__always)
    func sameSimplex(_ i: Int, _ j: Int) -> Bool {
        let stride = dimension &+ 1, a = i &* stride, b = j &* stride
        for k in 0..<stride where rem0[a &+ k] != rem0[b &+ k] || rank[a &+ k] != rank[b &+ k] { return false }
        return true
    }

    /// Runs `body` with scratch room for one key.
    @inline(__always)
    func withKeyBuffer<R>(_ body: (UnsafeMutablePointer<Int32>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: dimension) { body($0.baseAddress!) }
    }
}

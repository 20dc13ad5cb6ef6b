/// Finds the enclosing simplex and the barycentric weights of eight points at a time, one
/// point per SIMD lane, for `PermutohedralLattice.init`.
///
/// Per point (Adams, Baek & Davis 2010, pp. 5 and 10): the feature vector is elevated onto the
/// plane Σy = 0 of d+1 coordinates; the nearest remainder-0 lattice point is found by rounding
/// each coordinate to a multiple of d+1; the differences are ranked; a point off the plane
/// (coordinates summing to s ≠ 0) is brought back by wrapping ranks around; the barycentric
/// weight of vertex p is the difference of the (d−p)th and (d−p+1)th ranked differences.
/// Every value is computed with the same float operations in the same order as the scalar
/// algorithm of the reference implementation, so lattices are bit for bit the same. One point
/// at a time, each rank comparison was a read-modify-write of a rank in memory, each
/// barycentric sum a scattered add and each rounding a call to `rintf` (the baseline x86-64
/// target has no rounding instruction). Across lanes they are compare-and-select, and rounding
/// adds and subtracts 1.5·2²³, exact round-half-to-even below 2²² in magnitude. The lattice's
/// features stay far below that (`PermutohedralLattice.maximumFeatureMagnitude`); larger values
/// and NaN, from other callers, are rounded lane by lane, where a NaN traps as the scalar
/// algorithm's conversion does.
final class SimplexLocator {
    typealias Lanes = SIMD8<Float>
    typealias LaneIndices = SIMD8<Int32>
    static let laneCount = 8

    let dimension: Int
    private let scale: [Float]
    /// Per coordinate (d+1 of them), for the current eight points: the elevated feature
    /// vector; the nearest remainder-0 lattice point, in float for the differences; the same
    /// point as integers, for the keys; and the rank of the coordinate's difference.
    private let elevated: UnsafeMutablePointer<Lanes>
    private let nearest: UnsafeMutablePointer<Lanes>
    private let nearestIndices: UnsafeMutablePointer<LaneIndices>
    private let ranks: UnsafeMutablePointer<LaneIndices>
    /// The difference of rank r, for the barycentric weights.
    private let byRank: UnsafeMutablePointer<Lanes>
    private var hashes = LaneIndices()

    /// `scale[k]` multiplies feature k before elevation (the scale factors of E times the
    /// expected standard deviation, see `PermutohedralLattice.init`).
    init(dimension d: Int, scale: [Float]) {
        precondition(scale.count == d)
        dimension = d
        self.scale = scale
        elevated = .allocate(capacity: d + 1)
        nearest = .allocate(capacity: d + 1)
        nearestIndices = .allocate(capacity: d + 1)
        ranks = .allocate(capacity: d + 1)
        byRank = .allocate(capacity: d + 1)
    }

    deinit {
        elevated.deallocate()
        nearest.deallocate()
        nearestIndices.deallocate()
        ranks.deallocate()
        byRank.deallocate()
    }

    /// `count` values `stride` apart from `values`, one per lane (0 in the lanes after them).
    @inline(__always)
    private static func gather(_ values: UnsafePointer<Float>, stride: Int, count: Int) -> Lanes {
        if count == laneCount {
            return Lanes(values[0], values[stride], values[2 &* stride], values[3 &* stride],
                         values[4 &* stride], values[5 &* stride], values[6 &* stride], values[7 &* stride])
        }
        var x = Lanes()
        for lane in 0..<count { x[lane] = values[lane &* stride] }
        return x
    }

    /// A comparison's lanes as integers: −1 where true, 0 where false. (`SIMDMask`'s own
    /// `replacing(with:where:)` and `any` went lane by lane through memory.)
    @inline(__always)
    private static func lanes(_ mask: SIMDMask<LaneIndices>) -> LaneIndices { unsafeBitCast(mask, to: LaneIndices.self) }

    /// `a` where `mask` (as from `lanes`) is −1, `b` where it is 0.
    @inline(__always)
    private static func select(_ mask: LaneIndices, _ a: Lanes, else b: Lanes) -> Lanes {
        let bits = (unsafeBitCast(a, to: LaneIndices.self) & mask) | (unsafeBitCast(b, to: LaneIndices.self) & ~mask)
        return unsafeBitCast(bits, to: Lanes.self)
    }

    /// The remainder-0 point's coordinate k for lane `lane` of the last `locate`.
    @inline(__always)
    func remainder0(_ k: Int, lane: Int) -> Int32 { nearestIndices[k][lane] }

    /// A hash of lane `lane`'s simplex (its remainder-0 point and ranks) from the last
    /// `locate`, for `PermutohedralLattice.numberVertices`' simplex cache: taken across the
    /// lanes with shifts, adds and exclusive ors (the baseline x86-64 target has no 32-bit
    /// vector multiply), where a scalar multiplicative hash per pixel cost as much.
    @inline(__always)
    func simplexHash(lane: Int) -> Int { Int(truncatingIfNeeded: UInt32(bitPattern: hashes[lane])) }

    /// The rank of coordinate k for lane `lane` of the last `locate`.
    @inline(__always)
    func rank(_ k: Int, lane: Int) -> Int32 { ranks[k][lane] }

    /// Locates the simplices of `count` (1…8) points whose d features start at `features`
    /// (point-major), and writes their d+1 barycentric weights, point-major, at `weights`.
    func locate(_ features: UnsafePointer<Float>, count: Int, weights: UnsafeMutablePointer<Float>) {
        precondition(count >= 1 && count <= Self.laneCount)
        let d = dimension, stride = d &+ 1
        let inverse = Lanes(repeating: 1 / Float(stride)), dPlus1 = Lanes(repeating: Float(stride))

        // Elevation: y_j = Σ_{k ≥ j} c_k − j·c_{j−1} with c = scaled features.
        var sum = Lanes()
        var j = d
        while j > 0 {
            let c = Self.gather(features + (j &- 1), stride: d, count: count) * Lanes(repeating: scale[j &- 1])
            elevated[j] = sum - Lanes(repeating: Float(j)) * c
            sum += c
            j &-= 1
        }
        elevated[0] = sum

        // The nearest remainder-0 point, and how far off the plane it is. Below 2²² the sum
        // x + 1.5·2²³ has a unit last place, so its bits minus the constant's are the rounded
        // integer too.
        let magic = Lanes(repeating: 12_582_912), limit = Lanes(repeating: 4_194_304)
        let magicBits = unsafeBitCast(magic, to: LaneIndices.self)
        var offPlane = LaneIndices()
        for k in 0...d {
            let x = inverse * elevated[k]
            let shifted = x + magic
            var rounded = shifted - magic
            var integer = unsafeBitCast(shifted, to: LaneIndices.self) &- magicBits
            if Self.lanes(x .>= limit) | Self.lanes(x .<= -limit) | Self.lanes(x .!= x) != LaneIndices() {
                for lane in 0..<Self.laneCount {
                    rounded[lane] = x[lane].rounded(.toNearestOrEven)
                    integer[lane] = Int32(rounded[lane])
                }
            }
            nearest[k] = rounded * dPlus1
            nearestIndices[k] = integer &* Int32(stride)
            offPlane &+= integer
            ranks[k] = LaneIndices()
        }

        // Ranks of the differences, by comparing every pair.
        for a in 0..<d {
            let da = elevated[a] - nearest[a]
            var rankA = ranks[a]
            for b in (a &+ 1)...d {
                // A true lane is −1.
                let less = Self.lanes(da .< elevated[b] - nearest[b])
                rankA &-= less
                ranks[b] &+= 1 &+ less
            }
            ranks[a] = rankA
        }

        // Back onto the plane, then the differences sorted by rank.
        let strideLanes = LaneIndices(repeating: Int32(stride)), signBit = LaneIndices(repeating: 31)
        for k in 0...d {
            let r = ranks[k] &+ offPlane
            // −1 where the rank wrapped below 0 (or passed d), by its sign bit.
            let below = r &>> signBit, above = (LaneIndices(repeating: Int32(d)) &- r) &>> signBit
            let wrap = (strideLanes & below) &- (strideLanes & above)
            ranks[k] = r &+ wrap
            nearestIndices[k] &+= wrap
            nearest[k] = Self.select(below, nearest[k] + dPlus1, else: Self.select(above, nearest[k] - dPlus1, else: nearest[k]))
            byRank[k] = Lanes()
        }
        for k in 0...d {
            let v = (elevated[k] - nearest[k]) * inverse
            for r in 0...d {
                // −1 where the rank is r: the exclusive or is 0 there and small and positive
                // elsewhere, so one less is negative only there.
                let isR = ((ranks[k] ^ LaneIndices(repeating: Int32(r))) &- 1) &>> signBit
                byRank[r] = Self.select(isR, v, else: byRank[r])
            }
        }

        // A multiply-by-33 hash over the 2(d+1) integers, then the high bits folded down.
        var h = LaneIndices()
        for k in 0...d {
            h = ((h &<< 5) &+ h) ^ nearestIndices[k]
            h = ((h &<< 5) &+ h) ^ ranks[k]
        }
        h ^= h &>> 15
        h = (h &<< 6) &+ h
        hashes = h ^ (h &>> 11)

        // Vertex p weighs the difference ranked d−p minus the one ranked d−p+1; vertex 0 also
        // takes what wraps around from vertex d+1, 1 − (the one ranked 0).
        let first = byRank[d] + (1 - byRank[0])
        for lane in 0..<count { weights[lane &* stride] = first[lane] }
        for p in 1...d {
            let w = byRank[d &- p] - byRank[d &- p &+ 1]
            for lane in 0..<count { weights[lane &* stride &+ p] = w[lane] }
        }
    }
}

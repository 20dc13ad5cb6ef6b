import CRFTestSupport
import Testing
@testable import DenseCRF

/// The eight-lane simplex location against the scalar algorithm of Adams et al. (2010) as the
/// reference implementation writes it, one point at a time: every remainder-0 coordinate, rank
/// and barycentric weight must be the same bits, or lattices would differ from pydensecrf's.
@Suite struct SimplexLocatorTests {
    /// One point, as the reference does it: the remainder-0 point, the ranks and the d+1
    /// barycentric weights.
    /// `largest` is the largest rounded magnitude, to tell which points left the fast path.
    static func scalar(_ row: [Float], scale: [Float]) -> (point: [Int32], rank: [Int32], weights: [Float], largest: Float) {
        let d = row.count, stride = d + 1
        let inverse = 1 / Float(stride), dPlus1 = Float(stride)
        var elevated = [Float](repeating: 0, count: stride)
        var sum: Float = 0
        for j in (1...d).reversed() {
            let c = row[j - 1] * scale[j - 1]
            elevated[j] = sum - Float(j) * c
            sum += c
        }
        elevated[0] = sum
        var nearest = [Float](repeating: 0, count: stride)
        var rank = [Int](repeating: 0, count: stride)
        var offPlane = 0
        var largest: Float = 0
        for k in 0...d {
            largest = max(largest, abs(inverse * elevated[k]))
            let v = (inverse * elevated[k]).rounded(.toNearestOrEven)
            nearest[k] = v * dPlus1
            offPlane += Int(v)
        }
        for a in 0..<d {
            for b in (a + 1)...d {
                if elevated[a] - nearest[a] < elevated[b] - nearest[b] { rank[a] += 1 } else { rank[b] += 1 }
            }
        }
        for k in 0...d {
            rank[k] += offPlane
            if rank[k] < 0 {
                rank[k] += stride
                nearest[k] += dPlus1
            } else if rank[k] >= stride {
                rank[k] -= stride
                nearest[k] -= dPlus1
            }
        }
        var weights = [Float](repeating: 0, count: stride + 1)
        for k in 0...d {
            let v = (elevated[k] - nearest[k]) * inverse
            weights[d - rank[k]] += v
            weights[d - rank[k] + 1] -= v
        }
        weights[0] += 1 + weights[stride]
        return (nearest.map { Int32($0) }, rank.map { Int32($0) }, Array(weights[0...d]), largest)
    }

    /// Random points in 1 to 8 dimensions, at the magnitudes of pixel and colour features up to
    /// the lattice's limit, in groups of every size from 1 to 8. In one dimension, points ten
    /// times beyond the limit still have exact keys (below 2²⁴) and many take the lane-by-lane
    /// rounding (2²² and up), which must agree too.
    @Test(arguments: 1...8)
    func lanesMatchTheScalarAlgorithm(dimension d: Int) {
        var random = XorShift(seed: UInt64(d))
        let deviation = (2.0 / 3.0).squareRoot() * Double(d + 1)
        let scale = (0..<d).map { i -> Float in Float(deviation / Double((i + 2) * (i + 1)).squareRoot()) }
        let locator = SimplexLocator(dimension: d, scale: scale)
        let beyond: [Float] = d == 1 ? [12_000_000] : []
        var checked = 0, slowPath = 0
        for magnitude in [3, 500, 40_000, PermutohedralLattice.maximumFeatureMagnitude] + beyond {
            for count in 1...SimplexLocator.laneCount {
                let features = (0..<count * d).map { _ in (random.float() * 2 - 1) * magnitude }
                var weights = [Float](repeating: .nan, count: count * (d + 1))
                features.withUnsafeBufferPointer { f in
                    weights.withUnsafeMutableBufferPointer { w in
                        locator.locate(f.baseAddress!, count: count, weights: w.baseAddress!)
                    }
                }
                for lane in 0..<count {
                    let expected = Self.scalar(Array(features[lane * d..<(lane + 1) * d]), scale: scale)
                    for k in 0...d {
                        #expect(locator.remainder0(k, lane: lane) == expected.point[k], "d \(d), magnitude \(magnitude), lane \(lane), coordinate \(k)")
                        #expect(locator.rank(k, lane: lane) == expected.rank[k], "d \(d), magnitude \(magnitude), lane \(lane), coordinate \(k)")
                        let weight = weights[lane * (d + 1) + k]
                        #expect(weight.bitPattern == expected.weights[k].bitPattern,
                                "d \(d), magnitude \(magnitude), lane \(lane), weight \(k): \(weight) against \(expected.weights[k])")
                    }
                    checked += 1
                    if expected.largest >= 4_194_304 { slowPath += 1 }
                }
            }
        }
        #expect(checked == (4 + beyond.count) * 36)
        #expect((slowPath > 0) == (d == 1), "\(slowPath) points rounded lane by lane")
    }
}

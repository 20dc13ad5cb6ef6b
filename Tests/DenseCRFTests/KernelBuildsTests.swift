import CRFTestSupport
@testable import DenseCRF
import Testing

/// The AVX2 build of the hot loops against the baseline one, bit for bit: both run the same
/// operations in the same order, so any difference means the AVX2 build reordered or fused
/// them (a fused multiply-add rounds once instead of twice).
@Suite(.enabled(if: InstructionSet.hasAVX2, "this CPU has no AVX2, so only the baseline build can run"))
struct KernelBuildsTests {
    let baseline = InstructionSet.baseline, avx2 = InstructionSet.avx2

    /// Q, the labels and the count of changed labels, with and without messages, at label
    /// counts that take the two-label swizzle, rows shorter than a vector and rows with 4- and
    /// 1-lane tails, over blocks that end inside a vector.
    @Test(arguments: [1, 2, 3, 4, 5, 12, 21])
    func softmax(_ l: Int) {
        var rng = XorShift(seed: UInt64(40 + l))
        for count in [1, 3, 511] {
            let u = rng.floats(count * l, scale: 30)
            let a = rng.floats(count * l, scale: 200, offset: -100)
            // Even pixels had no label yet (−1), so at least half of them change.
            let old: [Int32] = (0..<count).map { i in i % 2 == 0 ? -1 : Int32(rng.next() % UInt64(l)) }
            for messages in [nil, a] {
                var (q1, q2) = ([Float](repeating: .nan, count: count * l), [Float](repeating: .nan, count: count * l))
                var (l1, l2) = (old, old)
                let changed1 = messages.withOptionalPointer { baseline.softmaxUpdate(count, l, unary: u, pairwise: $0, into: &q1, labels: &l1) }
                let changed2 = messages.withOptionalPointer { avx2.softmaxUpdate(count, l, unary: u, pairwise: $0, into: &q2, labels: &l2) }
                #expect(q1.map(\.bitPattern) == q2.map(\.bitPattern), "\(count) pixels, messages: \(messages != nil)")
                #expect(l1 == l2 && changed1 == changed2)
                #expect(q1.allSatisfy { $0.isFinite } && changed1 >= (count + 1) / 2, "the comparison needs Q and changed labels")
            }
        }
    }

    /// Splat, one blur tap and slice on a random lattice of 50 points (indices stored as point +
    /// 1, 0 the zero row), for every padded width the engine uses and one it has no loop of its
    /// own for (24 channels would be 24 wide; 25 is 28), with and without per-pixel scales, a
    /// split point range and accumulation, at 3 and 6 vertices per pixel (the spatial and the
    /// bilateral kernel's, which narrow rows loop over as constants) and 4 (counted at run time).
    @Test(arguments: [1, 2, 3, 5, 8, 11, 16, 19, 21, 25], [3, 4, 6])
    func latticeLoops(_ v: Int, _ stride: Int) {
        var rng = XorShift(seed: UInt64(v * 10 + stride))
        let (n, m) = (97, 50)
        let width = VectorKernels.paddedWidth(v)
        let input = rng.floats(n * v, scale: 2, offset: -1)
        let tailCount = min(n, (width - v + v - 1) / v), tailStart = n - tailCount
        let tail = Array(input[(tailStart * v)...]) + [Float](repeating: 0, count: width)
        let vertices: [Int32] = (0..<(n * stride)).map { _ in Int32(1 + rng.next() % UInt64(m)) }
        let weights = rng.floats(n * stride, scale: 1)
        let scales = rng.floats(n, scale: 2)
        let links: [Int32] = (0..<(2 * m)).map { _ in Int32(rng.next() % UInt64(m + 1)) }
        for (pre, points, accumulate) in [(false, nil, false), (true, Int32(10)..<Int32(40), true)] as [(Bool, Range<Int32>?, Bool)] {
            func run(_ kernels: any RowKernels.Type) -> (lattice: [Float], blurred: [Float], out: [Float]) {
                var lattice = [Float](repeating: 0, count: (m + 1) * width)
                var blurred = lattice
                var out = [Float](repeating: 0.5, count: n * v)
                let scale: [Float]? = pre ? scales : nil
                scale.withOptionalPointer { s in
                    kernels.splat(0..<n, from: input, channels: v, tail: tail, tailStart: tailStart, preScale: s, vertices: vertices,
                                  weights: weights, stride: stride, points: points, into: &lattice, width: width)
                }
                kernels.blur(0..<m, from: lattice, to: &blurred, links: links, width: width)
                scale.withOptionalPointer { s in
                    kernels.slice(0..<n, of: blurred, vertices: vertices, weights: weights, stride: stride, scale: 0.7,
                                  postScale: s, into: &out, channels: v, accumulate: accumulate)
                }
                return (lattice, blurred, out)
            }
            let (b, a) = (run(baseline), run(avx2))
            #expect(b.lattice.map(\.bitPattern) == a.lattice.map(\.bitPattern), "splat, \(v) channels")
            #expect(b.blurred.map(\.bitPattern) == a.blurred.map(\.bitPattern), "blur, \(v) channels")
            #expect(b.out.map(\.bitPattern) == a.out.map(\.bitPattern), "slice, \(v) channels")
            #expect(b.out.contains { $0 != 0.5 }, "the slice wrote nothing")
        }
    }
}

extension XorShift {
    /// `count` floats uniform in [offset, offset + scale).
    mutating func floats(_ count: Int, scale: Float, offset: Float = 0) -> [Float] {
        (0..<count).map { _ in float() * scale + offset }
    }
}

extension Optional where Wrapped == [Float] {
    func withOptionalPointer<R>(_ body: (UnsafePointer<Float>?) -> R) -> R {
        switch self {
        case .some(let values): values.withUnsafeBufferPointer { body($0.baseAddress) }
        case .none: body(nil)
        }
    }
}

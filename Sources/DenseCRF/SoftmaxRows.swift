/// Q = softmax(−U − A) over a block of pixels, the last operation of a mean-field step
/// (`MeanFieldStep`), with each pixel's new argmax. Compiled twice (`MeanFieldLoops`): with
/// AVX2, `exp8`'s eight lanes are one instruction each instead of two.
enum SoftmaxRows {
    /// q = softmax(−u − pairwise) for `count` rows of `l` (−u alone without `pairwise`). With
    /// `labels`, each pixel's argmax of the new q is written there while its row is still in
    /// cache, and the number of labels that changed is returned (0 without `labels`).
    @inline(__always)
    static func update(
        _ count: Int, _ l: Int, unary u: UnsafePointer<Float>, pairwise: UnsafePointer<Float>?,
        into q: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>?
    ) -> Int {
        VectorKernels.negatedSum(q, u, pairwise, count &* l)
        softmax(q, count: count, l)
        guard let labels else { return 0 }
        var changed = 0
        for i in 0..<count {
            let a = Int32(truncatingIfNeeded: VectorKernels.argmax(q + i &* l, l))
            if a != labels[i] { changed &+= 1 }
            labels[i] = a
        }
        return changed
    }

    /// Numerically stable softmax of `count` pixels' logits (rows of `l`), in place. Logits
    /// are finite by construction (finite unaries, clamped pairwise energies), so
    /// max-subtraction suffices; the exponentials run over the whole block at once. Each row's
    /// maximum and sum are taken 4 lanes at a time: scalar, they are dependency chains as long
    /// as the row (a fifth of a step at 21 labels). The maximum is exact either way; adding
    /// lane-wise changes only the sum's rounding.
    @inline(__always)
    static func softmax(_ rows: UnsafeMutablePointer<Float>, count: Int, _ l: Int) {
        if l == 2 {
            softmaxPairs(rows, count: count)
            return
        }
        for i in 0..<count {
            let row = rows + i &* l
            let m = VectorKernels.maximum(row, l)
            for k in 0..<l { row[k] -= m }
        }
        VectorKernels.expInPlace(rows, count &* l)
        for i in 0..<count {
            let row = rows + i &* l
            let inv = 1 / VectorKernels.sum(row, l)
            for k in 0..<l { row[k] *= inv }
        }
    }

    /// `softmax` of two-label rows, four pixels per 8-lane vector: each lane is set against its
    /// pair's other lane (a swizzle) instead of looping over a row of two, which cost more
    /// per pixel than the exponential. Every lane sees the same operations as the general
    /// loop (the larger of the two subtracted, eˣ, 1 / (e₀ + e₁), which adds in either order to
    /// the same float), so Q is the same to the bit.
    @inline(__always)
    static func softmaxPairs(_ rows: UnsafeMutablePointer<Float>, count: Int) {
        @inline(__always)
        func swapped(_ v: SIMD8<Float>) -> SIMD8<Float> {
            SIMD8(v[1], v[0], v[3], v[2], v[5], v[4], v[7], v[6])
        }
        var i = 0
        while i &+ 4 <= count {
            let p = UnsafeMutableRawPointer(rows + 2 &* i)
            let x = p.loadUnaligned(as: SIMD8<Float>.self)
            var m = x
            let other = swapped(x)
            m.replace(with: other, where: other .> x)
            let e = VectorKernels.exp8(x - m)
            p.storeBytes(of: e * (1 / (e + swapped(e))), as: SIMD8<Float>.self)
            i &+= 4
        }
        while i < count {
            let row = rows + 2 &* i
            let m = row[1] > row[0] ? row[1] : row[0]
            let e = VectorKernels.exp8(SIMD8(row[0] - m, row[1] - m, 0, 0, 0, 0, 0, 0))
            let inv = 1 / (e[0] + e[1])
            row[0] = e[0] * inv
            row[1] = e[1] * inv
            i &+= 1
        }
    }
}

/// The inner loops of filtering, over one pixel's or lattice point's channels, written with
/// 8-wide SIMD so they vectorise whatever the compiler proves about aliasing (splat, blur and
/// slice each read one row while writing another). Index arithmetic wraps (`&+`): offsets
/// stay below a row width, so overflow checks would only cost instructions in the hottest loops.
/// `SIMDKernelsAVX2` compiles this file a second time, for `MeanFieldLoops`' AVX2 build.
enum VectorKernels {
    /// dst[k] += w · src[k] for k < n.
    @inline(__always)
    static func axpy(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ w: Float, _ n: Int) {
        var k = 0
        let wv = SIMD8<Float>(repeating: w)
        while k + 8 <= n {
            let d = UnsafeRawPointer(dst + k).loadUnaligned(as: SIMD8<Float>.self)
            let s = UnsafeRawPointer(src + k).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(dst + k).storeBytes(of: d + wv * s, as: SIMD8<Float>.self)
            k += 8
        }
        if k + 4 <= n {
            let d = UnsafeRawPointer(dst + k).loadUnaligned(as: SIMD4<Float>.self)
            let s = UnsafeRawPointer(src + k).loadUnaligned(as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(dst + k).storeBytes(of: d + SIMD4(repeating: w) * s, as: SIMD4<Float>.self)
            k += 4
        }
        while k < n {
            dst[k] += w * src[k]
            k += 1
        }
    }

    /// out (+)= Σ_b (sign · c[b]) · rows[b] for b in 0..<count, over rows `rowWidth` apart whose
    /// first n ≤ 24 values count (`rowWidth` is n rounded up to a multiple of 8 or more, so a
    /// row can be read as whole 8-lane vectors): each lane gets the terms in b order, as `count`
    /// calls of `scale` and `axpy` give, but summed in up to three vectors in registers, where
    /// each call waited for the last one's stores to its row (a learned L×L compatibility is
    /// such a combination per pixel). Without `accumulate`, out starts as the first term. Only
    /// out's first n values are read and written.
    @inline(__always)
    static func combination(
        of rows: UnsafePointer<Float>, rowWidth: Int, _ c: UnsafePointer<Float>, sign: Float, count: Int, n: Int,
        into out: UnsafeMutablePointer<Float>, accumulate: Bool
    ) {
        let vectors = (n &+ 7) >> 3, lastLanes = n &- 8 &* (vectors &- 1)
        @inline(__always) func term(_ b: Int, _ j: Int) -> SIMD8<Float> {
            let row = UnsafeRawPointer(rows + (b &* rowWidth &+ 8 &* j)).loadUnaligned(as: SIMD8<Float>.self)
            let w: Float = sign * c[b]
            return SIMD8(repeating: w) * row
        }
        /// Vector j of out: whole, or the row's lanes and zeros.
        @inline(__always) func load(_ j: Int) -> SIMD8<Float> {
            if j < vectors &- 1 || lastLanes == 8 { return UnsafeRawPointer(out + 8 &* j).loadUnaligned(as: SIMD8<Float>.self) }
            var v = SIMD8<Float>()
            for k in 0..<lastLanes { v[k] = out[8 &* j &+ k] }
            return v
        }
        var s0 = term(0, 0), s1 = vectors > 1 ? term(0, 1) : SIMD8(), s2 = vectors > 2 ? term(0, 2) : SIMD8()
        if accumulate {
            s0 = load(0) + s0
            if vectors > 1 { s1 = load(1) + s1 }
            if vectors > 2 { s2 = load(2) + s2 }
        }
        for b in 1..<count {
            s0 += term(b, 0)
            if vectors > 1 { s1 += term(b, 1) }
            if vectors > 2 { s2 += term(b, 2) }
        }
        @inline(__always) func store(_ v: SIMD8<Float>, _ j: Int) {
            let at = UnsafeMutableRawPointer(out + 8 &* j)
            if j < vectors &- 1 || lastLanes == 8 {
                at.storeBytes(of: v, as: SIMD8<Float>.self)
            } else {
                for k in 0..<lastLanes { out[8 &* j &+ k] = v[k] }
            }
        }
        store(s0, 0)
        if vectors > 1 { store(s1, 1) }
        if vectors > 2 { store(s2, 2) }
    }

    /// dst[k] = w · src[k] for k < n.
    @inline(__always)
    static func scale(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ w: Float, _ n: Int) {
        var k = 0
        let wv = SIMD8<Float>(repeating: w)
        while k + 8 <= n {
            let s = UnsafeRawPointer(src + k).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(dst + k).storeBytes(of: wv * s, as: SIMD8<Float>.self)
            k += 8
        }
        if k + 4 <= n {
            let s = UnsafeRawPointer(src + k).loadUnaligned(as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(dst + k).storeBytes(of: SIMD4(repeating: w) * s, as: SIMD4<Float>.self)
            k += 4
        }
        while k < n {
            dst[k] = w * src[k]
            k += 1
        }
    }

    /// The width of a lattice value row for `channels` values: one or two channels are stored
    /// as they are, more are rounded up to whole 4-float vectors, so that splatting, blurring and
    /// slicing run without the tails of `axpy` (21 labels took 2 vector passes, a 4-wide one
    /// and a scalar one per row; now 24 wide, 3 passes). Narrow rows are not padded because
    /// their filter is bound by memory latency, not arithmetic: padding the normalisation
    /// filter's one channel to 4 made its lattice four times the size and pushed it out of
    /// cache. The padding lanes hold values that are never read back (see `axpyPadded`).
    @inline(__always)
    static func paddedWidth(_ channels: Int) -> Int { channels <= 2 ? channels : (channels + 3) & ~3 }

    /// dst[k] += w · src[k] for k < width, a `paddedWidth`. `src` may be an unpadded row
    /// that is followed by more data (the next pixel's): the lanes past its own values land
    /// in `dst`'s padding, which nothing reads back, and add nothing to the real lanes.
    @inline(__always)
    static func axpyPadded(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ w: Float, width: Int) {
        if width == 2 {
            let d = UnsafeRawPointer(dst).loadUnaligned(as: SIMD2<Float>.self)
            let s = UnsafeRawPointer(src).loadUnaligned(as: SIMD2<Float>.self)
            UnsafeMutableRawPointer(dst).storeBytes(of: d + SIMD2(repeating: w) * s, as: SIMD2<Float>.self)
            return
        }
        if width == 1 {
            dst[0] += w * src[0]
            return
        }
        var k = 0
        let wv = SIMD8<Float>(repeating: w)
        while k &+ 8 <= width {
            let d = UnsafeRawPointer(dst + k).loadUnaligned(as: SIMD8<Float>.self)
            let s = UnsafeRawPointer(src + k).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(dst + k).storeBytes(of: d + wv * s, as: SIMD8<Float>.self)
            k &+= 8
        }
        if k < width {
            let d = UnsafeRawPointer(dst + k).loadUnaligned(as: SIMD4<Float>.self)
            let s = UnsafeRawPointer(src + k).loadUnaligned(as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(dst + k).storeBytes(of: d + SIMD4(repeating: w) * s, as: SIMD4<Float>.self)
        }
    }

    /// dst[k] = w · src[k] for k < width, a `paddedWidth`; `src` as in `axpyPadded`.
    @inline(__always)
    static func scalePadded(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ w: Float, width: Int) {
        if width == 2 {
            let s = UnsafeRawPointer(src).loadUnaligned(as: SIMD2<Float>.self)
            UnsafeMutableRawPointer(dst).storeBytes(of: SIMD2(repeating: w) * s, as: SIMD2<Float>.self)
            return
        }
        if width == 1 {
            dst[0] = w * src[0]
            return
        }
        var k = 0
        let wv = SIMD8<Float>(repeating: w)
        while k &+ 8 <= width {
            let s = UnsafeRawPointer(src + k).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(dst + k).storeBytes(of: wv * s, as: SIMD8<Float>.self)
            k &+= 8
        }
        if k < width {
            let s = UnsafeRawPointer(src + k).loadUnaligned(as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(dst + k).storeBytes(of: SIMD4(repeating: w) * s, as: SIMD4<Float>.self)
        }
    }

    /// dst[k] = old[k] + ½(a[k] + b[k]) for k < width, a `paddedWidth`: one blur tap
    /// [½, 1, ½] along a lattice axis.
    @inline(__always)
    static func blur(_ dst: UnsafeMutablePointer<Float>, _ old: UnsafePointer<Float>,
                     _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, width: Int) {
        if width == 2 {
            let o = UnsafeRawPointer(old).loadUnaligned(as: SIMD2<Float>.self)
            let x = UnsafeRawPointer(a).loadUnaligned(as: SIMD2<Float>.self)
            let y = UnsafeRawPointer(b).loadUnaligned(as: SIMD2<Float>.self)
            UnsafeMutableRawPointer(dst).storeBytes(of: o + SIMD2(repeating: 0.5) * (x + y), as: SIMD2<Float>.self)
            return
        }
        if width == 1 {
            dst[0] = old[0] + 0.5 * (a[0] + b[0])
            return
        }
        var k = 0
        let half = SIMD8<Float>(repeating: 0.5)
        while k &+ 8 <= width {
            let o = UnsafeRawPointer(old + k).loadUnaligned(as: SIMD8<Float>.self)
            let x = UnsafeRawPointer(a + k).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + k).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(dst + k).storeBytes(of: o + half * (x + y), as: SIMD8<Float>.self)
            k &+= 8
        }
        if k < width {
            let o = UnsafeRawPointer(old + k).loadUnaligned(as: SIMD4<Float>.self)
            let x = UnsafeRawPointer(a + k).loadUnaligned(as: SIMD4<Float>.self)
            let y = UnsafeRawPointer(b + k).loadUnaligned(as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(dst + k).storeBytes(of: o + SIMD4(repeating: 0.5) * (x + y), as: SIMD4<Float>.self)
        }
    }

    /// dst[k] = −a[k] − b[k] (−a[k] without `b`) for k < n, 8 lanes at a time: the logits
    /// −U − A of a softmax. `dst` may be `b` itself (a step in place writes Q over its
    /// messages), which kept the compiler from vectorising the scalar loop: it ran one value at
    /// a time, two fifths of the softmax's own time at 21 labels. Each lane is read before it
    /// is written and sees the scalar loop's operations, so the values are the same.
    @inline(__always)
    static func negatedSum(_ dst: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>?, _ n: Int) {
        var k = 0
        if let b {
            while k &+ 8 <= n {
                let x = UnsafeRawPointer(a + k).loadUnaligned(as: SIMD8<Float>.self)
                let y = UnsafeRawPointer(b + k).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(dst + k).storeBytes(of: -x - y, as: SIMD8<Float>.self)
                k &+= 8
            }
            while k < n {
                dst[k] = -a[k] - b[k]
                k &+= 1
            }
        } else {
            while k &+ 8 <= n {
                UnsafeMutableRawPointer(dst + k).storeBytes(of: -UnsafeRawPointer(a + k).loadUnaligned(as: SIMD8<Float>.self),
                                                            as: SIMD8<Float>.self)
                k &+= 8
            }
            while k < n {
                dst[k] = -a[k]
                k &+= 1
            }
        }
    }

    /// dst[k] += src[k] for k < n, 8 lanes at a time: the two halves of a splat added.
    @inline(__always)
    static func add(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ n: Int) {
        var k = 0
        while k &+ 8 <= n {
            let d = UnsafeRawPointer(dst + k).loadUnaligned(as: SIMD8<Float>.self)
            let s = UnsafeRawPointer(src + k).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(dst + k).storeBytes(of: d + s, as: SIMD8<Float>.self)
            k &+= 8
        }
        while k < n {
            dst[k] += src[k]
            k &+= 1
        }
    }

    /// dst[k] = src[k] for k < n: a row between a caller's unpadded buffer and padded scratch.
    @inline(__always)
    static func copy(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ n: Int) {
        var k = 0
        while k &+ 8 <= n {
            UnsafeMutableRawPointer(dst + k).storeBytes(of: UnsafeRawPointer(src + k).loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
            k &+= 8
        }
        if k &+ 4 <= n {
            UnsafeMutableRawPointer(dst + k).storeBytes(of: UnsafeRawPointer(src + k).loadUnaligned(as: SIMD4<Float>.self), as: SIMD4<Float>.self)
            k &+= 4
        }
        while k < n {
            dst[k] = src[k]
            k &+= 1
        }
    }

    /// The largest of `n` ≥ 1 values, 4 lanes at a time (a scalar running maximum is a chain
    /// of dependent compares as long as the row). Exact: the order of comparisons does not
    /// change a maximum of the finite values Q and its logits hold.
    @inline(__always)
    static func maximum(_ row: UnsafePointer<Float>, _ n: Int) -> Float {
        var m = row[0]
        var k = 0
        if n >= 4 {
            var top = UnsafeRawPointer(row).loadUnaligned(as: SIMD4<Float>.self)
            k = 4
            while k &+ 4 <= n {
                let v = UnsafeRawPointer(row + k).loadUnaligned(as: SIMD4<Float>.self)
                top.replace(with: v, where: v .> top)
                k &+= 4
            }
            var half = top.lowHalf
            half.replace(with: top.highHalf, where: top.highHalf .> half)
            m = half[1] > half[0] ? half[1] : half[0]
        }
        while k < n {
            if row[k] > m { m = row[k] }
            k &+= 1
        }
        return m
    }

    /// The first index of the row's largest value: the maximum taken 4 lanes at a time
    /// (`maximum`), then one scan for it, which is shorter than a chain of
    /// compare-and-branch on the running best.
    @inline(__always)
    static func argmax(_ p: UnsafePointer<Float>, _ count: Int) -> Int {
        let top = VectorKernels.maximum(p, count)
        for k in 0..<count where p[k] == top { return k }
        return 0
    }

    /// The sum of `l` values, 4 lanes at a time (a scalar sum is a chain of dependent adds as
    /// long as the row); the order of additions, and so the rounding, differs from a scalar loop.
    @inline(__always)
    static func sum(_ row: UnsafePointer<Float>, _ l: Int) -> Float {
        var total = SIMD4<Float>(repeating: 0)
        var k = 0
        while k &+ 4 <= l {
            total += UnsafeRawPointer(row + k).loadUnaligned(as: SIMD4<Float>.self)
            k &+= 4
        }
        var sum = (total[0] + total[1]) + (total[2] + total[3])
        while k < l {
            sum += row[k]
            k &+= 1
        }
        return sum
    }

    /// x ← eˣ for `n` values, 8 at a time: Cody–Waite range reduction x = k·ln2 + r and
    /// Cephes' degree-6 polynomial for eʳ, then 2ᵏ by exponent bits. Accurate to about 1 ulp
    /// on the range softmax uses (x ≤ 0 after max subtraction); inputs below −87.3 give the
    /// smallest normal float instead of 0, which is invisible next to the 1 that the max
    /// contributes. libm's scalar expf was a seventh of the mean-field time.
    @inline(__always)
    static func expInPlace(_ x: UnsafeMutablePointer<Float>, _ n: Int) {
        var k = 0
        while k + 8 <= n {
            let v = UnsafeRawPointer(x + k).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(x + k).storeBytes(of: exp8(v), as: SIMD8<Float>.self)
            k += 8
        }
        if k < n {
            var tail = SIMD8<Float>(repeating: 0)
            for i in 0..<(n - k) { tail[i] = x[k + i] }
            let e = exp8(tail)
            for i in 0..<(n - k) { x[k + i] = e[i] }
        }
    }

    /// eˣ for 8 floats, using only operations that lower to plain vector instructions (the
    /// generic SIMD `rounded`, `clamped` and float→int conversions go through scalar library
    /// calls): rounding by adding 1.5·2²³, whose low mantissa bits are then the integer k.
    @inline(__always)
    static func exp8(_ input: SIMD8<Float>) -> SIMD8<Float> {
        var x = input
        x.replace(with: SIMD8(repeating: -87.33654), where: x .< -87.33654)
        x.replace(with: SIMD8(repeating: 88.72283), where: x .> 88.72283)
        let magic = SIMD8<Float>(repeating: 12_582_912)   // 1.5 · 2^23
        let shifted = x * 1.442695041 + magic
        let kf = shifted - magic
        let r = x - kf * 0.693359375 + kf * 2.12194440e-4
        var p = SIMD8<Float>(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        p = p * r * r + r + 1
        let k = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let scale = unsafeBitCast((k &+ 127) &<< 23, to: SIMD8<Float>.self)
        return p * scale
    }

    /// ln x for 8 positive normal floats (Cephes' logf), within 1 ulp: x = m·2ᵉ with m in
    /// [√½, √2), both read off the bits (frexp without a library call or a select: subtracting
    /// the bits of √½ carries into the exponent field exactly when m would fall below √½), then
    /// ln m = f − f²/2 + f³·P(f) for f = m − 1 with Cephes' degree-8 P, and e·ln 2 added in two
    /// parts (Cody–Waite, as in `exp8`) so that large exponents lose no digits of ln m. Zero,
    /// subnormal, negative, infinite and NaN inputs give meaningless values.
    ///
    /// P's coefficients are looped over, not written out: Swift lowers SIMD8 arithmetic lane by
    /// lane and leaves LLVM's SLP vectoriser to regroup it, which regroups one Horner step of 8
    /// lanes completely but split the written-out chain into 4 + 2 + 1 + 1 lanes (twice the time).
    @inline(__always)
    static func log8(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let bits = unsafeBitCast(x, to: SIMD8<Int32>.self)
        let t = bits &- 0x3F35_04F3   // the bits of √½
        let m = unsafeBitCast(bits &- (t & -0x0080_0000), to: SIMD8<Float>.self)
        let magic = SIMD8<Float>(repeating: 12_582_912)   // 1.5 · 2^23: e exactly, as in exp8
        let e = unsafeBitCast((t &>> 23) &+ 0x4B40_0000, to: SIMD8<Float>.self) - magic
        let f = m - 1
        let z = f * f
        var y = SIMD8<Float>(repeating: 7.0376836292e-2)
        for c: Float in [-1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
                         -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1] {
            y = y * f + c
        }
        y = y * f * z - e * 2.12194440e-4 - z * 0.5
        return f + y + e * 0.693359375
    }

    /// Σ q·(ln max(q, 10⁻²⁰) + u + a) over k < n: the free energy's share of n values of Q, the
    /// unaries U and the messages A (see `MeanFieldInference.freeEnergy`), with `log8` instead
    /// of a scalar logf per value (3.9M of them for 500×375 pixels and 21 labels, run before
    /// every step the viewer shows). Each term is computed in Float and summed in Double, as the
    /// scalar loop did: summing 512-value blocks in Float first was off by 5·10⁻⁸ relative, the
    /// last digit the viewer shows, and widening costs nothing measurable next to the logarithm.
    @inline(__always)
    static func freeEnergy(_ q: UnsafePointer<Float>, _ u: UnsafePointer<Float>, _ a: UnsafePointer<Float>, _ n: Int) -> Double {
        @inline(__always)
        func term(_ q: SIMD8<Float>, _ u: SIMD8<Float>, _ a: SIMD8<Float>) -> SIMD8<Float> {
            var p = q
            p.replace(with: SIMD8(repeating: 1e-20), where: p .< 1e-20)
            return q * (log8(p) + u + a)
        }
        var sums = SIMD8<Double>(repeating: 0)
        var k = 0
        while k + 8 <= n {
            sums += SIMD8<Double>(term(UnsafeRawPointer(q + k).loadUnaligned(as: SIMD8<Float>.self),
                                       UnsafeRawPointer(u + k).loadUnaligned(as: SIMD8<Float>.self),
                                       UnsafeRawPointer(a + k).loadUnaligned(as: SIMD8<Float>.self)))
            k += 8
        }
        var total = sums.sum()
        if k < n {
            // Zero-padded: q = 0 adds 0 · ln 10⁻²⁰ = 0.
            var tq = SIMD8<Float>(repeating: 0), tu = tq, ta = tq
            for i in 0..<(n - k) {
                tq[i] = q[k + i]
                tu[i] = u[k + i]
                ta[i] = a[k + i]
            }
            total += SIMD8<Double>(term(tq, tu, ta)).sum()
        }
        return total
    }

    /// Σ a·b over k < n, products in Float summed in Double as in `freeEnergy`.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Double {
        var sums = SIMD8<Double>(repeating: 0)
        var k = 0
        while k + 8 <= n {
            sums += SIMD8<Double>(UnsafeRawPointer(a + k).loadUnaligned(as: SIMD8<Float>.self)
                                  * UnsafeRawPointer(b + k).loadUnaligned(as: SIMD8<Float>.self))
            k += 8
        }
        var total = sums.sum()
        while k < n {
            total += Double(a[k] * b[k])
            k += 1
        }
        return total
    }
}

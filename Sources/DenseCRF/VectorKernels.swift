/// The inner loops of filtering, over one pixel's or lattice point's channels, written with
/// 8-wide SIMD so they vectorise whatever the compiler proves about aliasing (splat, blur and
/// slice each read one row while writing another). Index arithmetic wraps (`&+`): offsets
/// stay below a row width, so overflow checks would only cost instructions in the hottest loops.
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

    /// The width of a lattice value row for `channels` values: rounded up to whole 4-float
    /// vectors, so that splatting, blurring and slicing run without the tails of `axpy` (21 labels
    /// took 2 vector passes, a 4-wide one and a scalar one per row; now 24 wide, 3 passes).
    /// The padding lanes hold values that are never read back (see `axpyPadded`).
    @inline(__always)
    static func paddedWidth(_ channels: Int) -> Int { (channels + 3) & ~3 }

    /// dst[k] += w · src[k] for k < width, a multiple of 4. `src` may be an unpadded row
    /// that is followed by more data (the next pixel's): the lanes past its own values land
    /// in `dst`'s padding, which nothing reads back, and add nothing to the real lanes.
    @inline(__always)
    static func axpyPadded(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ w: Float, width: Int) {
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

    /// dst[k] = w · src[k] for k < width, a multiple of 4; `src` as in `axpyPadded`.
    @inline(__always)
    static func scalePadded(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ w: Float, width: Int) {
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

    /// dst[k] = old[k] + ½(a[k] + b[k]) for k < width, a multiple of 4: one blur tap
    /// [½, 1, ½] along a lattice axis.
    @inline(__always)
    static func blur(_ dst: UnsafeMutablePointer<Float>, _ old: UnsafePointer<Float>,
                     _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, width: Int) {
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
}

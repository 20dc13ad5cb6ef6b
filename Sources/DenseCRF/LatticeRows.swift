/// The three inner loops of permutohedral filtering (`PermutohedralLattice.spread` and
/// `slice`), over raw rows so that they can be compiled twice (`MeanFieldLoops`): splatting
/// pixels' rows into their vertices' rows, one blur tap along one lattice axis, and slicing
/// vertices' rows back into pixels' rows. Lattice rows are `VectorKernels.paddedWidth` wide;
/// vertex indices are stored as point + 1, so that 0, a row of zeros, stands for "no neighbour".
enum LatticeRows {
    /// out[vertex] += weight · preScale[i] · input[i] for the pixels in `pixels`, in pixel
    /// order, each pixel's `stride` vertices in turn; with `points`, only the vertices in that
    /// range (the caller splits the points among workers). Pixel rows are read `width` wide,
    /// past their `channels` values into the next pixel's, which only reach `out`'s padding
    /// lanes; the pixels from `tailStart` on are read from `tail`, a zero-padded copy, instead
    /// of past the end of `input`.
    @inline(__always)
    static func splat(
        _ pixels: Range<Int>, from input: UnsafePointer<Float>, channels v: Int, tail: UnsafePointer<Float>, tailStart: Int,
        preScale: UnsafePointer<Float>?, vertices: UnsafePointer<Int32>, weights: UnsafePointer<Float>, stride: Int,
        points: Range<Int32>?, into out: UnsafeMutablePointer<Float>, width: Int
    ) {
        let (lo, hi) = (points?.lowerBound ?? 0, points?.upperBound ?? 0)
        @inline(__always) func add(width: Int, everyPoint: Bool, vertexCount: Int) {
            for i in pixels {
                let source = i >= tailStart ? tail + (i &- tailStart) &* v : input + i &* v
                let scale = preScale?[i] ?? 1
                let base = i &* vertexCount
                for r in 0..<vertexCount {
                    let p = vertices[base &+ r]
                    if everyPoint || (p >= lo && p < hi) {
                        VectorKernels.axpyPadded(out + Int(p) &* width, source, weights[base &+ r] * scale, width: width)
                    }
                }
            }
        }
        @inline(__always) func add(width: Int, everyPoint: Bool) {
            add(width: width, everyPoint: everyPoint, vertexCount: stride)
        }
        /// `add` with the vertex count a constant for the usual kernels (see `slice`).
        @inline(__always) func addCounted(width: Int) {
            switch stride {
            case 3: add(width: width, everyPoint: true, vertexCount: 3)
            case 6: add(width: width, everyPoint: true, vertexCount: 6)
            default: add(width: width, everyPoint: true, vertexCount: stride)
            }
        }
        // Each width up to 24 (21 labels) its own loop, unrolled for its number of 8-lane
        // blocks: with the width a variable, the loops over blocks here and in the slice cost a
        // sixth of the mean-field time at 12 and 21 labels. The point-range test only where the
        // points are split. For one and two channels, the usual kernels' vertex counts are
        // loops of their own as well (see `slice`).
        switch (width, points == nil) {
        case (1, true): addCounted(width: 1)
        case (2, true): addCounted(width: 2)
        case (4, true): add(width: 4, everyPoint: true)
        case (8, true): add(width: 8, everyPoint: true)
        case (12, true): add(width: 12, everyPoint: true)
        case (16, true): add(width: 16, everyPoint: true)
        case (20, true): add(width: 20, everyPoint: true)
        case (24, true): add(width: 24, everyPoint: true)
        default: add(width: width, everyPoint: points == nil)
        }
    }

    /// One blur tap [½, 1, ½] along one axis for the lattice points in `points`: row p + 1 of
    /// `to` from row p + 1 of `from` and the rows of p's two neighbours, `links[2p]` and
    /// `links[2p + 1]`.
    @inline(__always)
    static func blur(
        _ points: Range<Int>, from: UnsafePointer<Float>, to: UnsafeMutablePointer<Float>, links: UnsafePointer<Int32>, width: Int
    ) {
        for p in points {
            VectorKernels.blur(to + (p &+ 1) &* width, from + (p &+ 1) &* width,
                               from + Int(links[2 &* p]) &* width, from + Int(links[2 &* p &+ 1]) &* width,
                               width: width)
        }
    }

    /// result[i] (+)= scale · postScale[i] · Σ_r weight_r · lattice[vertex_r] for the pixels in
    /// `pixels`, their vertices added in order, and each pixel's `channels`-value row written
    /// once: rows up to 24 wide (21 labels) are summed in registers, wider ones in a padded
    /// scratch row, in the same order of additions as accumulating in place.
    @inline(__always)
    static func slice(
        _ pixels: Range<Int>, of lattice: UnsafePointer<Float>, vertices: UnsafePointer<Int32>, weights: UnsafePointer<Float>,
        stride: Int, scale: Float, postScale: UnsafePointer<Float>?, into result: UnsafeMutablePointer<Float>, channels v: Int,
        accumulate: Bool
    ) {
        let width = VectorKernels.paddedWidth(v)
        if width <= 24 {
            // Up to three vectors: the row summed in registers, in the same order, without the
            // scratch row's copies in and out (most of the slice at two labels; at five, a third
            // of the mean-field time on one core; iterate 0.90× the scratch row's at 12 labels,
            // two threads at 800×600, and 0.84× at 21 labels, one core at 500×375).
            @inline(__always) func rows(vertexCount: Int) {
                for i in pixels {
                    let row = result + i &* v
                    let scaleOut = scale * (postScale?[i] ?? 1)
                    let base = i &* vertexCount
                    /// The row as `blocks` (0 to 2) 8-lane vectors and a last vector of `Last` (4
                    /// or 8 lanes) at 8·blocks: the whole blocks loaded and stored as vectors (the
                    /// row holds more than 8·blocks values), the last lane by lane, since the row
                    /// holds only some of its lanes.
                    @inline(__always) func blockSum<Last: SIMD>(blocks: Int, _: Last.Type) where Last.Scalar == Float {
                        let lastStart = 8 &* blocks
                        @inline(__always) func block(_ r: Int, _ b: Int) -> SIMD8<Float> {
                            let x = UnsafeRawPointer(lattice + Int(vertices[base &+ r]) &* width + 8 &* b).loadUnaligned(as: SIMD8<Float>.self)
                            return SIMD8(repeating: weights[base &+ r] * scaleOut) * x
                        }
                        @inline(__always) func last(_ r: Int) -> Last {
                            let x = UnsafeRawPointer(lattice + Int(vertices[base &+ r]) &* width + lastStart).loadUnaligned(as: Last.self)
                            return Last(repeating: weights[base &+ r] * scaleOut) * x
                        }
                        // Up to two whole blocks (24 lanes): three vectors in registers.
                        var b0 = blocks > 0 ? block(0, 0) : SIMD8(), b1 = blocks > 1 ? block(0, 1) : SIMD8(), tail = last(0)
                        if accumulate {
                            var old = Last()
                            for k in lastStart..<v { old[k &- lastStart] = row[k] }
                            if blocks > 0 { b0 = UnsafeRawPointer(row).loadUnaligned(as: SIMD8<Float>.self) + b0 }
                            if blocks > 1 { b1 = UnsafeRawPointer(row + 8).loadUnaligned(as: SIMD8<Float>.self) + b1 }
                            tail = old + tail
                        }
                        for r in 1..<vertexCount {
                            if blocks > 0 { b0 += block(r, 0) }
                            if blocks > 1 { b1 += block(r, 1) }
                            tail += last(r)
                        }
                        if blocks > 0 { UnsafeMutableRawPointer(row).storeBytes(of: b0, as: SIMD8<Float>.self) }
                        if blocks > 1 { UnsafeMutableRawPointer(row + 8).storeBytes(of: b1, as: SIMD8<Float>.self) }
                        for k in lastStart..<v { row[k] = tail[k &- lastStart] }
                    }
                    switch width {
                    case 24: blockSum(blocks: 2, SIMD8<Float>.self)
                    case 20: blockSum(blocks: 2, SIMD4<Float>.self)
                    case 16: blockSum(blocks: 1, SIMD8<Float>.self)
                    case 12: blockSum(blocks: 1, SIMD4<Float>.self)
                    case 8: blockSum(blocks: 0, SIMD8<Float>.self)
                    case 4: blockSum(blocks: 0, SIMD4<Float>.self)
                    case 2:
                        @inline(__always) func term(_ r: Int) -> SIMD2<Float> {
                            let x = UnsafeRawPointer(lattice + Int(vertices[base &+ r]) &* 2).loadUnaligned(as: SIMD2<Float>.self)
                            return SIMD2(repeating: weights[base &+ r] * scaleOut) * x
                        }
                        var total = term(0)
                        if accumulate { total = UnsafeRawPointer(row).loadUnaligned(as: SIMD2<Float>.self) + total }
                        for r in 1..<vertexCount { total += term(r) }
                        UnsafeMutableRawPointer(row).storeBytes(of: total, as: SIMD2<Float>.self)
                    default:
                        var total = weights[base] * scaleOut * lattice[Int(vertices[base])]
                        if accumulate { total = row[0] + total }
                        for r in 1..<vertexCount { total += weights[base &+ r] * scaleOut * lattice[Int(vertices[base &+ r])] }
                        row[0] = total
                    }
                }
            }
            // The vertex count of the spatial kernel (3) and of the bilateral one (6) as
            // constants, here and in the splat's narrowest rows: a loop of 3 or 6 passes counted
            // at run time costs its exit branch next to the little work a pass does at these
            // widths (two labels, 1920×1280, two threads: iterate 0.86–0.89× the counted loops').
            switch stride {
            case 3: rows(vertexCount: 3)
            case 6: rows(vertexCount: 6)
            default: rows(vertexCount: stride)
            }
            return
        }
        // More than 24 channels: each pixel's row summed in a padded scratch row (whose lanes
        // from `channels` on are 0 when accumulating).
        let sum = UnsafeMutablePointer<Float>.allocate(capacity: width)
        defer { sum.deallocate() }
        if accumulate { for k in v..<width { sum[k] = 0 } }
        for i in pixels {
            let row = result + i &* v
            let scaleOut = scale * (postScale?[i] ?? 1)
            let base = i &* stride
            if accumulate {
                VectorKernels.copy(sum, row, v)
                VectorKernels.axpyPadded(sum, lattice + Int(vertices[base]) &* width, weights[base] * scaleOut, width: width)
            } else {
                VectorKernels.scalePadded(sum, lattice + Int(vertices[base]) &* width, weights[base] * scaleOut, width: width)
            }
            for r in 1..<stride {
                VectorKernels.axpyPadded(sum, lattice + Int(vertices[base &+ r]) &* width, weights[base &+ r] * scaleOut, width: width)
            }
            VectorKernels.copy(row, sum, v)
        }
    }
}

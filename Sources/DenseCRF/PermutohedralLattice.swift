import Dispatch

/// The sparse permutohedral lattice of Adams, Baek & Davis (2010), as in Krähenbühl's densecrf.
///
/// Filtering a signal on N points with a Gaussian in a d-dimensional feature space costs
/// O(N·d²) instead of O(N²): values are splatted onto the vertices of the enclosing simplex
/// with barycentric weights, blurred with [1/2, 1, 1/2] along each of the d+1 lattice axes, and
/// sliced back with the same weights. Only points created by splatting exist; a missing
/// neighbour counts as zero and blurring creates no points. The blur passes do not commute on
/// this sparse lattice, so the axis order is fixed (0…d forward, d…0 for the transpose), which
/// is what makes the result agree with pydensecrf to float precision.
///
/// The lattice is built once per kernel and is immutable afterwards, so one lattice can serve
/// many concurrent filters, each with its own `LatticeWorkspace`.
public final class PermutohedralLattice: Sendable {
    /// Feature dimension d.
    public let dimension: Int
    /// Number of input points N (pixels).
    public let pixelCount: Int
    /// Number of lattice points M created by splatting.
    public let pointCount: Int

    /// Per pixel, its d+1 enclosing vertices as point index + 1 (0 is an always-zero pad point).
    let vertex: [Int32]
    /// Per pixel, the barycentric weights of those vertices (they sum to 1).
    let barycentric: [Float]
    /// For axis j and point p, at `2 * (j * M + p)`: the two blur neighbours as index + 1 (0 = none).
    let neighbours: [Int32]
    /// The slicing constant 1 / (1 + 2^-d) of the reference implementation.
    let alpha: Float

    /// The pixel ranges a splat is split into (see `spread`): fixed, so that results do not
    /// depend on the number of workers.
    static let pixelHalves = 2

    /// Largest magnitude a scaled feature may have. Beyond it lattice coordinates would lose
    /// integer precision in Float (2^24) once elevated; see `init`. (From eight dimensions up,
    /// features all near this bound can still pass 2^24: a limit of the reference's float
    /// arithmetic that this lattice shares.)
    public static let maximumFeatureMagnitude: Float = 1_048_576

    /// Builds the lattice for `features`, N rows of `dimension` values, already divided by the
    /// kernel widths (e.g. x/sxy, y/sxy, r/srgb…).
    ///
    /// A dimension whose values exceed `maximumFeatureMagnitude` (a width far below one pixel or
    /// one colour level) is compressed to that range: distinct values stay thousands of lattice
    /// units apart, where the Gaussian is zero either way, so the result is the same filter.
    public convenience init(features: [Float], dimension d: Int) {
        self.init(features: features, dimension: d, cancelled: nil)!
    }

    /// Builds the lattice unless `cancelled` says otherwise: it is asked every 1024 pixels or
    /// points in each loop of the build, which gives up (nil) soon after it first answers true.
    /// It must keep answering true from then on. The viewer cancels a run whose parameters
    /// changed while its lattices were being built. `chunks` forces the number of pixel ranges
    /// numbered side by side (by default one per worker, of at least 16 384 pixels each), so
    /// that tests can check that it changes nothing.
    init?(features: [Float], dimension d: Int, cancelled: (@Sendable () -> Bool)?, chunks: Int? = nil) {
        precondition(d >= 1, "feature dimension must be at least 1")
        precondition(features.count % d == 0 && !features.isEmpty, "features must be N rows of d values")
        let n = features.count / d
        dimension = d
        pixelCount = n
        let stride = d + 1

        // Compress dimensions that would overflow the key range (see the doc comment).
        let largest = Self.largestMagnitudes(features, dimension: d)
        let dimScale = largest.map { m -> Float in
            precondition(m.isFinite, "features must be finite")
            return m > Self.maximumFeatureMagnitude ? Self.maximumFeatureMagnitude / m : 1
        }

        // Scale factors of E (Adams et al. 2010, p.5) times the expected standard deviation,
        // computed in double and rounded to float as the reference does.
        let invStdDev = Float((2.0 / 3.0).squareRoot() * Double(d + 1))
        var scale = [Float](repeating: 0, count: d)
        for i in 0..<d {
            scale[i] = Float(1.0 / Double((i + 2) * (i + 1)).squareRoot() * Double(invStdDev)) * dimScale[i]
        }

        // The canonical simplex: vertex `r` of the simplex with ranks `rank` is
        // rem0 + canonical[r][rank], canonical[r][j] = r for j ≤ d - r, else r - (d + 1).
        var canonical = [Int32](repeating: 0, count: stride * stride)
        for r in 0...d {
            for j in 0...d { canonical[r * stride + j] = j <= d - r ? Int32(r) : Int32(r - stride) }
        }

        // Each pixel's simplex is located and its vertices numbered in one pass, in `chunks`
        // contiguous pixel ranges side by side, each numbering the points it meets in its own
        // hash table, in the order it first meets them. The tables are then merged in range
        // order into the first, so a point's index is the place of its first pixel in the whole
        // image, whatever the number of chunks: neighbouring pixels' points sit together in the
        // filter's value rows, and nothing depends on the workers. (The filter itself does not
        // depend on numbering: splatting sums each point's pixels in pixel order, blurring finds
        // neighbours by key, slicing reads each pixel's vertices in simplex order.) A chunk
        // hashes only its own pixels' vertices, so the build scales with the cores; merging
        // costs one lookup per point a later chunk met, a few per cent of the pixels' lookups.
        let entries = n * stride
        let chunks = max(1, min(n, chunks ?? min(Parallelism.workerCount, n / 16384)))
        // Every entry is written by `numberVertices` unless the build is cancelled (and then
        // dropped); left unfilled here, the arrays' pages are first touched by the workers, in
        // parallel, instead of zeroed on this thread.
        var vertex = [Int32](unsafeUninitializedCapacity: entries) { _, count in count = entries }
        var bary = [Float](unsafeUninitializedCapacity: entries) { _, count in count = entries }
        var tables = (0..<chunks).map { c in
            // About one point per 8 pixels on textured photographs; tables grow past that.
            LatticeHashTable(dimension: d, expectedPoints: max(64, ((c + 1) * n / chunks - c * n / chunks) / 8))
        }
        let finished = UnsafeMutableBufferPointer<Bool>.allocate(capacity: chunks)
        finished.initialize(repeating: false)
        defer { finished.deallocate() }
        features.withUnsafeBufferPointer { fp in
        canonical.withUnsafeBufferPointer { cn in
        vertex.withUnsafeMutableBufferPointer { vx in
        bary.withUnsafeMutableBufferPointer { bw in
            let input = SimplexInput(features: SharedConstPointer(fp.baseAddress!), scale: scale,
                                     canonical: SharedConstPointer(cn.baseAddress!), dimension: d)
            let vertexOut = SharedPointer(vx.baseAddress!), baryOut = SharedPointer(bw.baseAddress!)
            let chunkTables = tables
            let done = SharedPointer(finished.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                done[c] = Self.numberVertices(c * n / chunks..<(c + 1) * n / chunks, input, chunkTables[c], vertexOut, baryOut,
                                              cancelled: cancelled)
            }
        }}}}
        // A chunk that stopped early left entries unwritten: whatever `cancelled` says now.
        if finished.contains(false) { return nil }

        let table = tables[0]
        var renumber = [[Int32]]()
        for later in tables.dropFirst() {
            var map = [Int32](repeating: 0, count: later.count)
            for start in Swift.stride(from: 0, to: later.count, by: 1024) {
                if cancelled?() == true { return nil }
                map.withUnsafeMutableBufferPointer { m in
                    table.insert(rows: later.keys + start * d, count: min(1024, later.count - start), into: m.baseAddress! + start)
                }
            }
            renumber.append(map)
        }
        tables.removeSubrange(1...)
        let m = table.count
        pointCount = m
        // Stored as index + 1: 0 is the pad point.
        vertex.withUnsafeMutableBufferPointer { vx in
            let v = SharedPointer(vx.baseAddress!)
            let maps = renumber
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let range = (c * n / chunks) * stride..<((c + 1) * n / chunks) * stride
                if c == 0 {
                    for e in range { v[e] &+= 1 }
                } else {
                    maps[c - 1].withUnsafeBufferPointer { map in
                        for e in range { v[e] = map[Int(v[e])] &+ 1 }
                    }
                }
            }
        }

        // Blur neighbours: along axis j a point moves by ±((d+1)e_j − 1). The relation is
        // symmetric (q is p's + neighbour exactly when p is q's − neighbour), so each point
        // looks up only its + neighbours and, finding q, also writes itself as q's −
        // neighbour: half the lookups of asking both ways. Each − entry has one writer (its
        // only + neighbour), and entries never found stay 0 (no neighbour).
        var neighbours = [Int32](repeating: 0, count: 2 * stride * m)
        neighbours.withUnsafeMutableBufferPointer { nb in
            let links = SharedPointer(nb.baseAddress!)
            parallelChunks(m, grain: 1024) { range in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: d) { buffer in
                    let plus = buffer.baseAddress!
                    for p in range {
                        if p & 1023 == 0, cancelled?() == true { return }
                        let key = table.keys + p * d
                        for j in 0...d {
                            for k in 0..<d { plus[k] = key[k] &- 1 }
                            if j < d { plus[j] = key[j] &+ Int32(d) }
                            let q = table.find(plus, hash: LatticeHashTable.hash(plus, d))
                            if q >= 0 {
                                links[2 &* (j &* m &+ p)] = q &+ 1
                                links[2 &* (j &* m &+ Int(q)) &+ 1] = Int32(truncatingIfNeeded: p &+ 1)
                            }
                        }
                    }
                }
            }
        }
        if cancelled?() == true { return nil }

        self.vertex = vertex
        self.barycentric = bary
        self.neighbours = neighbours
        self.alpha = 1 / (1 + Float.pow2(-d))
    }

    /// The largest magnitude of each of the `d` dimensions of `features` (N rows of d), split
    /// across cores.
    private static func largestMagnitudes(_ features: [Float], dimension d: Int) -> [Float] {
        let n = features.count / d
        let parts = max(1, min(Parallelism.workerCount * 4, n / 65536))
        var partial = [Float](repeating: 0, count: parts * d)
        features.withUnsafeBufferPointer { fp in
            partial.withUnsafeMutableBufferPointer { pp in
                let f = SharedConstPointer(fp.baseAddress!), out = SharedPointer(pp.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    // By blocks of pixels that stay in cache, one dimension at a time, with four
                    // running maxima in registers (one is a chain of dependent selects).
                    let pixels = (part * n / parts)..<((part + 1) * n / parts)
                    for block in Swift.stride(from: pixels.lowerBound, to: pixels.upperBound, by: 4096) {
                        let rows = block..<min(block &+ 4096, pixels.upperBound)
                        for k in 0..<d {
                            let column = f.base + k
                            var (m0, m1, m2, m3) = (out[part &* d &+ k], Float(0), Float(0), Float(0))
                            var i = rows.lowerBound
                            while i &+ 4 <= rows.upperBound {
                                m0 = max(m0, abs(column[i &* d]))
                                m1 = max(m1, abs(column[(i &+ 1) &* d]))
                                m2 = max(m2, abs(column[(i &+ 2) &* d]))
                                m3 = max(m3, abs(column[(i &+ 3) &* d]))
                                i &+= 4
                            }
                            while i < rows.upperBound {
                                m0 = max(m0, abs(column[i &* d]))
                                i &+= 1
                            }
                            out[part &* d &+ k] = max(max(m0, m1), max(m2, m3))
                        }
                    }
                }
            }
        }
        return (0..<d).map { k in (0..<parts).reduce(Float(0)) { max($0, partial[$1 * d + k]) } }
    }

    /// What `numberVertices` reads: the features, the per-dimension scale of the elevation, and
    /// the canonical simplex (see `init`).
    private struct SimplexInput: Sendable {
        let features: SharedConstPointer<Float>
        let scale: [Float]
        let canonical: SharedConstPointer<Int32>
        let dimension: Int
    }

    /// For each pixel of `range`: locates its enclosing simplex and barycentric weights
    /// (`SimplexLocator`, eight pixels at a time), then numbers the simplex's vertices in
    /// `table`, whose key is a vertex's first d coordinates (rem0 + canonical[r][rank]).
    ///
    /// A simplex spans a few pixels at the usual widths, so most pixels fall in a simplex that a
    /// pixel shortly before them (to their left, or a row or two above) already numbered. A
    /// direct-mapped cache of recent simplices (`simplexCacheEntries`, indexed by
    /// `SimplexLocator.simplexHash`) gives those pixels their d+1 vertices in one comparison
    /// instead of d+1 hash-table lookups: on textured photographs it answers 65–74% of the pixels
    /// for the spatial kernel and 53–74% for the bilateral one, where the predecessor alone
    /// answered 39% and 16–19%. The numbering is the same, since a cached simplex's points all
    /// exist already. Scratch rows are raw memory: with arrays, bounds checks cost as much as the
    /// arithmetic of this per-pixel loop. False when `cancelled` stopped it, with pixels left
    /// unwritten.
    private static func numberVertices(
        _ range: Range<Int>, _ input: SimplexInput, _ table: LatticeHashTable,
        _ vertexOut: SharedPointer<Int32>, _ baryOut: SharedPointer<Float>, cancelled: (@Sendable () -> Bool)?
    ) -> Bool {
        let d = input.dimension, stride = d &+ 1
        let (f, canonical) = (input.features.base, input.canonical.base)
        let locator = SimplexLocator(dimension: d, scale: input.scale)
        // An entry is a simplex (remainder-0 point, then ranks: 2(d+1) values) and its d+1
        // vertex indices; a rank of -1 never matches. No more entries than pixels.
        var entries = 64
        while entries < min(simplexCacheEntries, range.count) { entries <<= 1 }
        let entrySize = 3 &* stride, cacheMask = entries &- 1
        let cache = UnsafeMutablePointer<Int32>.allocate(capacity: entries &* entrySize)
        cache.initialize(repeating: -1, count: entries &* entrySize)
        defer { cache.deallocate() }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * stride + stride * d) { simplexScratch in
            // The current pixel's simplex (remainder-0 point, then ranks) and its vertices' keys.
            let simplex = simplexScratch.baseAddress!, keys = simplex + 2 * stride
            var group = range.lowerBound
            while group < range.upperBound {
                if (group &- range.lowerBound) & 1023 == 0, cancelled?() == true { return false }
                let count = min(SimplexLocator.laneCount, range.upperBound &- group)
                locator.locate(f + group &* d, count: count, weights: baryOut.base + group &* stride)
                for lane in 0..<count {
                    let i = group &+ lane
                    let out = i &* stride
                    for k in 0...d {
                        simplex[k] = locator.remainder0(k, lane: lane)
                        simplex[stride &+ k] = locator.rank(k, lane: lane)
                    }
                    let entry = cache + (locator.simplexHash(lane: lane) & cacheMask) &* entrySize
                    var difference: Int32 = 0
                    for k in 0..<(2 &* stride) { difference |= entry[k] ^ simplex[k] }
                    if difference == 0 {
                        for r in 0...d { vertexOut[out &+ r] = entry[2 &* stride &+ r] }
                        continue
                    }
                    for r in 0...d {
                        let offsets = canonical + r &* stride, key = keys + r &* d
                        for k in 0..<d { key[k] = simplex[k] &+ offsets[Int(simplex[stride &+ k])] }
                    }
                    table.insert(rows: keys, count: stride, into: vertexOut.base + out)
                    for k in 0..<(2 &* stride) { entry[k] = simplex[k] }
                    for r in 0...d { entry[2 &* stride &+ r] = vertexOut[out &+ r] }
                }
                group &+= count
            }
            return true
        }
    }

    /// Entries of `numberVertices`' simplex cache: a few rows' simplices of a large image
    /// (16 384 entries answered 6–12 more of every 100 pixels than 4 096 at 1920×1280; 1.2 MB
    /// at five dimensions, in the core's L2).
    static let simplexCacheEntries = 16384

    /// Filters `channels` values per pixel (pixel-major) from `input` into `output`.
    ///
    /// `preScale` multiplies each pixel's input before splatting and `postScale` its output
    /// after slicing; kernels use them for normalisation so that it costs no extra pass.
    /// `input` and `output` may be the same buffer: splatting reads all of the input before
    /// slicing writes any output. The result is multiplied by `gain` and, with `accumulate`,
    /// added to what `output` holds: a Potts compatibility (−w·I) then costs no extra pass.
    /// `reverse` runs the blur axes in reverse order, which is the exact transpose of the
    /// forward filter (splat and slice are transposes of each other; each axis blur is
    /// symmetric), as gradients need.
    public func filter(
        _ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, channels v: Int,
        reverse: Bool = false, preScale: UnsafePointer<Float>? = nil, postScale: UnsafePointer<Float>? = nil,
        gain: Float = 1, accumulate: Bool = false, workspace: LatticeWorkspace
    ) {
        spread(input, channels: v, reverse: reverse, preScale: preScale, workspace: workspace)
        slice(into: output, channels: v, postScale: postScale, gain: gain, accumulate: accumulate, workspace: workspace)
    }

    /// The first half of `filter`: splats `input` onto the lattice and blurs it, leaving the
    /// values in `workspace` for `slice`. Splitting the two lets several kernels read the same
    /// input before any of them writes over it (`MeanFieldStep.stepInPlace`).
    func spread(
        _ input: UnsafePointer<Float>, channels v: Int, reverse: Bool = false, preScale: UnsafePointer<Float>? = nil,
        workspace: LatticeWorkspace
    ) {
        let d = dimension, stride = d + 1, m = pointCount, n = pixelCount
        let width = VectorKernels.paddedWidth(v)
        workspace.reserve(points: m + 1, width: width)
        var values = SharedPointer(workspace.first)
        var next = SharedPointer(workspace.second)
        let pre = preScale.map(SharedConstPointer.init)

        // Splatting reads `width` values per pixel row, past the row into the next pixels'.
        // The last `tailCount` pixels have fewer than `width - v` values after them (the last
        // one for three channels, width 4), so their rows are read from a zero-padded copy.
        let tailCount = min(n, (width - v + v - 1) / v)
        let tailStart = n - tailCount
        workspace.reserveTail(tailCount * v + width)
        let tail = SharedPointer(workspace.tail)
        VectorKernels.copy(tail.base, input + tailStart * v, tailCount * v)
        for k in (tailCount * v)..<(tailCount * v + width) { tail[k] = 0 }
        let inp = SharedConstPointer(input)

        // Splatting scatters the pixels in order into their vertices' rows: the input is read
        // as one stream and the lattice's values (a few MB at most) stay in cache, where
        // gathering each point's pixels read them from all over the image. The image is split
        // into two fixed halves (`pixelHalves`): the first half sums into `values`, the second
        // into `next` (the blur's other buffer, free until the blur), and the two are added
        // before blurring, so every point is the sum of its two halves' pixels, each in pixel
        // order, whatever the number of workers. Two halves keep two cores busy without extra
        // memory and without scanning: split by point instead, each worker read every pixel's
        // vertices and tested each one against its range, which cost as much as the additions
        // it skipped (at 500×375 with 21 labels the bilateral splat took as long on two cores as
        // on one). Beyond two workers, each half is further split by point in that way.
        let halves = Self.pixelHalves
        let pointParts = min(max(1, Parallelism.workerCount / halves), max(1, m / 1024))
        let rows = (m + 1) * width
        vertex.withUnsafeBufferPointer { vx in
        barycentric.withUnsafeBufferPointer { bw in
            let vp = SharedConstPointer(vx.baseAddress!)
            let w = SharedConstPointer(bw.baseAddress!)
            let sums = [values, next]
            DispatchQueue.concurrentPerform(iterations: pointParts * halves) { job in
                // Stored indices are point + 1; the pad point 0 is never a vertex and stays zero.
                let part = job % pointParts, half = job / pointParts
                let lo = Int32(truncatingIfNeeded: 1 + part * m / pointParts), hi = Int32(truncatingIfNeeded: 1 + (part + 1) * m / pointParts)
                let out = sums[half].base
                let cleared = part == 0 ? 0 : Int(lo)
                (out + cleared &* width).update(repeating: 0, count: (Int(hi) &- cleared) &* width)
                let points = pointParts == 1 ? nil : lo..<hi
                InstructionSet.kernels.splat((half * n / halves)..<((half + 1) * n / halves), from: inp.base, channels: v,
                                             tail: tail.base, tailStart: tailStart, preScale: pre?.base, vertices: vp.base, weights: w.base,
                                             stride: stride, points: points, into: out, width: width)
            }
            let (first, second) = (values, next)
            parallelChunks(rows, grain: 65536) { range in
                VectorKernels.add(first.base + range.lowerBound, second.base + range.lowerBound, range.count)
            }
        }}

        neighbours.withUnsafeBufferPointer { nb in
            let nbp = SharedConstPointer(nb.baseAddress!)
            for step in 0...d {
                let j = reverse ? d - step : step
                let src = values, dst = next
                parallelChunks(m, grain: 512) { range in
                    InstructionSet.kernels.blur(range, from: src.base, to: dst.base, links: nbp.base + 2 * j * m, width: width)
                }
                swap(&values, &next)
            }
        }
        workspace.blurred = (values.base, channels: v)
    }

    /// The second half of `filter`: slices the values the last `spread` into `workspace` left
    /// into `output`. Each pixel's d+1 vertex rows are summed in a padded scratch row and the
    /// caller's row is written once, in the same order of additions as accumulating in place.
    func slice(
        into output: UnsafeMutablePointer<Float>, channels v: Int, postScale: UnsafePointer<Float>? = nil,
        gain: Float = 1, accumulate: Bool = false, workspace: LatticeWorkspace
    ) {
        let values = SharedConstPointer(workspace.blurredValues(channels: v))
        let out = SharedPointer(output), post = postScale.map(SharedConstPointer.init)
        parallelChunks(pixelCount, grain: 1024) { range in
            slice(range, of: values.base, into: out.base, channels: v, postScale: post?.base, gain: gain, accumulate: accumulate)
        }
    }

    /// `slice` of the pixels in `range` only, from `values` (`LatticeWorkspace.blurredValues`), on
    /// the calling thread; several threads may slice disjoint ranges of one spread at once.
    /// `MeanFieldStep.stepInPlace` slices every kernel and takes the softmax one cache-sized
    /// block of pixels at a time.
    func slice(
        _ range: Range<Int>, of values: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, channels v: Int,
        postScale: UnsafePointer<Float>?, gain: Float, accumulate: Bool
    ) {
        vertex.withUnsafeBufferPointer { vx in
        barycentric.withUnsafeBufferPointer { bw in
            InstructionSet.kernels.slice(range, of: values, vertices: vx.baseAddress!, weights: bw.baseAddress!, stride: dimension + 1,
                                         scale: alpha * gain, postScale: postScale, into: output, channels: v, accumulate: accumulate)
        }}
    }
}

/// Scratch memory for `PermutohedralLattice.filter`: two (M+1)×width value buffers (rows
/// padded to whole vectors, see `VectorKernels.paddedWidth`) and a zero-padded copy of the last
/// pixels' rows.
///
/// Kept by the caller and reused across mean-field steps so a step allocates nothing.
public final class LatticeWorkspace {
    private(set) var first: UnsafeMutablePointer<Float>
    private(set) var second: UnsafeMutablePointer<Float>
    private(set) var tail: UnsafeMutablePointer<Float>
    /// Where the last `spread` left its blurred values (one of the two value buffers), and for
    /// how many channels; nil until then and after the buffers are reallocated.
    var blurred: (values: UnsafeMutablePointer<Float>, channels: Int)?

    /// The blurred values the last `spread` of `channels` channels left, for slicing.
    func blurredValues(channels: Int) -> UnsafePointer<Float> {
        guard let (values, spread) = blurred, spread == channels else {
            preconditionFailure("slicing \(channels) channels without their spread")
        }
        return UnsafePointer(values)
    }
    private var capacity = 0
    private var tailCapacity = 0

    public init() {
        first = .allocate(capacity: 1)
        second = .allocate(capacity: 1)
        tail = .allocate(capacity: 1)
        capacity = 1
        tailCapacity = 1
    }

    deinit {
        first.deallocate()
        second.deallocate()
        tail.deallocate()
    }

    func reserveTail(_ count: Int) {
        guard count > tailCapacity else { return }
        tail.deallocate()
        tail = .allocate(capacity: count)
        tailCapacity = count
    }

    func reserve(points: Int, width: Int) {
        let needed = points * width
        guard needed > capacity else { return }
        first.deallocate()
        second.deallocate()
        blurred = nil
        first = .allocate(capacity: needed)
        second = .allocate(capacity: needed)
        capacity = needed
    }
}

extension Float {
    /// 2^e for small integer e, exact.
    static func pow2(_ e: Int) -> Float { Float(sign: .plus, exponent: e, significand: 1) }
}

/// The loops that take most of a mean-field step (`SoftmaxRows`, `LatticeRows`, over
/// `VectorKernels`), as one compiled build of them. Two modules compile this file and the three
/// it calls: this one (DenseCRF), for any x86-64 CPU, and `SIMDKernelsAVX2`, whose copies are
/// links to these files, with AVX2, which a CPU without it cannot run, so the engine asks the
/// CPU which to call (`InstructionSet`). The loops are internal to each module rather than
/// shared from a third: an inlinable function a module does not inline is emitted as one
/// symbol for every module that uses it, and the linker keeps one copy, so a baseline caller
/// could end up in the AVX2 copy. The CI checks the built binary for AVX instructions outside
/// `SIMDKernelsAVX2` (`.ci/simd-builds.sh`).
package enum MeanFieldLoops {
    package static func softmaxUpdate(
        _ count: Int, _ l: Int, unary u: UnsafePointer<Float>, pairwise: UnsafePointer<Float>?,
        into q: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>?
    ) -> Int {
        SoftmaxRows.update(count, l, unary: u, pairwise: pairwise, into: q, labels: labels)
    }

    package static func splat(
        _ pixels: Range<Int>, from input: UnsafePointer<Float>, channels v: Int, tail: UnsafePointer<Float>, tailStart: Int,
        preScale: UnsafePointer<Float>?, vertices: UnsafePointer<Int32>, weights: UnsafePointer<Float>, stride: Int,
        points: Range<Int32>?, into out: UnsafeMutablePointer<Float>, width: Int
    ) {
        LatticeRows.splat(pixels, from: input, channels: v, tail: tail, tailStart: tailStart, preScale: preScale,
                          vertices: vertices, weights: weights, stride: stride, points: points, into: out, width: width)
    }

    package static func blur(
        _ points: Range<Int>, from: UnsafePointer<Float>, to: UnsafeMutablePointer<Float>, links: UnsafePointer<Int32>, width: Int
    ) {
        LatticeRows.blur(points, from: from, to: to, links: links, width: width)
    }

    package static func slice(
        _ pixels: Range<Int>, of lattice: UnsafePointer<Float>, vertices: UnsafePointer<Int32>, weights: UnsafePointer<Float>,
        stride: Int, scale: Float, postScale: UnsafePointer<Float>?, into result: UnsafeMutablePointer<Float>, channels v: Int,
        accumulate: Bool
    ) {
        LatticeRows.slice(pixels, of: lattice, vertices: vertices, weights: weights, stride: stride, scale: scale,
                          postScale: postScale, into: result, channels: v, accumulate: accumulate)
    }
}

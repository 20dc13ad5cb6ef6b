internal import SIMDKernelsAVX2

/// `MeanFieldLoops`' functions, for choosing between its two builds: this module's and
/// `SIMDKernelsAVX2`'s (`InstructionSet.kernels`).
protocol RowKernels: SendableMetatype {
    /// `SoftmaxRows.update`.
    static func softmaxUpdate(
        _ count: Int, _ l: Int, unary u: UnsafePointer<Float>, pairwise: UnsafePointer<Float>?,
        into q: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>?
    ) -> Int

    /// `LatticeRows.splat`.
    static func splat(
        _ pixels: Range<Int>, from input: UnsafePointer<Float>, channels v: Int, tail: UnsafePointer<Float>, tailStart: Int,
        preScale: UnsafePointer<Float>?, vertices: UnsafePointer<Int32>, weights: UnsafePointer<Float>, stride: Int,
        points: Range<Int32>?, into out: UnsafeMutablePointer<Float>, width: Int
    )

    /// `LatticeRows.blur`.
    static func blur(
        _ points: Range<Int>, from: UnsafePointer<Float>, to: UnsafeMutablePointer<Float>, links: UnsafePointer<Int32>, width: Int
    )

    /// `LatticeRows.slice`.
    static func slice(
        _ pixels: Range<Int>, of lattice: UnsafePointer<Float>, vertices: UnsafePointer<Int32>, weights: UnsafePointer<Float>,
        stride: Int, scale: Float, postScale: UnsafePointer<Float>?, into result: UnsafeMutablePointer<Float>, channels v: Int,
        accumulate: Bool
    )
}

extension MeanFieldLoops: RowKernels {}
extension SIMDKernelsAVX2.MeanFieldLoops: RowKernels {}

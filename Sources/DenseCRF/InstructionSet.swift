internal import CPUFeatures
internal import SIMDKernelsAVX2

/// What the CPU running the engine can execute beyond the x86-64 baseline the engine is
/// compiled for, asked once, and the build of the hot loops that follows from it.
public enum InstructionSet {
    /// AVX2 usable here (CPU and operating system).
    public static let hasAVX2 = crf_cpu_has_avx2() != 0

    /// The mean-field step's loops: their AVX2 build where the CPU has AVX2. Both builds give
    /// the same results to the bit (`KernelBuildsTests`, and the CI's run of `infer` on an
    /// emulated CPU without AVX2 against the same run on this one).
    static let kernels = hasAVX2 ? avx2 : baseline

    /// Which build `kernels` is, as `crfview bench` reports it.
    public static var loopsBuild: String { hasAVX2 ? "avx2" : "baseline" }

    /// This module's build, for any x86-64 CPU.
    static let baseline: any RowKernels.Type = MeanFieldLoops.self

    /// `SIMDKernelsAVX2`'s build, only for a CPU where `hasAVX2`.
    static let avx2: any RowKernels.Type = SIMDKernelsAVX2.MeanFieldLoops.self
}

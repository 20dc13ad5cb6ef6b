import CRFTestSupport
import Glibc
import RealModule
import Testing
@testable import DenseCRF

/// The lattice against an exact O(N²) Gaussian filter on images of a few hundred pixels.
///
/// The permutohedral lattice is an approximation: Adams et al. (2010) scale the lattice so
/// its blur matches a Gaussian of the feature scale, but splatting to simplex vertices adds
/// resampling error. Measured on the fixtures below (relative RMS error of the
/// symmetric-normalised filter applied to noisy marginals, the signals mean-field filters):
/// 1.1% for the 2-D spatial kernel (sxy 3), 2.3% for the 5-D bilateral kernel on a two-region
/// image, 1.1% in 1-D, 4.2% in 7-D, and 0.07% for a width far beyond the image (a global
/// mean). The bounds asserted are about 1.5 times those figures. The error grows for white
/// noise (up to ~25% in 5-D), whose high frequencies the lattice's resampling smears; it is
/// the same error pydensecrf has, which is why conformance is judged against its lattice.
@Suite struct PermutohedralLatticeTests {
    /// K(Q)_i = D_i Σ_j exp(−|f_i − f_j|²/2) D_j Q_j with D = 1/sqrt(Σ_j k_ij), self included.
    static func exactSymmetric(features f: [Float], dimension d: Int, values: [Float], channels v: Int) -> [Float] {
        let n = f.count / d
        var k = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var dist = 0.0
                for c in 0..<d { let t = Double(f[i * d + c] - f[j * d + c]); dist += t * t }
                k[i * n + j] = Double.exp(-dist / 2)
            }
        }
        let norm = (0..<n).map { i in 1 / (0..<n).reduce(0.0) { $0 + k[i * n + $1] }.squareRoot() }
        var out = [Float](repeating: 0, count: n * v)
        for i in 0..<n {
            for c in 0..<v {
                var s = 0.0
                for j in 0..<n { s += k[i * n + j] * norm[j] * Double(values[j * v + c]) }
                out[i * v + c] = Float(s * norm[i])
            }
        }
        return out
    }

    static func relativeRMS(_ a: [Float], _ b: [Float]) -> Double {
        var num = 0.0, den = 0.0
        for i in 0..<a.count {
            num += Double(a[i] - b[i]) * Double(a[i] - b[i])
            den += Double(b[i]) * Double(b[i])
        }
        return (num / den).squareRoot()
    }

    static func lattice(_ kernel: DenseKernel, _ values: [Float], channels: Int, transpose: Bool = false) -> [Float] {
        var out = [Float](repeating: 0, count: values.count)
        let ws = LatticeWorkspace()
        values.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                kernel.apply(i.baseAddress!, into: o.baseAddress!, channels: channels, transpose: transpose, workspace: ws)
            }
        }
        return out
    }

    /// Marginal-like signals, what mean-field filters: noisy per-pixel probabilities of
    /// `channels` labels that favour a left/right split (pixel-major).
    static func signal(_ count: Int, seed: UInt64, channels: Int = 1, width: Int = 20) -> [Float] {
        let pixels = count / channels
        let p = TestImages.noisyProbabilities(width: width, height: pixels / width, labels: max(channels, 2), seed: seed)
        return (0..<count).map { e in p[(e % channels) * pixels + e / channels] }
    }

    @Test func spatialKernelMatchesExactGaussian() {
        let (w, h, v) = (20, 15, 3)
        let f = KernelFeatures.gaussian(width: w, height: h, sxy: 3)
        let x = Self.signal(w * h * v, seed: 3, channels: v, width: w)
        let err = Self.relativeRMS(Self.lattice(DenseKernel(features: f, dimension: 2), x, channels: v),
                                   Self.exactSymmetric(features: f, dimension: 2, values: x, channels: v))
        #expect(err < 0.017, "relative RMS error \(err)")
    }

    @Test func bilateralKernelMatchesExactGaussian() {
        let image = TestImages.twoRegions(width: 18, height: 14)
        let f = KernelFeatures.bilateral(image: image, sxy: 5, srgb: 20)
        let x = Self.signal(image.pixelCount * 2, seed: 5, channels: 2, width: 18)
        let err = Self.relativeRMS(Self.lattice(DenseKernel(features: f, dimension: 5), x, channels: 2),
                                   Self.exactSymmetric(features: f, dimension: 5, values: x, channels: 2))
        #expect(err < 0.035, "relative RMS error \(err)")
    }

    @Test func veryWideKernelIsNearlyExact() {
        let (w, h) = (16, 12)
        let f = KernelFeatures.gaussian(width: w, height: h, sxy: 1000)
        let x = Self.signal(w * h, seed: 9, width: w)
        let err = Self.relativeRMS(Self.lattice(DenseKernel(features: f, dimension: 2), x, channels: 1),
                                   Self.exactSymmetric(features: f, dimension: 2, values: x, channels: 1))
        #expect(err < 0.0012, "relative RMS error \(err)")
    }

    @Test(arguments: KernelNormalization.allCases)
    func transposeIsTheAdjoint(_ normalization: KernelNormalization) {
        // <K x, y> = <x, Kᵀ y> to float precision, for every normalisation.
        let image = TestImages.twoRegions(width: 17, height: 13)
        let kernel = DenseKernel(features: KernelFeatures.bilateral(image: image, sxy: 4, srgb: 15), dimension: 5, normalization: normalization)
        let x = Self.signal(image.pixelCount * 2, seed: 21, channels: 2, width: 17), y = Self.signal(image.pixelCount * 2, seed: 22, channels: 2, width: 17)
        let kx = Self.lattice(kernel, x, channels: 2), kty = Self.lattice(kernel, y, channels: 2, transpose: true)
        let lhs = zip(kx, y).reduce(0.0) { $0 + Double($1.0 * $1.1) }
        let rhs = zip(x, kty).reduce(0.0) { $0 + Double($1.0 * $1.1) }
        #expect(abs(lhs - rhs) / abs(lhs) < 1e-5, "\(lhs) vs \(rhs)")
    }

    @Test func constantSignalIsPreservedUnderAfterNormalisation() {
        // Lat(1/n) sliced: "after" normalisation maps a constant to itself exactly by design.
        let f = KernelFeatures.gaussian(width: 12, height: 9, sxy: 2)
        let kernel = DenseKernel(features: f, dimension: 2, normalization: .after)
        let out = Self.lattice(kernel, [Float](repeating: 2.5, count: 108), channels: 1)
        for v in out { #expect(abs(v - 2.5) < 1e-5) }
    }

    @Test func higherDimensionalFeatures() {
        // d = 7: position plus five smooth extra channels (depth-like), 15x10 pixels.
        let (w, h, d) = (15, 10, 7)
        var f = [Float]()
        for y in 0..<h {
            for x in 0..<w {
                let (fx, fy) = (Float(x) / 3, Float(y) / 3)
                f += [fx, fy, Float.sin(fx), Float.cos(fy), Float.sin(fx + fy), fx * fy / 10, x < w / 2 ? 0 : 2]
            }
        }
        let n = w * h
        let x = Self.signal(n, seed: 8, width: w)
        let err = Self.relativeRMS(Self.lattice(DenseKernel(features: f, dimension: d), x, channels: 1),
                                   Self.exactSymmetric(features: f, dimension: d, values: x, channels: 1))
        #expect(err < 0.065, "relative RMS error \(err)")
    }

    @Test func oneDimensionalFeatures() {
        let f: [Float] = (0..<200).map { Float($0) / 4 }
        let x = Self.signal(200, seed: 12, width: 20)
        let err = Self.relativeRMS(Self.lattice(DenseKernel(features: f, dimension: 1), x, channels: 1),
                                   Self.exactSymmetric(features: f, dimension: 1, values: x, channels: 1))
        #expect(err < 0.017, "relative RMS error \(err)")
    }

    /// With a gain and `accumulate`, slicing adds gain·K(x) to what each output row holds and
    /// touches nothing else, for every row width (up to 24 channels summed in registers, 25
    /// through the scratch row), each pixel's row next to its neighbours'.
    @Test(arguments: [1, 2, 3, 4, 5, 8, 9, 13, 17, 21, 25])
    func gainAndAccumulationAddToTheOutput(_ channels: Int) {
        let (w, h) = (23, 17)
        let kernel = DenseKernel(features: KernelFeatures.gaussian(width: w, height: h, sxy: 2), dimension: 2)
        let x = Self.signal(w * h * channels, seed: 41, channels: channels, width: w)
        var random = XorShift(seed: 43)
        let before = (0..<(w * h * channels)).map { _ in random.float() - 0.5 }
        var out = before
        x.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                kernel.apply(i.baseAddress!, into: o.baseAddress!, channels: channels, gain: -2.5, accumulate: true, workspace: LatticeWorkspace())
            }
        }
        let filtered = Self.lattice(kernel, x, channels: channels)
        let worst = (0..<out.count).map { abs(out[$0] - (before[$0] - 2.5 * filtered[$0])) }.max()!
        #expect(worst < 1e-5, "\(channels) channels: largest error \(worst)")
    }

    /// Every row width filters each channel exactly as the one-channel filter does: splatting,
    /// blurring and slicing rows up to 24 wide as vectors in registers, and wider ones through
    /// the scratch row, is the scalar loops' arithmetic lane by lane, in the same order. Both
    /// kernels (3 and 6 vertices a pixel) on a photo-like image, forward and transposed.
    @Test(arguments: [3, 5, 8, 11, 13, 16, 19, 21, 24, 25, 30])
    func everyChannelIsFilteredAsIfAlone(_ channels: Int) {
        let (w, h) = (40, 30)
        let image = TestImages.twoRegions(width: w, height: h)
        let kernels = [
            DenseKernel(features: KernelFeatures.gaussian(width: w, height: h, sxy: 3), dimension: 2),
            DenseKernel(features: KernelFeatures.bilateral(image: image, sxy: 8, srgb: 13), dimension: 5),
        ]
        let x = Self.signal(w * h * channels, seed: 47, channels: channels, width: w)
        for (k, kernel) in kernels.enumerated() {
            for transpose in [false, true] {
                let all = Self.lattice(kernel, x, channels: channels, transpose: transpose)
                for c in 0..<channels {
                    let alone = Self.lattice(kernel, (0..<(w * h)).map { x[$0 * channels + c] }, channels: 1, transpose: transpose)
                    let differing = (0..<(w * h)).filter { all[$0 * channels + c] != alone[$0] }.count
                    #expect(differing == 0, "kernel \(k), transpose \(transpose): channel \(c) of \(channels) differs at \(differing) pixels")
                }
            }
        }
    }

    /// Pixel ranges numbered side by side and merged give the lattice one range gives, point
    /// for point: points are numbered in the order of their first pixel in the whole image, on
    /// a photo-like image (`TestImages.twoRegions` with noise) of 9 600 pixels in 2-D and 5-D.
    @Test(arguments: [2, 5])
    func numberingDoesNotDependOnChunks(_ d: Int) throws {
        let (w, h) = (120, 80)
        let image = TestImages.twoRegions(width: w, height: h)
        let features = d == 2 ? KernelFeatures.gaussian(width: w, height: h, sxy: 3)
                              : KernelFeatures.bilateral(image: image, sxy: 10, srgb: 13)
        let one = try #require(PermutohedralLattice(features: features, dimension: d, cancelled: nil, chunks: 1))
        #expect(one.pointCount > 100)
        for chunks in [2, 3, 7] {
            let split = try #require(PermutohedralLattice(features: features, dimension: d, cancelled: nil, chunks: chunks))
            #expect(split.pointCount == one.pointCount, "\(chunks) chunks")
            #expect(split.vertex == one.vertex, "\(chunks) chunks")
            #expect(split.barycentric == one.barycentric, "\(chunks) chunks")
            #expect(split.neighbours == one.neighbours, "\(chunks) chunks")
        }
    }

    /// Splatting reads whole padded rows, past a pixel's own values. An input that ends
    /// exactly at an inaccessible page must still be read only within its bounds (one channel
    /// once read 3 floats past the end, caught by AddressSanitizer), and give the same result
    /// as the same values elsewhere.
    @Test(arguments: [1, 2, 3, 5, 7])
    func inputEndingAtAGuardPageIsReadWithinBounds(_ channels: Int) throws {
        let (w, h) = (11, 7)
        let count = w * h * channels
        let x = Self.signal(count, seed: 31, channels: channels, width: w)
        let kernel = DenseKernel(features: KernelFeatures.gaussian(width: w, height: h, sxy: 2), dimension: 2)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let bytes = count * MemoryLayout<Float>.stride
        let span = (bytes + page - 1) / page * page
        let region = try #require(mmap(nil, span + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        #expect(region != MAP_FAILED)
        defer { munmap(region, span + page) }
        #expect(mprotect(region + span, page, PROT_NONE) == 0)
        let input = (region + span - bytes).bindMemory(to: Float.self, capacity: count)
        input.update(from: x, count: count)
        var out = [Float](repeating: 0, count: count)
        out.withUnsafeMutableBufferPointer { o in
            kernel.apply(UnsafePointer(input), into: o.baseAddress!, channels: channels, workspace: LatticeWorkspace())
        }
        #expect(out == Self.lattice(kernel, x, channels: channels))
    }
}

import CRFApp
import CRFIO
import DenseCRF
import Testing

/// The marginals file is (L, H, W) whatever order Q is held in; it is filled straight from the
/// pixel-major Q (`MatrixTranspose.write`), in blocks of pixels, without a transposed copy.
@Suite struct ResultFilesTests {
    @Test(arguments: [false, true])
    func marginalsAreLabelMajor(float16: Bool) throws {
        // 50×50 pixels cross the 1024-pixel blocks; values exact in float16 (k/64, k < 512).
        let (width, height, l) = (50, 50, 3)
        let n = width * height
        let q = Marginals(values: (0..<(n * l)).map { Float(($0 * 7) % 512) / 64 }, labels: l, pixels: n)
        let image = RGBImage(width: width, height: height, pixels: [UInt8](repeating: 0, count: 3 * n))
        let array = try NPYFile.parse(try ResultFiles.marginals(q, image: image, float16: float16), path: "q.npy")
        #expect(array.shape == [l, height, width])
        #expect(array.storedType == (float16 ? .float16 : .float))
        var wrong = 0
        for k in 0..<l {
            for i in 0..<n where array.values[k * n + i] != q.values[i * l + k] { wrong += 1 }
        }
        #expect(wrong == 0)
    }
}

/// The mean-field marginals Q(i, l), pixel-major (`values[i * labelCount + l]`).
public struct Marginals: Sendable, Equatable {
    public let labelCount: Int
    public let pixelCount: Int
    public var values: [Float]

    public init(values: [Float], labels: Int, pixels: Int) {
        precondition(values.count == labels * pixels)
        self.labelCount = labels
        self.pixelCount = pixels
        self.values = values
    }

    /// The most probable label of each pixel (lowest index on ties, as numpy's argmax).
    public func labels() -> [Int32] {
        let l = labelCount
        return values.withUnsafeBufferPointer { q in
            (0..<pixelCount).map { Int32(VectorKernels.argmax(q.baseAddress! + $0 * l, l)) }
        }
    }

    /// Q in (L, H, W) order, as `.npy` files and pydensecrf's output hold it.
    public func labelMajor() -> [Float] {
        MatrixTranspose.transposed(values, rows: pixelCount, columns: labelCount)
    }

    /// Q of one pixel.
    public func pixel(_ i: Int) -> ArraySlice<Float> {
        values[(i * labelCount)..<((i + 1) * labelCount)]
    }
}

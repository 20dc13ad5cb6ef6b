/// Rows ↔ columns of a row-major Float matrix: label-major (L, H·W) arrays, as files and
/// networks hold them, to the pixel-major (H·W, L) rows inference works on, and back.
public enum MatrixTranspose {
    /// Writes the transpose of `a` (`rows`×`columns`) into `out` (room for every value). Rows
    /// go in blocks, so that when they are many (pixels) the block's reads and the `columns`
    /// output streams stay in cache; a block of pixels at a time when saving marginals.
    public static func write(_ a: UnsafeBufferPointer<Float>, rows: Int, columns: Int, into out: UnsafeMutableBufferPointer<Float>) {
        precondition(a.count == rows * columns && out.count >= a.count)
        var start = 0
        while start < rows {
            let end = min(rows, start + 1024)
            for c in 0..<columns {
                let line = out.baseAddress! + c * rows
                for r in start..<end { line[r] = a[r * columns + c] }
            }
            start = end
        }
    }

    /// The transpose of `a` (`rows`×`columns`) as a new array.
    public static func transposed(_ a: [Float], rows: Int, columns: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: a.count) { out, count in
            a.withUnsafeBufferPointer { write($0, rows: rows, columns: columns, into: out) }
            count = a.count
        }
    }
}

/// A numeric array read from or written to a .npy file: unaries (classes × height × width),
/// marginals, learned parameters. Values are always Float and always in C (row-major) order,
/// whatever the file stored, so callers index `values` the same way for every input.
public struct NPYArray: Sendable, Equatable {
    public var shape: [Int]
    public var values: [Float]
    /// The file's element type before conversion to Float (`.float` for arrays made in memory).
    public var storedType: NPYElementType

    /// `values.count` must equal the product of `shape`.
    public init(shape: [Int], values: [Float], storedType: NPYElementType = .float) {
        precondition(shape.reduce(1, *) == values.count, "NPYArray shape \(shape) needs \(shape.reduce(1, *)) values")
        self.shape = shape
        self.values = values
        self.storedType = storedType
    }
}

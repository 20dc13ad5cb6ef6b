/// The tiny generator every test fixture draws from (Marsaglia's xorshift64 with shifts
/// 13, 7, 17), so fixtures are the same on every machine and Swift version.
public struct XorShift {
    public private(set) var state: UInt64

    /// Starts from `state` as given (it must not be 0).
    public init(state: UInt64) {
        precondition(state != 0, "xorshift cannot leave 0")
        self.state = state
    }

    /// Starts from `seed | 1`, which is never 0.
    public init(seed: UInt64) { self.init(state: seed | 1) }

    public mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    /// Uniform in [0, 1) from the top 24 bits: every value is exact in Float.
    public mutating func float() -> Float { Float(next() >> 40) / Float(1 << 24) }
}

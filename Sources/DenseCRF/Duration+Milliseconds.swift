extension Duration {
    /// The duration in milliseconds, for timings people read (build, step, run times).
    public var milliseconds: Double {
        Double(components.seconds) * 1e3 + Double(components.attoseconds) / 1e15
    }
}

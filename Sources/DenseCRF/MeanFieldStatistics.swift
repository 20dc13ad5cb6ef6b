/// What the viewer and `--energy-log` report after each mean-field step.
public struct MeanFieldStatistics: Sendable, Equatable {
    /// Steps taken; 0 is Q0 = softmax(−U).
    public let iteration: Int
    /// The reference's `klDivergence(Q)`: Σ Q log Q + Σ Q·U + Σ_m Σ Q ⊙ μ_m·K_m(Q), the mean-field
    /// free energy up to a constant (no ½ and no log Z, hence often negative).
    public let kl: Double
    /// The same expression at the one-hot argmax labelling, where the entropy vanishes: the
    /// energy of the segmentation the step would output.
    public let mapEnergy: Double
    /// Pixels whose argmax label differs from the previous step (0 at step 0).
    public let changed: Int

    public init(iteration: Int, kl: Double, mapEnergy: Double, changed: Int) {
        self.iteration = iteration
        self.kl = kl
        self.mapEnergy = mapEnergy
        self.changed = changed
    }
}

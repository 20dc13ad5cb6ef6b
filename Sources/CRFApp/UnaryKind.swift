/// What the numbers in a unary file are, which decides how they become energies.
public enum UnaryKind: String, Sendable, CaseIterable {
    /// Class probabilities p (a softmax output; one channel: a foreground probability).
    case probs
    /// Network scores z before the softmax (one channel: a sigmoid logit).
    case logits
    /// Unary energies U = −log p.
    case unary

    /// The command-line flag that gives a file of this kind.
    public var flag: String { "--\(rawValue)" }
}

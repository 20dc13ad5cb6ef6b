/// How a kernel's filter output is normalised, as in densecrf v2.2.
///
/// With n = Lat(1) the filter response to a constant image, the filter applied to Q is:
/// - `symmetric`: D·Lat(D·Q) with D = 1/sqrt(n) — keeps the operator symmetric, which makes
///   mean-field a descent on the free energy (the default, and the reference's default);
/// - `before`: Lat(Q/n), `after`: Lat(Q)/n (transposes of each other);
/// - `none`: the raw lattice filter.
public enum KernelNormalization: String, Sendable, CaseIterable, Codable {
    case symmetric, before, after, none
}

import Foundation

/// The cross-entropy of a step against the truth, per pixel of the frame grid:
/// −log Q(truth), the loss CRF-RNN training minimises (Zheng et al. 2015), so the loss view
/// shows where it comes from and stepping shows how mean-field moves it.
///
/// Q is the frame's 16-bit fixed point, whose smallest non-zero value is 1/65535; a pixel whose
/// Q(truth) rounded to 0 is clamped to `epsilon` = 1e-6 (loss 13.8), so the field and its mean
/// stay finite; so does a truth class the model does not have (Q = 0 there too, as the errors
/// view counts it wrong). Truth on the frame grid is the majority of each block, as the
/// errors view uses.
struct LossField {
    /// The floor on Q(truth).
    static let epsilon: Float = 1e-6
    /// The loss drawn at the top of the heat scale: 0…5 covers Q(truth) from 1 down to 0.0067;
    /// anything worse saturates. Fixed rather than log L so colours compare across problems
    /// (uniform Q, loss log L, is 0.69 for 2 classes and 3.04 for 21).
    static let scaleTop: Float = 5

    /// −log max(Q(truth), ε) per pixel; nil where the truth is ignore (255).
    let values: [Float?]
    /// The mean over pixels that have a truth class; nil when every pixel is ignored.
    let mean: Double?

    /// `truth` is on the frame's grid.
    init(frame: StepFrame, truth: [UInt8]) {
        precondition(truth.count == frame.width * frame.height)
        let l = frame.labelCount
        var sum = 0.0, count = 0
        values = truth.enumerated().map { i, t in
            guard t != 255 else { return nil }
            let loss = -log(max(Int(t) < l ? frame.value(i * l + Int(t)) : 0, Self.epsilon))
            sum += Double(loss)
            count += 1
            return loss
        }
        mean = count > 0 ? sum / Double(count) : nil
    }
}

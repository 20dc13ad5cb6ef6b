import DenseCRF
import Dispatch
import RealModule
import Metrics
import Randomness

/// How to train: the optimiser and its schedule, and how results are scored.
public struct TrainingOptions: Sendable {
    public enum Optimizer: String, Sendable, CaseIterable { case adam, lbfgs }
    /// The loss: pixel cross-entropy (CRF-RNN's), the soft Jaccard loss, or their sum.
    public enum Loss: String, Sendable, CaseIterable { case crossEntropy = "ce", jaccard, both }

    public var optimizer: Optimizer
    public var loss: Loss
    /// Adam's step size in θ units (compatibility weights, log-widths…); L-BFGS's first step.
    public var learningRate: Double
    public var epochs: Int
    public var seed: UInt64
    public var classBalanced: Bool
    /// Mean-field steps at test time, used for validation scores and written to the result.
    public var inferenceSteps: Int
    /// Step in log-width of the central difference for widths (see `Trainer.widthGradient`).
    public var widthStep: Double
    /// Adam's step size for the log-widths, which are updated once per epoch (their derivative
    /// costs forward passes) and so take larger steps than the per-image weights.
    public var widthLearningRate: Double

    public init(optimizer: Optimizer = .adam, loss: Loss = .jaccard, learningRate: Double = 0.1, epochs: Int = 20, seed: UInt64 = 1,
                classBalanced: Bool = false, inferenceSteps: Int = 10, widthStep: Double = 0.1,
                widthLearningRate: Double = 0.3) {
        self.optimizer = optimizer
        self.loss = loss
        self.learningRate = learningRate
        self.epochs = epochs
        self.seed = seed
        self.classBalanced = classBalanced
        self.inferenceSteps = inferenceSteps
        self.widthStep = widthStep
        self.widthLearningRate = widthLearningRate
    }
}

/// What one epoch did.
public struct EpochReport: Sendable {
    public var epoch: Int
    /// Mean training loss over the epoch's passes.
    public var loss: Double
    /// Mean per-image IoU of Q_T's argmax over the epoch's training passes.
    public var trainMIoU: Double
    /// Mean per-image IoU on the validation images at the inference step count.
    public var validationMIoU: Double?
    public var seconds: Double
    /// Whether this epoch's parameters are the best so far.
    public var best: Bool
    /// The parameters at the end of the epoch.
    public var parameters: CRFParameters
}

/// The outcome of `Trainer.run`.
public struct TrainingResult: Sendable {
    /// The best parameters (by validation mIoU when there are validation images, else by
    /// training loss), at the inference step count.
    public var parameters: CRFParameters
    public var history: [EpochReport]
    /// Validation mIoU of the starting and of the best parameters (nil without validation).
    public var validationBefore: Double?
    public var validationAfter: Double?
    /// Whether `shouldStop` ended training early.
    public var stopped: Bool
}

/// CRF-RNN training (Zheng et al. 2015): the mean-field steps are unrolled into a recurrent
/// network, the loss of its output is back-propagated through every step, and the parameters
/// descend the gradient. Deterministic for a seed: the only randomness is the image order.
public final class Trainer {
    public let layout: ParameterLayout
    public let training: [TrainingExample]
    public let validation: [TrainingExample]
    public let options: TrainingOptions
    public let loss: any TrainingObjective

    public init(layout: ParameterLayout, training: [TrainingExample], validation: [TrainingExample] = [],
                options: TrainingOptions) throws(CRFError) {
        guard !training.isEmpty else { throw CRFError("nothing to learn from: no training images") }
        for e in training + validation where e.labelCount != layout.labels {
            throw CRFError("\(e.name) has \(e.labelCount) labels but the model has \(layout.labels)")
        }
        self.layout = layout
        self.training = training
        self.validation = validation
        self.options = options
        let crossEntropy = options.classBalanced
            ? PixelCrossEntropy.balanced(truths: training.map(\.truth), labels: layout.labels) : PixelCrossEntropy()
        switch options.loss {
        case .crossEntropy: loss = crossEntropy
        case .jaccard: loss = SoftJaccardLoss()
        case .both: loss = SumObjective([crossEntropy, SoftJaccardLoss()])
        }
    }

    /// One image's loss at θ, its gradient (without widths) and the IoU of Q_T's argmax.
    public func lossAndGradient(_ example: TrainingExample, theta: [Double]) throws(CRFError) -> (loss: Double, gradient: [Double], miou: Double) {
        let model = try example.model(layout.parameters(theta, iterations: layout.spec.trainSteps))
        let trace = MeanFieldTrace(model: model, steps: layout.spec.trainSteps)
        let n = model.pixelCount, l = model.labelCount
        let dq = UnsafeMutablePointer<Float>.allocate(capacity: n * l)
        defer { dq.deallocate() }
        let value = trace.withMarginals { loss.evaluate($0, truth: example.truth, labels: l, gradient: dq) } ?? 0
        let labels = trace.withMarginals { Marginals(values: Array($0), labels: l, pixels: n).labels() }
        let g = trace.backward(dq)
        return (value, layout.gradient(g, rawUnary: example.unary, theta: theta), Self.miou(example, labels))
    }

    /// The loss of one image at θ without its gradient (a forward pass only). With `probe` the
    /// model's lattices are not kept (other widths than training's current ones).
    func lossOnly(_ example: TrainingExample, theta: [Double], probe: Bool) throws(CRFError) -> Double {
        let model = try example.model(layout.parameters(theta, iterations: layout.spec.trainSteps), keep: !probe)
        let inference = MeanFieldInference(model: model, tracksEnergy: false)
        inference.run(layout.spec.trainSteps)
        let n = model.pixelCount, l = model.labelCount
        let dq = UnsafeMutablePointer<Float>.allocate(capacity: n * l)
        defer { dq.deallocate() }
        return inference.withMarginals { loss.evaluate($0, truth: example.truth, labels: l, gradient: dq) } ?? 0
    }

    /// ∂L/∂log σ for each learnable width, by a central difference of step h in log σ over
    /// `examples`: (L(σ·e^h) − L(σ·e^−h)) / 2h.
    ///
    /// Why numerical: the lattice is rebuilt for new widths, and which lattice points exist
    /// changes discontinuously with σ, so the lattice filter is only piecewise smooth in σ and
    /// its exact derivative would describe the current lattice, not the kernel. A step of about
    /// 10% in σ measures the slope of the Gaussian model the lattice approximates (the filter's
    /// error is ~1–4%, see the lattice tests), which is what descent needs. Costs two forward
    /// passes and two lattice builds per width and image, so it runs on a few images per epoch.
    public func widthGradient(theta: [Double], examples: [TrainingExample]) throws(CRFError) -> [Double] {
        var g = [Double](repeating: 0, count: layout.count)
        let h = options.widthStep
        for (index, _) in layout.widths {
            var up = theta, down = theta
            up[index] += h
            down[index] -= h
            var diff = 0.0
            for e in examples {
                diff += try lossOnly(e, theta: up, probe: true) - lossOnly(e, theta: down, probe: true)
            }
            g[index] = diff / (2 * h * Double(examples.count))
        }
        return g
    }

    /// Mean per-image IoU of `examples` at θ after `steps` mean-field steps.
    public func meanIoU(_ examples: [TrainingExample], theta: [Double], steps: Int) throws(CRFError) -> Double {
        var total = 0.0
        for e in examples {
            let model = try e.model(layout.parameters(theta, iterations: steps))
            let inference = MeanFieldInference(model: model, tracksEnergy: false)
            inference.run(steps)
            total += Self.miou(e, inference.currentLabels)
        }
        return total / Double(max(1, examples.count))
    }

    static func miou(_ example: TrainingExample, _ labels: [Int32]) -> Double {
        (try? SegmentationMetrics(truth: example.truth, prediction: labels, classes: example.labelCount))?.meanIoU ?? 0
    }

    /// Trains for `options.epochs` epochs, calling `onStart` with the starting parameters'
    /// validation mIoU (nil without validation images), `onImage` with the images done in the
    /// current epoch and `onEpoch` after each epoch; `shouldStop` is asked after every image and
    /// ends training early, keeping the best parameters so far.
    public func run(onStart: (Double?) -> Void = { _ in }, onImage: (Int) -> Void = { _ in },
                    onEpoch: (EpochReport) -> Void = { _ in }, shouldStop: () -> Bool = { false }) throws(CRFError) -> TrainingResult {
        var theta = layout.initial
        var rng = SplitMix64(seed: options.seed, stream: "learn")
        var adam = Adam(count: layout.count, learningRate: options.learningRate)
        var widthAdam = Adam(count: layout.count, learningRate: options.widthLearningRate)
        var lbfgs = LBFGS(initialStep: options.learningRate)
        let steps = options.inferenceSteps
        let validationBefore = validation.isEmpty ? nil : try meanIoU(validation, theta: theta, steps: steps)
        onStart(validationBefore)
        var best: (theta: [Double], score: Double) = (theta, validationBefore ?? .infinity)
        var history: [EpochReport] = []
        var stopped = false
        let isWidth = (0..<layout.count).map { i in layout.widths.contains { $0.index == i } }
        let notWidth = isWidth.map { !$0 }
        var lastGradient: BatchResult?

        for epoch in stride(from: 1, through: options.epochs, by: 1) where !stopped {
            let start = DispatchTime.now().uptimeNanoseconds
            var totalLoss = 0.0, totalIoU = 0.0
            var order = Array(training.indices)
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.index(below: i + 1)) }
            // A rotating few images for the widths' numerical derivative.
            let widthImages = layout.widths.isEmpty ? [] : (0..<min(3, training.count)).map { training[order[$0]] }

            switch options.optimizer {
            case .adam:
                // Cosine decay over the epochs (Loshchilov & Hutter 2017): large steps find the
                // basin, small ones settle in it instead of bouncing between images.
                let decay = 0.5 * (1 + Double.cos(Double.pi * Double(epoch - 1) / Double(options.epochs)))
                adam.learningRate = options.learningRate * decay
                widthAdam.learningRate = options.widthLearningRate * decay
                if !widthImages.isEmpty {
                    widthAdam.step(&theta, gradient: try widthGradient(theta: theta, examples: widthImages), mask: isWidth)
                }
                for (done, i) in order.enumerated() {
                    let (value, gradient, miou) = try lossAndGradient(training[i], theta: theta)
                    totalLoss += value
                    totalIoU += miou
                    adam.step(&theta, gradient: gradient, mask: notWidth)
                    onImage(done + 1)
                    if shouldStop() { stopped = true; break }
                }
            case .lbfgs:
                let current: BatchResult
                if let lastGradient { current = lastGradient } else { current = try fullBatch(theta, widthImages: widthImages) }
                let direction = lbfgs.direction(current.gradient)
                let slope = zip(direction, current.gradient).map(*).reduce(0, +)
                var alpha = 1.0
                var accepted = current
                for _ in 0..<6 {
                    let trial = zip(current.theta, direction).map { $0 + alpha * $1 }
                    let next = try fullBatch(trial, widthImages: widthImages)
                    if next.loss <= current.loss + 1e-4 * alpha * slope {
                        accepted = next
                        break
                    }
                    alpha /= 2
                    if shouldStop() { stopped = true; break }
                }
                if accepted.theta != current.theta {
                    lbfgs.record(step: zip(accepted.theta, current.theta).map(-),
                                 gradientChange: zip(accepted.gradient, current.gradient).map(-))
                }
                theta = accepted.theta
                lastGradient = accepted
                totalLoss = accepted.loss * Double(training.count)
                totalIoU = accepted.miou * Double(training.count)
            }
            let passes = Double(training.count)
            let validationScore = validation.isEmpty ? nil : try meanIoU(validation, theta: theta, steps: steps)
            let meanLoss = totalLoss / passes
            let improved = validationScore.map { $0 > best.score } ?? (meanLoss < best.score)
            if improved { best = (theta, validationScore ?? meanLoss) }
            let report = EpochReport(
                epoch: epoch, loss: meanLoss, trainMIoU: totalIoU / passes, validationMIoU: validationScore,
                seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, best: improved,
                parameters: layout.parameters(theta, iterations: steps))
            history.append(report)
            onEpoch(report)
            if shouldStop() { stopped = true }
        }
        let validationAfter = validation.isEmpty ? nil : try meanIoU(validation, theta: best.theta, steps: steps)
        return TrainingResult(parameters: layout.parameters(best.theta, iterations: steps), history: history,
                              validationBefore: validationBefore, validationAfter: validationAfter, stopped: stopped)
    }

    /// The mean loss, gradient and IoU over all training images at θ (widths numerically).
    private func fullBatch(_ theta: [Double], widthImages: [TrainingExample]) throws(CRFError) -> BatchResult {
        var gradient = widthImages.isEmpty ? [Double](repeating: 0, count: layout.count)
            : try widthGradient(theta: theta, examples: widthImages)
        var total = 0.0, iou = 0.0
        for e in training {
            let (value, g, miou) = try lossAndGradient(e, theta: theta)
            total += value
            iou += miou
            for k in g.indices { gradient[k] += g[k] / Double(training.count) }
        }
        return BatchResult(theta: theta, gradient: gradient, loss: total / Double(training.count), miou: iou / Double(training.count))
    }

    /// A full-batch evaluation for L-BFGS.
    private struct BatchResult {
        var theta: [Double]
        var gradient: [Double]
        var loss: Double
        var miou: Double
    }
}

import RealModule

/// Adam (Kingma & Ba 2015): per-coordinate steps scaled by running moments of the gradient, so
/// that compatibilities (tens), biases (units) and log-widths share one learning rate.
public struct Adam: Sendable {
    public var learningRate: Double
    public let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
    private var m: [Double]
    private var v: [Double]
    private var t = 0

    public init(count: Int, learningRate: Double) {
        self.learningRate = learningRate
        m = [Double](repeating: 0, count: count)
        v = [Double](repeating: 0, count: count)
    }

    /// One descent step on θ for gradient g, on the coordinates in `mask` (all when nil).
    public mutating func step(_ theta: inout [Double], gradient g: [Double], mask: [Bool]? = nil) {
        t += 1
        let c1 = 1 - Double.pow(beta1, Double(t)), c2 = 1 - Double.pow(beta2, Double(t))
        for k in theta.indices where mask?[k] ?? true {
            let gk = g[k].isFinite ? g[k] : 0
            m[k] = beta1 * m[k] + (1 - beta1) * gk
            v[k] = beta2 * v[k] + (1 - beta2) * gk * gk
            theta[k] -= learningRate * (m[k] / c1) / ((v[k] / c2).squareRoot() + epsilon)
        }
    }
}

/// Limited-memory BFGS (Nocedal 1980) with a backtracking Armijo line search, for full-batch
/// learning: each iteration evaluates the loss over all training images one or more times.
public struct LBFGS: Sendable {
    public let memory: Int
    public var initialStep: Double
    private var s: [[Double]] = []
    private var y: [[Double]] = []

    public init(memory: Int = 8, initialStep: Double) {
        self.memory = memory
        self.initialStep = initialStep
    }

    /// The quasi-Newton descent direction −H·g (two-loop recursion).
    public func direction(_ g: [Double]) -> [Double] {
        var q = g
        var alpha = [Double](repeating: 0, count: s.count)
        for k in stride(from: s.count - 1, through: 0, by: -1) {
            let rho = 1 / dot(y[k], s[k])
            alpha[k] = rho * dot(s[k], q)
            for i in q.indices { q[i] -= alpha[k] * y[k][i] }
        }
        if let ls = s.last, let ly = y.last {
            let gamma = dot(ls, ly) / dot(ly, ly)
            for i in q.indices { q[i] *= gamma }
        } else {
            // First iteration: a step of `initialStep` in the largest coordinate.
            let norm = g.map { abs($0) }.max() ?? 1
            for i in q.indices { q[i] *= norm > 0 ? initialStep / norm : 0 }
        }
        for k in 0..<s.count {
            let rho = 1 / dot(y[k], s[k])
            let beta = rho * dot(y[k], q)
            for i in q.indices { q[i] += s[k][i] * (alpha[k] - beta) }
        }
        return q.map { -$0 }
    }

    /// Records a step s = θ' − θ with gradient change y = g' − g (skipped unless sᵀy > 0,
    /// which keeps the implicit Hessian positive definite).
    public mutating func record(step: [Double], gradientChange: [Double]) {
        guard dot(step, gradientChange) > 1e-12 else { return }
        s.append(step)
        y.append(gradientChange)
        if s.count > memory { s.removeFirst(); y.removeFirst() }
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        var r = 0.0
        for i in a.indices { r += a[i] * b[i] }
        return r
    }
}

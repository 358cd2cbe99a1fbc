// Stochastic gradient descent with PyTorch's momentum and weight decay rules (torch.optim.SGD,
// dampening 0, no Nesterov).
import TensorKit

/// θ ← θ − η g, with momentum b ← μ b + g (b = g on the first step) and g ← g + λθ.
public final class SGD: Optimizer {
    public var learningRate: Double
    /// μ; 0 is plain gradient descent.
    public var momentum: Double
    /// λ, PyTorch's weight_decay (L2): g ← g + λθ.
    public var weightDecay: Double
    private var state = ParameterStateTable()

    public init(learningRate: Double = 0.01, momentum: Double = 0, weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public func reset() { state.removeAll() }

    public var description: String {
        var s = "sgd(lr: \(Tensor.numberText(learningRate)), momentum: \(Tensor.numberText(momentum))"
        if weightDecay != 0 { s += ", weight_decay: \(Tensor.numberText(weightDecay))" }
        return s + ")"
    }

    public func step(_ parameters: [Parameter]) {
        let lr = learningRate, mu = momentum, lambda = weightDecay
        for p in parameters {
            if mu == 0 {
                p.grad.storage.withUnsafeBufferPointer { g in
                    p.value.storage.withUnsafeMutableBufferPointer { w in
                        for i in 0..<min(g.count, w.count) {
                            w[i] -= lr * (g[i] + lambda * w[i])
                        }
                    }
                }
                continue
            }
            state.withState(p, needsSecond: false) { s in
                let first = s.steps == 0
                s.steps += 1
                p.grad.storage.withUnsafeBufferPointer { g in
                    p.value.storage.withUnsafeMutableBufferPointer { w in
                        s.first.withUnsafeMutableBufferPointer { b in
                            for i in 0..<min(g.count, w.count, b.count) {
                                let gi = g[i] + lambda * w[i]
                                b[i] = first ? gi : mu * b[i] + gi
                                w[i] -= lr * b[i]
                            }
                        }
                    }
                }
            }
        }
    }
}

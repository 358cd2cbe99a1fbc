// Adam with bias correction, the update of torch.optim.Adam (single-tensor form, no amsgrad).
import CTensorKernels
import Foundation
import TensorKit

/// m ← m + (1 − β₁)(g − m), v ← β₂ v + (1 − β₂) g², θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε),
/// with g ← g + λθ when weight decay λ is set.
public final class Adam: Optimizer {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    /// λ, PyTorch's weight_decay (L2 added to the gradient).
    public var weightDecay: Double
    private var state = ParameterStateTable()
    /// The bias corrections of the last step number seen: every parameter of a model is at the
    /// same step, so the two powers are worked out once per step rather than once per tensor.
    private var corrections = (step: 0, lr: Double.nan, b1: Double.nan, b2: Double.nan,
                               stepSize: Double.nan, correction2: Double.nan)

    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func reset() { state.removeAll() }

    public var description: String {
        var s = "adam(lr: \(Tensor.numberText(learningRate)), beta1: \(Tensor.numberText(beta1)), beta2: \(Tensor.numberText(beta2)), eps: \(Tensor.numberText(epsilon))"
        if weightDecay != 0 { s += ", weight_decay: \(Tensor.numberText(weightDecay))" }
        return s + ")"
    }

    /// The number of steps taken so far (the largest over the parameters).
    public var stepCount: Int { state.maxSteps }

    public func step(_ parameters: [Parameter]) {
        let lr = learningRate, b1 = beta1, b2 = beta2, eps = epsilon, lambda = weightDecay
        for p in parameters {
            state.withState(p, needsSecond: true) { s in
                s.steps += 1
                let c = corrections
                if c.step != s.steps || c.lr != lr || c.b1 != b1 || c.b2 != b2 {
                    let t = Double(s.steps)
                    corrections = (s.steps, lr, b1, b2, lr / (1 - pow(b1, t)), (1 - pow(b2, t)).squareRoot())
                }
                let stepSize = corrections.stepSize, correction2 = corrections.correction2
                let count = min(p.grad.count, p.value.count, s.first.count, s.second.count)
                p.grad.storage.withUnsafeBufferPointer { g in
                    p.value.storage.withUnsafeMutableBufferPointer { w in
                        s.first.withUnsafeMutableBufferPointer { m in
                            s.second.withUnsafeMutableBufferPointer { v in
                                guard let w = w.baseAddress, let g = g.baseAddress,
                                      let m = m.baseAddress, let v = v.baseAddress else { return }
                                // One vectorised pass (CTensorKernels/optimizer_kernels.c).
                                nns_adam_update(w, g, m, v, count, b1, b2, stepSize, correction2, eps, lambda)
                            }
                        }
                    }
                }
            }
        }
    }
}

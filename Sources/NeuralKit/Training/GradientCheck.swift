// Checks analytic gradients against central finite differences, as `gradcheck` reports it:
// max over all parameters of |g − n| / max(|g| + |n|, 1e-8), n = (C(θ + h) − C(θ − h)) / 2h.
import TensorKit

/// Finite-difference checking of a model's gradients.
public enum GradientCheck {
    /// The largest relative difference between backprop's gradient and central differences with
    /// step `h`, over every element of every parameter. Each loss evaluation uses a fresh copy of
    /// the same seeded stream, so models that draw noise see the same noise every time.
    public static func maxRelativeError(_ model: any TrainableModel, _ x: Tensor, _ y: Tensor,
                                        step h: Double = 1e-5, seed: UInt64 = 0) throws -> Double {
        _ = try model.lossAndGradients(x, y, rng: RandomGenerator(seed: seed))
        let params = model.parameters
        let analytic = params.map { $0.grad }
        var worst = 0.0
        for (k, p) in params.enumerated() {
            for i in 0..<p.value.count {
                let saved = p.value.storage[i]
                p.value.storage[i] = saved + h
                let plus = try model.lossAndGradients(x, y, rng: RandomGenerator(seed: seed))
                p.value.storage[i] = saved - h
                let minus = try model.lossAndGradients(x, y, rng: RandomGenerator(seed: seed))
                p.value.storage[i] = saved
                let n = (plus - minus) / (2 * h)
                let g = analytic[k].storage[i]
                let e = abs(g - n) / max(abs(g) + abs(n), 1e-8)
                if e > worst || e.isNaN { worst = e }
            }
        }
        // Leave the analytic gradients in place, as after one backprop.
        for (k, p) in params.enumerated() { p.grad = analytic[k] }
        return worst
    }
}

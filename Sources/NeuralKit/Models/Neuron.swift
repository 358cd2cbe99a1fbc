// The lecture's artificial neuron (3.3): y = φ(Σ_j w_j x_j + b) for one input or a batch of rows.
import TensorKit

/// One neuron: weights w, bias b, transfer function φ.
public final class Neuron {
    /// w (a vector of m weights).
    public var weights: Tensor
    /// b.
    public var bias: Double
    /// φ.
    public var activation: Activation

    public init(weights: Tensor, bias: Double = 0, activation: Activation = .linear) throws {
        guard weights.rank == 1, weights.count >= 1 else {
            throw NeuralError.option("neuron", "w", "a vector of weights", "shape \(weights.shape)")
        }
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    /// u = Σ_j w_j x_j + b: a number (0-d) for a vector x, shape [N] for an N × m batch.
    public func weightedInput(_ x: Tensor) throws -> Tensor {
        let m = weights.count
        if x.rank == 1 && x.count == m {
            var u = bias
            for j in 0..<m { u += weights.storage[j] * x.storage[j] }
            return Tensor(scalar: u)
        }
        guard x.rank == 2, x.shape[1] == m else {
            throw NeuralError.inputWidth("neuron", expected: m, found: x.shape)
        }
        let n = x.shape[0]
        var out = [Double](repeating: bias, count: n)
        for r in 0..<n {
            for j in 0..<m { out[r] += weights.storage[j] * x.storage[r * m + j] }
        }
        return Tensor(out)
    }

    /// y = φ(u); softmax, which needs a row, is applied to each output on its own (giving 1).
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        let u = try weightedInput(x)
        var y = u
        for i in 0..<y.count { y.storage[i] = activation.apply(u.storage[i]) }
        return y
    }
}

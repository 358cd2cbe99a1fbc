// Hebb's rule (lecture 3.2): a linear unit y = w·x whose weights grow with correlated activity,
// Δw = η x y (unsupervised), or Δw = η x t when a target t is given (supervised Hebb).
import TensorKit

/// A linear unit trained with Hebb's rule.
public final class Hebbian {
    /// w, one weight per input.
    public var weights: [Double]
    /// η.
    public var learningRate: Double

    /// Weights drawn from `rng` as w_j = r·(2u − 1), r = √(6/(m + 1)) (Hebb's rule from w = 0 never moves).
    public init(inputs: Int, learningRate: Double = 0.1, rng: RandomGenerator) throws {
        guard inputs >= 1, inputs <= TensorError.defaultElementLimit else {
            throw NeuralError.option("hebbian", "the number of inputs", "at least 1", "\(inputs)")
        }
        let r = (6 / Double(inputs + 1)).squareRoot()
        weights = (0..<inputs).map { _ in r * (2 * rng.nextDouble() - 1) }
        self.learningRate = learningRate
    }

    /// The number of inputs.
    public var inputs: Int { weights.count }

    /// Checks that `x` is one row of `inputs` numbers or an N × inputs batch; returns N.
    func rows(_ x: Tensor, _ op: String) throws -> Int {
        try batchRows(x, inputs: inputs, op)
    }

    /// y = w·x for each row, shape [N].
    public func predict(_ x: Tensor) throws -> Tensor {
        let n = try rows(x, "hebbian")
        var out = [Double](repeating: 0, count: n)
        for r in 0..<n {
            for j in 0..<inputs { out[r] += weights[j] * x.storage[r * inputs + j] }
        }
        return Tensor(out)
    }

    /// `epochs` passes over the rows in order, Δw = η x y after each row (y = w·x, or the target
    /// t when given); returns ‖w‖ after each pass.
    public func train(_ x: Tensor, _ t: Tensor?, epochs: Int, shouldStop: () -> Bool = { false }) throws -> [Double] {
        let n = try rows(x, "train")
        if let t, t.count != n {
            throw NeuralError.shapes("train", "X and T have shapes", x.shape, t.shape, "that do not match (T needs one target per row)")
        }
        guard epochs >= 0 else { throw NeuralError.option("train", "epochs", "at least 0", "\(epochs)") }
        var norms: [Double] = []
        for _ in 0..<epochs {
            for r in 0..<n {
                var y = 0.0
                if let t { y = t.storage[r] } else {
                    for j in 0..<inputs { y += weights[j] * x.storage[r * inputs + j] }
                }
                for j in 0..<inputs { weights[j] += learningRate * x.storage[r * inputs + j] * y }
            }
            norms.append(weights.reduce(0) { $0 + $1 * $1 }.squareRoot())
            if shouldStop() { break }
        }
        return norms
    }
}

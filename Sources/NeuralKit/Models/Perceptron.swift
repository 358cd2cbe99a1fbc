// Rosenblatt's perceptron (lecture 3.2): y = step(w·x + b); after each row
// w ← w + η (t − y) x, b ← b + η (t − y); training stops after the first pass without an error.
import TensorKit

/// What perceptron training did: whether a pass had no error, passes run, errors per pass.
public struct PerceptronResult: Sendable, Equatable {
    public var converged: Bool
    public var epochs: Int
    public var errors: [Int]
}

/// A single threshold unit trained with the perceptron rule; weights start at 0.
public final class Perceptron {
    /// w, one weight per input.
    public var weights: [Double]
    /// b.
    public var bias: Double
    /// η.
    public var learningRate: Double

    public init(inputs: Int, learningRate: Double = 0.1) throws {
        guard inputs >= 1, inputs <= TensorError.defaultElementLimit else {
            throw NeuralError.option("perceptron", "the number of inputs", "at least 1", "\(inputs)")
        }
        weights = [Double](repeating: 0, count: inputs)
        bias = 0
        self.learningRate = learningRate
    }

    /// The number of inputs.
    public var inputs: Int { weights.count }

    /// Checks that `x` is one row of `inputs` numbers or an N × inputs batch; returns N.
    func rows(_ x: Tensor, _ op: String) throws -> Int {
        try batchRows(x, inputs: inputs, op)
    }

    /// step(w·x + b) of row r of x (1 where w·x + b ≥ 0).
    func output(_ x: UnsafeBufferPointer<Double>, row r: Int) -> Double {
        var u = bias
        for j in 0..<inputs { u += weights[j] * x[r * inputs + j] }
        return u >= 0 ? 1 : 0
    }

    /// The outputs (0 or 1) for each row, shape [N].
    public func predict(_ x: Tensor) throws -> Tensor {
        let n = try rows(x, "perceptron")
        let out = x.storage.withUnsafeBufferPointer { px in (0..<n).map { output(px, row: $0) } }
        return Tensor(out)
    }

    /// Applies the rule row by row for at most `epochs` passes (rows in order, or in a fresh
    /// `rng.permutation(N)` per pass with `shuffle`), counting the misclassified rows of each pass,
    /// and stops after the first pass without an error. `shouldStop` is polled after each pass.
    public func train(_ x: Tensor, _ t: Tensor, epochs: Int, shuffle: Bool, rng: RandomGenerator,
                      shouldStop: () -> Bool = { false }) throws -> PerceptronResult {
        let n = try rows(x, "train")
        guard t.count == n else {
            throw NeuralError.shapes("train", "X and T have shapes", x.shape, t.shape, "that do not match (T needs one target per row)")
        }
        guard epochs >= 0 else { throw NeuralError.option("train", "epochs", "at least 0", "\(epochs)") }
        var result = PerceptronResult(converged: false, epochs: 0, errors: [])
        var order = Array(0..<n)
        x.storage.withUnsafeBufferPointer { px in
            for _ in 0..<epochs {
                if shuffle { order = rng.permutation(n) }
                var errors = 0
                for r in order {
                    let y = output(px, row: r)
                    let e = t.storage[r] - y              // t − y
                    if e != 0 {
                        errors += 1
                        for j in 0..<inputs { weights[j] += learningRate * e * px[r * inputs + j] }
                        bias += learningRate * e
                    }
                }
                result.epochs += 1
                result.errors.append(errors)
                if errors == 0 {
                    result.converged = true
                    return
                }
                if shouldStop() { return }
            }
        }
        return result
    }
}

/// The N of an input that is one row of `inputs` numbers (N = 1) or an N × inputs batch; any
/// other shape is an error naming `op`. Shared by the single units (perceptron, Hebbian unit).
func batchRows(_ x: Tensor, inputs: Int, _ op: String) throws -> Int {
    if x.rank == 1 && x.count == inputs { return 1 }
    guard x.rank == 2, x.shape[1] == inputs else {
        throw NeuralError.inputWidth(op, expected: inputs, found: x.shape)
    }
    return x.shape[0]
}

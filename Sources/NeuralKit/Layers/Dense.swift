// A fully connected layer as the lecture writes it: z = a Wᵀ + b on a batch (W of shape
// (out, in)), a = φ(z); its backward step gives ∇W = δᵀ a_in, ∇b = Σ δ and ∂C/∂a_in = δ W.
import TensorKit

/// A dense layer: weights W (outputs × inputs), bias b (outputs) and a transfer function.
public final class Dense {
    /// W, shape (outputs, inputs): row j holds the weights into output j.
    public let weight: Parameter
    /// b, shape (outputs).
    public let bias: Parameter
    /// φ.
    public var activation: Activation

    /// The number of inputs (columns of W).
    public var inputs: Int { weight.value.shape[1] }
    /// The number of outputs (rows of W).
    public var outputs: Int { weight.value.shape[0] }
    /// The number of trainable numbers, W and b.
    public var parameterCount: Int { weight.value.count + bias.value.count }
    /// W then b, the order optimizers and model files use.
    public var parameters: [Parameter] { [weight, bias] }

    /// A layer with fresh weights drawn from `rng`: W[j, i] = r·(2u − 1), u uniform in [0, 1), drawn
    /// row by row (row-major), with r = √(6/(in + out)) (Glorot) or √(6/in) (He, for the ReLU
    /// family, see `Activation.usesHeInitialisation`); b = 0.
    public init(inputs: Int, outputs: Int, activation: Activation, rng: RandomGenerator) throws {
        guard inputs >= 1, outputs >= 1 else {
            throw NeuralError.option("dense", "the sizes", "at least 1", "\(inputs) and \(outputs)")
        }
        let count = try Tensor.checkedCount([outputs, inputs])
        let fan = activation.usesHeInitialisation ? Double(inputs) : Double(inputs + outputs)
        let r = (6 / fan).squareRoot()
        var w = [Double](repeating: 0, count: count)
        for i in 0..<count { w[i] = r * (2 * rng.nextDouble() - 1) }
        weight = Parameter(Tensor(shape: [outputs, inputs], storage: w))
        bias = Parameter(Tensor(shape: [outputs], storage: [Double](repeating: 0, count: outputs)))
        self.activation = activation
    }

    /// A layer with the given W (out × in) and b (out).
    public init(weight w: Tensor, bias b: Tensor, activation: Activation) throws {
        guard w.rank == 2, w.shape[0] >= 1, w.shape[1] >= 1 else {
            throw NeuralError.option("dense", "W", "a non-empty matrix (outputs × inputs)", "shape \(w.shape)")
        }
        guard b.count == w.shape[0], b.rank <= 1 else {
            throw NeuralError.shapes("dense", "W and b have shapes", w.shape, b.shape, "that do not fit (b needs \(w.shape[0]) entries)")
        }
        weight = Parameter(w)
        bias = Parameter(Tensor(shape: [w.shape[0]], storage: b.storage))
        self.activation = activation
    }

    /// A deep copy (new parameters with the same values).
    public func copy() -> Dense {
        // The shapes were checked when this layer was made, so this cannot fail.
        let d = try? Dense(weight: weight.value, bias: bias.value, activation: activation)
        return d ?? self
    }

    /// Replaces W, keeping its shape.
    public func setWeight(_ w: Tensor) throws {
        guard w.shape == weight.value.shape else {
            throw NeuralError.shapes("W", "new W", w.shape, weight.value.shape,
                                     "differ (a layer's W keeps its shape (outputs, inputs))")
        }
        weight.value = w
    }

    /// Replaces b, keeping its length.
    public func setBias(_ b: Tensor) throws {
        guard b.count == bias.value.count, b.rank <= 1 || b.shape.filter({ $0 != 1 }).count <= 1 else {
            throw NeuralError.shapes("b", "new b", b.shape, bias.value.shape, "differ")
        }
        bias.value = Tensor(shape: bias.value.shape, storage: b.storage)
    }

    /// Checks that `x` is an N × inputs batch.
    public func checkInput(_ x: Tensor, _ op: String) throws {
        guard x.rank == 2, x.shape[1] == inputs else {
            throw NeuralError.inputWidth(op, expected: inputs, found: x.shape)
        }
    }

    /// φ(x Wᵀ + b) for an N × inputs batch.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        var cache = LayerCache(arithmetic: .network)
        try forward(x, &cache)
        return cache.a
    }
}

extension Dense: Layer {
    /// z = x Wᵀ + b and a = φ(z) for an N × inputs batch. The rows of z start as copies of b and
    /// the product is added onto them (β = 1 for BLAS), so the bias costs no pass of its own.
    public func forward(_ x: Tensor, _ cache: inout LayerCache) throws {
        try checkInput(x, "dense")
        let n = x.shape[0]
        if activation == .sigmoid, DenseKernels.isSmallSigmoidLayer(rows: n, outputs: outputs, inputs: inputs, cache.arithmetic) {
            try DenseKernels.smallSigmoidLayer(x, weight.value, transposed: true, bias: bias.value,
                                               transposedCopy: cache.transposesSmallSigmoidProducts, &cache)
            return
        }
        MatrixKernels.ensure(&cache.z, rows: n, cols: outputs)
        MatrixKernels.fillRows(&cache.z, with: bias.value)
        try MatrixKernels.matmul(x, weight.value, transposeB: true, into: &cache.z, accumulate: true,
                                 cache.arithmetic)
        activation.apply(&cache, width: outputs)
    }

    /// δ = φ′(z) ∘ g.
    public func delta(_ cache: inout LayerCache, outputGradient g: Tensor) {
        activation.backward(&cache, outputGradient: g, width: outputs)
    }

    /// ∂C/∂x = δ W (N × inputs).
    public func inputGradient(_ cache: inout LayerCache, into g: inout Tensor) throws {
        try MatrixKernels.matmul(cache.delta, weight.value, into: &g, cache.arithmetic)
    }

    /// ∇W += δᵀ x and ∇b += Σ_rows δ.
    public func accumulateGradients(_ x: Tensor, _ cache: inout LayerCache) throws {
        let first = weight.startsGradient()
        if first && cache.transposesSmallGradients && DenseKernels.takesTransposedGradient(inputs: inputs, outputs: outputs,
                                                                        rows: x.shape[0], cache.arithmetic) {
            try DenseKernels.weightGradientByTranspose(x, &cache, into: weight)
        } else {
            try MatrixKernels.matmul(cache.delta, x, transposeA: true, into: &weight.grad, accumulate: !first,
                                     cache.arithmetic)
        }
        bias.accumulateColumnSums(&cache)
    }
}

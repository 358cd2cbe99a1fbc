// A decoder layer that reads the weight matrix of an encoder layer transposed (tied weights):
// z = h W + b for the encoder's W of shape (codes, inputs), so ∂C/∂h = δ Wᵀ and ∇W += hᵀ δ,
// added to whatever the encoder layer put into W's gradient before it.
import TensorKit

/// A dense layer whose weights are the transpose of another layer's W, with its own bias.
public final class TiedDense {
    /// The shared W (codes × inputs of the encoder layer); this layer uses Wᵀ.
    public let weight: Parameter
    /// b, shape (outputs) = the encoder's input width.
    public let bias: Parameter
    /// φ.
    public var activation: Activation

    /// The decoder half of `encoder`: inputs = encoder.outputs, outputs = encoder.inputs, b = 0.
    public init(transposing encoder: Dense, activation: Activation) {
        weight = encoder.weight
        bias = Parameter(Tensor(shape: [encoder.inputs], storage: [Double](repeating: 0, count: encoder.inputs)))
        self.activation = activation
    }

    /// The width of a code row (rows of W).
    public var inputs: Int { weight.value.shape[0] }
    /// The width of a reconstruction (columns of W).
    public var outputs: Int { weight.value.shape[1] }
}

extension TiedDense: Layer {
    /// Only b: W belongs to the encoder layer, whose parameters list it.
    public var parameters: [Parameter] { [bias] }

    /// z = h W + b, a = φ(z); a small sigmoid product takes the bias-and-σ pass of `DenseKernels`.
    public func forward(_ h: Tensor, _ cache: inout LayerCache) throws {
        guard h.rank == 2, h.shape[1] == inputs else {
            throw NeuralError.inputWidth("decoder", expected: inputs, found: h.shape)
        }
        let n = h.shape[0]
        if activation == .sigmoid, DenseKernels.isSmallSigmoidLayer(rows: n, outputs: outputs, inputs: inputs, cache.arithmetic) {
            try DenseKernels.smallSigmoidLayer(h, weight.value, transposed: false, bias: bias.value,
                                               transposedCopy: false, &cache)
            return
        }
        MatrixKernels.ensure(&cache.z, rows: n, cols: outputs)
        MatrixKernels.fillRows(&cache.z, with: bias.value)
        try MatrixKernels.matmul(h, weight.value, into: &cache.z, accumulate: true, cache.arithmetic)
        activation.apply(&cache, width: outputs)
    }

    /// δ = φ′(z) ∘ g.
    public func delta(_ cache: inout LayerCache, outputGradient g: Tensor) {
        activation.backward(&cache, outputGradient: g, width: outputs)
    }

    /// ∂C/∂h = δ Wᵀ (N × codes).
    public func inputGradient(_ cache: inout LayerCache, into g: inout Tensor) throws {
        try MatrixKernels.matmul(cache.delta, weight.value, transposeB: true, into: &g, cache.arithmetic)
    }

    /// ∇W += hᵀ δ (after the encoder's own part, which the way up adds first) and ∇b += Σ_rows δ.
    public func accumulateGradients(_ h: Tensor, _ cache: inout LayerCache) throws {
        let first = weight.startsGradient()
        try MatrixKernels.matmul(h, cache.delta, transposeA: true, into: &weight.grad, accumulate: !first,
                                 cache.arithmetic)
        bias.accumulateColumnSums(&cache)
    }
}

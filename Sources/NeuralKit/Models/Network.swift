// A feed-forward network: a sequence of dense layers (`seq`, `mlp`), with the forward pass that
// keeps every z and a, backpropagation through the sequence, and the supervised objective the
// trainer optimises (network + loss).
import TensorKit

/// Dense layers applied one after another; layer i's outputs feed layer i + 1.
public final class Network {
    /// The layers, first to last.
    public let layers: [Dense]
    /// The same layers as the sequence backpropagation walks.
    let sequence: LayerSequence
    /// Every parameter: W then b of each layer, first layer first.
    public let parameters: [Parameter]

    /// A network of `layers`, whose sizes must chain (outputs of one = inputs of the next).
    public init(layers: [Dense]) throws {
        guard !layers.isEmpty else { throw NeuralError.emptyNetwork }
        for i in 1..<max(layers.count, 1) where layers[i - 1].outputs != layers[i].inputs {
            throw NeuralError.layersDoNotChain(i, outputs: layers[i - 1].outputs, inputs: layers[i].inputs)
        }
        self.layers = layers
        sequence = LayerSequence(layers)
        parameters = layers.flatMap { $0.parameters }
    }

    /// `mlp([2, 4, 1], act: tanh, out: sigmoid)`: dense layers sizes[i] → sizes[i + 1], `activation`
    /// on the hidden ones and `output` on the last; weights drawn layer by layer from `rng`.
    public static func mlp(sizes: [Int], activation: Activation, output: Activation,
                           rng: RandomGenerator) throws -> Network {
        guard sizes.count >= 2 else {
            throw NeuralError.option("mlp", "the sizes", "a list of at least two layer widths", "\(sizes)")
        }
        var layers: [Dense] = []
        for i in 0..<(sizes.count - 1) {
            let act = i == sizes.count - 2 ? output : activation
            layers.append(try Dense(inputs: sizes[i], outputs: sizes[i + 1], activation: act, rng: rng))
        }
        return try Network(layers: layers)
    }

    /// The number of inputs of the first layer.
    public var inputs: Int { layers[0].inputs }
    /// The number of outputs of the last layer.
    public var outputs: Int { layers[layers.count - 1].outputs }
    /// The number of trainable numbers.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// A deep copy.
    public func copy() throws -> Network { try Network(layers: layers.map { $0.copy() }) }

    /// The network's output for an N × inputs batch.
    public func predict(_ x: Tensor) throws -> Tensor {
        var pass = NetworkWorkspace()
        try pass.forward(self, x)
        return pass.caches[layers.count - 1].a
    }

    /// Every z[i] and a[i] of the forward pass (a[0] is x), as the `forward` built-in gives them.
    public func forwardPass(_ x: Tensor) throws -> (z: [Tensor], a: [Tensor]) {
        var pass = NetworkWorkspace()
        try pass.forward(self, x)
        return (pass.caches.map(\.z), [x] + pass.caches.map(\.a))
    }

    /// One backpropagation on a batch: the loss, every δ[i] = ∂C/∂z[i], ∇W[i] and ∇b[i]
    /// (also left in the parameters' `grad`).
    public func backprop(_ x: Tensor, _ y: Tensor, loss: Loss) throws -> BackpropResult {
        var pass = NetworkWorkspace()
        let value = try pass.lossAndGradients(self, x, y, loss: loss)
        return BackpropResult(loss: value, z: pass.caches.map(\.z), a: [x] + pass.caches.map(\.a),
                              delta: pass.caches.map(\.delta),
                              dW: layers.map { $0.weight.grad }, db: layers.map { $0.bias.grad })
    }
}

/// What one backpropagation computed, indexed like the network's layers.
public struct BackpropResult {
    /// The batch loss.
    public var loss: Double
    /// z[i] of layer i.
    public var z: [Tensor]
    /// a[0] = X, a[i + 1] = φ(z[i]).
    public var a: [Tensor]
    /// δ[i] = ∂C/∂z[i] (the 1/N of the batch mean included).
    public var delta: [Tensor]
    /// ∇W[i], shaped like W.
    public var dW: [Tensor]
    /// ∇b[i], shaped like b.
    public var db: [Tensor]
}

/// The caches of one forward and backward pass, reused from step to step while the batch size
/// stays the same (so a training step allocates nothing for small networks).
public struct NetworkWorkspace {
    /// Each layer's z, a and δ.
    public internal(set) var caches: [LayerCache] = []
    /// The gradient ∂C/∂a being carried down.
    var upstream = Tensor.empty
    /// False forces every layer onto its plain path (for the tests that compare the two).
    var fused = true

    public init() {}

    /// Runs the network on an N × inputs batch, filling every layer's cache.
    public mutating func forward(_ net: Network, _ x: Tensor) throws {
        if caches.count != net.layers.count {
            caches = net.sequence.makeCaches(.network)
        }
        for i in caches.indices { caches[i].fused = fused }
        try net.layers[0].checkInput(x, "network")
        try net.sequence.forward(x, &caches)
    }

    /// Forward then backward on a batch: returns C(a^L, y) and stores ∇W, ∇b in the parameters.
    ///   δ^L = f′(z^L) ∘ ∇_a C   (softmax + cross_entropy: δ^L = (p − t)/N)
    ///   δ^(l−1) = f′(z^(l−1)) ∘ (δ^l W^l),   ∇W^l = (δ^l)ᵀ a^(l−1),   ∇b^l = Σ_rows δ^l
    public mutating func lossAndGradients(_ net: Network, _ x: Tensor, _ y: Tensor, loss: Loss) throws -> Double {
        try forward(net, x)
        let last = net.layers.count - 1
        let output = net.layers[last].activation
        try loss.checkShapes(caches[last].a, y)
        // σ, softmax and step already keep every output in [0, 1]: no scan of the batch for those.
        switch output {
        case .sigmoid, .softmax, .step: break
        case .linear, .tanh, .relu, .leakyRelu, .softplus, .gelu, .swish: try loss.checkPredictions(caches[last].a)
        }
        net.parameters.startStep()
        let (value, start) = loss.score(&caches[last], activation: output, target: y, rows: x.shape[0],
                                        gradient: &upstream)
        try net.sequence.propagate(&caches, &upstream, startsAtDelta: start == .delta, needsInputGradient: false)
        try net.sequence.accumulateGradients(x, &caches)
        net.parameters.finishStep()
        return value
    }
}

/// A network and a loss as one trainable objective: `train(net, X, Y, loss: ...)`.
public final class SupervisedObjective: TrainableModel {
    /// The network being trained.
    public let network: Network
    /// The loss C(a^L, y).
    public let loss: Loss
    private var workspace = NetworkWorkspace()

    public init(network: Network, loss: Loss) {
        self.network = network
        self.loss = loss
    }

    public var parameters: [Parameter] { network.parameters }

    public func lossAndGradients(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        try workspace.lossAndGradients(network, x, y, loss: loss)
    }

    public func evaluationLoss(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        try loss.value(try network.predict(x), y)
    }
}

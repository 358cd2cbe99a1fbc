// A feed-forward network: dense layers run in order (`seq`, `mlp`), with the forward pass that
// keeps every z and a, and the supervised objective the trainer optimises (network + loss).
import TensorKit

/// Dense layers applied one after another; layer i's outputs feed layer i + 1.
public final class Network {
    /// The layers, first to last.
    public private(set) var layers: [Dense]

    /// A network of `layers`, whose sizes must chain (outputs of one = inputs of the next).
    public init(layers: [Dense]) throws {
        guard !layers.isEmpty else { throw NeuralError("seq: a network needs at least one layer") }
        for i in 1..<max(layers.count, 1) where layers[i - 1].outputs != layers[i].inputs {
            throw NeuralError("seq: layer \(i - 1) gives \(layers[i - 1].outputs) outputs but layer \(i) takes \(layers[i].inputs) inputs")
        }
        self.layers = layers
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
    /// Every parameter: W then b of each layer, first layer first.
    public var parameters: [Parameter] { layers.flatMap { $0.parameters } }
    /// The number of trainable numbers.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// A deep copy.
    public func copy() throws -> Network { try Network(layers: layers.map { $0.copy() }) }

    /// The network's output for an N × inputs batch.
    public func predict(_ x: Tensor) throws -> Tensor {
        var pass = NetworkWorkspace()
        try pass.forward(self, x)
        return pass.a[layers.count - 1]
    }

    /// Every z[i] and a[i] of the forward pass (a[0] is x), as the contract's `forward` gives them.
    public func forwardPass(_ x: Tensor) throws -> (z: [Tensor], a: [Tensor]) {
        var pass = NetworkWorkspace()
        try pass.forward(self, x)
        return (pass.z, [x] + pass.a)
    }

    /// One backpropagation on a batch: the loss, every δ[i] = ∂C/∂z[i], ∇W[i] and ∇b[i]
    /// (also left in the parameters' `grad`).
    public func backprop(_ x: Tensor, _ y: Tensor, loss: Loss) throws -> BackpropResult {
        var pass = NetworkWorkspace()
        let value = try pass.lossAndGradients(self, x, y, loss: loss)
        return BackpropResult(loss: value, z: pass.z, a: [x] + pass.a, delta: pass.delta,
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

/// The buffers of one forward and backward pass, reused from step to step while the batch size
/// stays the same (so a training step allocates nothing for small networks).
public struct NetworkWorkspace {
    /// z[i] of each layer.
    public var z: [Tensor] = []
    /// a of each layer (a[i] = φ(z[i]); the input is not stored).
    public var a: [Tensor] = []
    /// δ[i] = ∂C/∂z[i].
    public var delta: [Tensor] = []
    /// The upstream gradient ∂C/∂a being carried down.
    var upstream = Tensor(scalar: 0)

    public init() {}

    /// Runs the network on an N × inputs batch, filling z and a.
    public mutating func forward(_ net: Network, _ x: Tensor) throws {
        let layers = net.layers
        if z.count != layers.count {
            z = Array(repeating: Tensor(scalar: 0), count: layers.count)
            a = z
            delta = z
        }
        try layers[0].checkInput(x, "network")
        for (i, layer) in layers.enumerated() {
            if i == 0 {
                try layer.forward(x, z: &z[0], a: &a[0])
            } else {
                try layer.forward(a[i - 1], z: &z[i], a: &a[i])
            }
        }
    }

    /// Forward then backward on a batch: returns C(a^L, y) and stores ∇W, ∇b in the parameters.
    ///   δ^L = f′(z^L) ∘ ∇_a C   (softmax + cross_entropy fused: δ^L = (p − t)/N)
    ///   δ^(l−1) = f′(z^(l−1)) ∘ (δ^l W^l),   ∇W^l = (δ^l)ᵀ a^(l−1),   ∇b^l = Σ_rows δ^l
    public mutating func lossAndGradients(_ net: Network, _ x: Tensor, _ y: Tensor, loss: Loss) throws -> Double {
        try forward(net, x)
        let layers = net.layers
        let last = layers.count - 1
        let p = a[last]
        try loss.checkShapes(p, y)
        // σ, softmax and step already keep every output in [0, 1]: no scan of the batch for those.
        switch layers[last].activation {
        case .sigmoid, .softmax, .step: break
        case .linear, .tanh, .relu, .leakyRelu, .softplus, .gelu, .swish: try loss.checkPredictions(p)
        }
        let rows = x.shape[0]
        let value = p.storage.withUnsafeBufferPointer { pp in
            y.storage.withUnsafeBufferPointer { py in loss.value(pp, py, rows: rows) }
        }
        if layers[last].activation == .softmax && loss == .crossEntropy {
            // ∂C/∂z of softmax followed by cross-entropy collapses to (p − t)/N.
            MatrixKernels.ensure(&delta[last], rows: rows, cols: layers[last].outputs)
            let scale = 1 / Double(max(rows, 1))
            p.storage.withUnsafeBufferPointer { pp in
                y.storage.withUnsafeBufferPointer { py in
                    delta[last].storage.withUnsafeMutableBufferPointer { pd in
                        for i in 0..<min(pp.count, py.count, pd.count) { pd[i] = scale * (pp[i] - py[i]) }
                    }
                }
            }
        } else {
            MatrixKernels.ensure(&upstream, rows: rows, cols: layers[last].outputs)
            p.storage.withUnsafeBufferPointer { pp in
                y.storage.withUnsafeBufferPointer { py in
                    upstream.storage.withUnsafeMutableBufferPointer { pg in
                        loss.gradient(pp, py, rows: rows, into: pg)
                    }
                }
            }
            layers[last].delta(z: z[last], a: a[last], upstream: upstream, into: &delta[last])
        }
        var l = last
        while l >= 0 {
            try layers[l].accumulateGradients(input: l == 0 ? x : a[l - 1], delta: delta[l])
            if l > 0 {
                try layers[l].inputGradient(delta: delta[l], into: &upstream)
                layers[l - 1].delta(z: z[l - 1], a: a[l - 1], upstream: upstream, into: &delta[l - 1])
            }
            l -= 1
        }
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

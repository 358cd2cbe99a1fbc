// The deeper symmetric autoencoder, `autoencoder(n_in, n_code, hidden: [h1, h2, ...])`:
// n_in → h1 → h2 → … → n_code → … → h2 → h1 → n_in, act on every layer but the last (out).
// Denoising and KL/L1 sparsity of the code work as in the one-layer autoencoder.
import TensorKit

/// What the script face of an autoencoder needs, whatever its depth.
public protocol AutoencoderModel: TrainableModel, ModelFileConvertible {
    /// n_in and n_code.
    var inputs: Int { get }
    var codes: Int { get }
    /// The variant.
    var options: AutoencoderOptions { get }
    /// The widths between input and code (empty for the one-layer autoencoder).
    var hidden: [Int] { get }
    /// The input-facing weights: W, b of the first encoder layer, W2, b2 of the last decoder layer.
    var w: Parameter { get }
    var b: Parameter { get }
    var b2: Parameter { get }
    var decoderWeights: Tensor { get }
    /// Every dense layer in order (encoder, then decoder); nil for the one-layer autoencoder.
    var layers: [Dense]? { get }
    func set(_ name: String, _ value: Tensor) throws
    func encode(_ x: Tensor) throws -> Tensor
    func decode(_ h: Tensor) throws -> Tensor
    func reconstruct(_ x: Tensor) throws -> Tensor
    func objective(_ x: Tensor) throws -> Double
    func terms(_ x: Tensor) throws -> AutoencoderTerms
}

extension Autoencoder: AutoencoderModel {
    public var hidden: [Int] { [] }
    public var layers: [Dense]? { nil }
}

/// An autoencoder with hidden layers between the input and the code, mirrored in the decoder.
public final class DeepAutoencoder: AutoencoderModel {
    public let inputs: Int, codes: Int
    public let hidden: [Int]
    public let options: AutoencoderOptions
    /// n_in → h1 → … → n_code, each with act.
    public let encoder: [Dense]
    /// n_code → … → h1 with act, then h1 → n_in with out.
    public let decoder: [Dense]

    /// Layers drawn from `rng` as `dense` draws them, encoder first, then decoder; biases 0.
    public init(inputs: Int, codes: Int, hidden: [Int], options: AutoencoderOptions, rng: RandomGenerator) throws {
        guard !hidden.isEmpty, hidden.count <= 64 else {
            throw NeuralError.combination("autoencoder", "hidden must list 1 to 64 layer widths")
        }
        guard options.contractive == 0, !options.tied else {
            throw NeuralError.combination("autoencoder", "contractive and tied work with one hidden layer only (leave out hidden:)")
        }
        if case .topK = options.sparsity {
            throw NeuralError.combination("autoencoder", "topk works with one hidden layer only (leave out hidden:)")
        }
        try options.checkLossFitsOutput()
        var o = options
        o.noise = try options.noise?.validated()
        o.sparsity = try options.sparsity?.validated()
        let sizes = [inputs] + hidden + [codes]
        for s in sizes where s < 1 || s > 1 << 24 {
            throw NeuralError.combination("autoencoder", "layer widths must be whole numbers from 1, got \(s)")
        }
        var enc: [Dense] = [], dec: [Dense] = []
        for i in 0..<(sizes.count - 1) {
            enc.append(try Dense(inputs: sizes[i], outputs: sizes[i + 1], activation: o.act, rng: rng))
        }
        let back = Array(sizes.reversed())
        for i in 0..<(back.count - 1) {
            let last = i == back.count - 2
            dec.append(try Dense(inputs: back[i], outputs: back[i + 1], activation: last ? o.out : o.act, rng: rng))
        }
        self.inputs = inputs
        self.codes = codes
        self.hidden = hidden
        self.options = o
        encoder = enc
        decoder = dec
    }

    public var layers: [Dense]? { encoder + decoder }
    public var parameters: [Parameter] { (encoder + decoder).flatMap { $0.parameters } }
    public var w: Parameter { encoder[0].weight }
    public var b: Parameter { encoder[0].bias }
    public var b2: Parameter { decoder[decoder.count - 1].bias }
    public var decoderWeights: Tensor { decoder[decoder.count - 1].weight.value }

    /// Replaces W, b (first encoder layer), W2 or b2 (last decoder layer).
    public func set(_ name: String, _ value: Tensor) throws {
        switch name {
        case "W": try encoder[0].setWeight(value)
        case "b": try encoder[0].setBias(value)
        case "W2": try decoder[decoder.count - 1].setWeight(value)
        case "b2": try decoder[decoder.count - 1].setBias(value)
        default: throw NeuralError.noParameter("autoencoder", name, known: "W, b, W2, b2; the others are in ae.layers")
        }
    }

    /// Pre-activations and outputs of each layer of `chain` on an N-row batch.
    func run(_ chain: [Dense], _ x: [Double], rows n: Int) throws -> (z: [[Double]], a: [[Double]]) {
        var zs: [[Double]] = [], outs: [[Double]] = []
        var input = x
        for layer in chain {
            let z = try layer.preActivation(input, rows: n)
            var a = z
            AutoencoderTransfer.apply(layer.activation, &a, width: layer.outputs)
            zs.append(z)
            outs.append(a)
            input = a
        }
        return (zs, outs)
    }

    public func encode(_ x: Tensor) throws -> Tensor {
        let n = try AutoencoderMath.rows(x, width: inputs, model: "autoencoder.encode")
        let h = try run(encoder, x.storage, rows: n).a.last ?? []
        return Tensor(shape: x.rank == 1 ? [codes] : [n, codes], storage: h)
    }

    public func decode(_ h: Tensor) throws -> Tensor {
        let n = try AutoencoderMath.rows(h, width: codes, model: "autoencoder.decode")
        let y = try run(decoder, h.storage, rows: n).a.last ?? []
        return Tensor(shape: h.rank == 1 ? [inputs] : [n, inputs], storage: y)
    }

    public func reconstruct(_ x: Tensor) throws -> Tensor {
        let n = try AutoencoderMath.rows(x, width: inputs, model: "autoencoder")
        let y = try run(encoder + decoder, x.storage, rows: n).a.last ?? []
        return Tensor(shape: x.shape, storage: y)
    }

    public func objective(_ x: Tensor) throws -> Double { try terms(x).loss }

    public func terms(_ x: Tensor) throws -> AutoencoderTerms {
        let n = try AutoencoderMath.rows(x, width: inputs, model: "autoencoder.loss")
        return try step(input: x.storage, target: x.storage, rows: n, gradients: false)
    }

    public func lossAndGradients(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        let n = try AutoencoderMath.rows(x, width: inputs, model: "autoencoder")
        var input = x.storage
        options.noise?.corrupt(&input, rng: rng)
        return try step(input: input, target: x.storage, rows: n, gradients: true).loss
    }

    public func evaluationLoss(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        try objective(x)
    }

    /// Forward through every layer, the objective, and backpropagation layer by layer from the
    /// output down; the sparsity gradient joins ∂L/∂h at the code layer.
    func step(input: [Double], target: [Double], rows n: Int, gradients: Bool) throws -> AutoencoderTerms {
        let chain = encoder + decoder
        let pass = try run(chain, input, rows: n)
        let code = pass.a[encoder.count - 1]
        var g = gradients ? [Double](repeating: 0, count: target.count) : []
        let reconstruction = g.withUnsafeMutableBufferPointer { p in
            options.loss.reconstruction(pass.a[chain.count - 1], target, rows: n, grad: gradients ? p : nil)
        }
        var penalty = 0.0
        if !gradients {
            penalty = options.sparsity?.penalty(code, rows: n, cols: codes, grad: nil) ?? 0
            return AutoencoderTerms(loss: reconstruction + penalty, reconstruction: reconstruction, penalty: penalty,
                                    rhoHat: SparsityPenalty.meanActivation(code, rows: n, cols: codes), jacobianNorm: .nan)
        }
        for l in stride(from: chain.count - 1, through: 0, by: -1) {
            if l == encoder.count - 1 {
                penalty = g.withUnsafeMutableBufferPointer { p in
                    options.sparsity?.penalty(code, rows: n, cols: codes, grad: p) ?? 0
                }
            }
            // δˡ = ∂L/∂aˡ ∘ φ′(zˡ); ∂L/∂aˡ⁻¹ = δˡ Wˡ
            AutoencoderTransfer.backward(chain[l].activation, &g, z: pass.z[l], a: pass.a[l], width: chain[l].outputs)
            g = try chain[l].backpropagate(g, input: l == 0 ? input : pass.a[l - 1], rows: n, needInput: l > 0)
        }
        return AutoencoderTerms(loss: reconstruction + penalty, reconstruction: reconstruction, penalty: penalty,
                                rhoHat: [], jacobianNorm: .nan)
    }
}

// The deeper symmetric autoencoder, `autoencoder(n_in, n_code, hidden: [h1, h2, ...])`:
// n_in → h1 → h2 → … → n_code → … → h2 → h1 → n_in, act on every layer but the last (out).
// The same stack as the one-layer autoencoder, with longer sequences; denoising and KL/L1 sparsity
// of the code work as there.
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

    /// Encoder, decoder, penalties.
    let stack: AutoencoderStack
    /// A training step's caches, kept for the next step.
    var pass = AutoencoderStack.Pass()

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
        stack = AutoencoderStack(encoder: LayerSequence(enc), decoder: LayerSequence(dec), codeLayer: enc[enc.count - 1],
                                 loss: o.loss, penalties: CodePenalties.penalties(for: o),
                                 parameters: (enc + dec).flatMap { $0.parameters }, transposesSmallSigmoidProducts: false)
    }

    public var layers: [Dense]? { encoder + decoder }
    public var parameters: [Parameter] { stack.parameters }
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

    public func encode(_ x: Tensor) throws -> Tensor {
        var p = AutoencoderStack.Pass()
        try stack.encode(try AutoencoderStack.batch(x, width: inputs, model: "autoencoder.encode"), keep: nil, &p)
        let h = p.encoder[encoder.count - 1].a
        return x.rank == 1 ? Tensor(shape: [codes], storage: h.storage) : h
    }

    public func decode(_ h: Tensor) throws -> Tensor {
        var p = AutoencoderStack.Pass()
        try stack.decode(try AutoencoderStack.batch(h, width: codes, model: "autoencoder.decode"), &p)
        let y = p.decoder[decoder.count - 1].a
        return h.rank == 1 ? Tensor(shape: [inputs], storage: y.storage) : y
    }

    public func reconstruct(_ x: Tensor) throws -> Tensor {
        var p = AutoencoderStack.Pass()
        try stack.encode(try AutoencoderStack.batch(x, width: inputs, model: "autoencoder"), keep: nil, &p)
        try stack.decode(p.encoder[encoder.count - 1].a, &p)
        return Tensor(shape: x.shape, storage: p.decoder[decoder.count - 1].a.storage)
    }

    public func objective(_ x: Tensor) throws -> Double { try terms(x).loss }

    public func terms(_ x: Tensor) throws -> AutoencoderTerms {
        let batch = try AutoencoderStack.batch(x, width: inputs, model: "autoencoder.loss")
        var p = AutoencoderStack.Pass()
        let t = try stack.step(batch, target: batch, keep: nil, gradients: false, &p)
        let h = p.encoder[encoder.count - 1].a.storage
        return AutoencoderTerms(loss: t.reconstruction + t.penalty, reconstruction: t.reconstruction, penalty: t.penalty,
                                rhoHat: SparsityPenalty.meanActivation(h, rows: batch.shape[0], cols: codes), jacobianNorm: .nan)
    }

    public func lossAndGradients(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        let (input, target) = try stack.noisyBatch(x, noise: options.noise, rng: rng)
        return try trainingStep(input: input, target: target)
    }

    /// One step on the N×n_in `input` (already corrupted when denoising) against `target`.
    func trainingStep(input: Tensor, target: Tensor) throws -> Double {
        let t = try stack.step(input, target: target, keep: nil, gradients: true, &pass)
        return t.reconstruction + t.penalty
    }

    public func evaluationLoss(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        try objective(x)
    }

    /// Drops the training step's caches (the trainer calls this when `fit` ends).
    public func releaseStepBuffers() {
        pass = AutoencoderStack.Pass(fused: pass.fused)
    }
}

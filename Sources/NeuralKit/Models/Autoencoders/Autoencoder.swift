// The autoencoder of lecture 3.6: encoder h = act(x Wᵀ + b), decoder x′ = out(h W2ᵀ + b2) (tied:
// out(h W + b2)), two one-layer sequences; the denoising, sparse (KL, L1, k-sparse), contractive
// and tied-weight variants are options that pick the input noise, code penalties and transform.
import TensorKit

/// The options that pick an autoencoder's variant: noise, sparsity, contractive weight, tied weights.
public struct AutoencoderOptions: Equatable, Sendable {
    /// Encoder transfer function (default sigmoid).
    public var act: Activation = .sigmoid
    /// Decoder transfer function (default sigmoid).
    public var out: Activation = .sigmoid
    /// Reconstruction loss: mse (default), sse or bce.
    public var loss: Loss = .mse
    /// Denoising: the corruption drawn anew at each training step.
    public var noise: NoiseProcess? = nil
    /// Sparse variants.
    public var sparsity: SparsityPenalty? = nil
    /// Contractive weight λ (0: none).
    public var contractive: Double = 0
    /// Tied weights: W2 is Wᵀ.
    public var tied: Bool = false

    public init() {}
}

extension AutoencoderOptions {
    /// bce scores probabilities, so the decoder's `out` must keep x′ in [0, 1]; with a linear or
    /// tanh output it would take the log of negative numbers (PyTorch refuses such inputs too).
    func checkLossFitsOutput() throws {
        guard loss.kind == .binaryCrossEntropy else { return }
        switch out {
        case .sigmoid, .softmax, .step: return
        case .linear, .tanh, .relu, .leakyRelu, .softplus, .gelu, .swish:
            throw NeuralError.combination("autoencoder", "loss: bce needs reconstructions in [0, 1], so out: sigmoid (got out: \(out.name)); or use loss: mse")
        }
    }
}

/// A one-hidden-layer autoencoder n_in → n_code → n_in, trainable by the common trainer.
public final class Autoencoder: TrainableModel {
    /// n_in, the width of the data.
    public let inputs: Int
    /// n_code, the width of the code h.
    public let codes: Int
    /// The variant.
    public let options: AutoencoderOptions
    /// The encoder layer n_in → n_code (act).
    public let encoderLayer: Dense
    /// The decoder layer n_code → n_in (out): a `Dense`, or a `TiedDense` reading Wᵀ.
    public let decoderLayer: any Layer
    /// The terms of the objective at the last training step (the trainer may log them).
    public internal(set) var lastTerms: AutoencoderTerms?
    /// Encoder, decoder, penalties.
    let stack: AutoencoderStack
    /// A training step's caches, kept for the next step.
    var pass = AutoencoderStack.Pass()

    /// A new autoencoder with weights drawn from `rng`: W as `dense(n_in, n_code, act: act)`, then
    /// W2 (unless tied) as `dense(n_code, n_in, act: out)`, biases 0.
    public init(inputs: Int, codes: Int, options: AutoencoderOptions, rng: RandomGenerator,
                penalties: [CodePenalties.Row] = CodePenalties.table) throws {
        guard inputs >= 1, codes >= 1, inputs <= 1 << 24, codes <= 1 << 24,
              inputs.multipliedReportingOverflow(by: codes).partialValue <= 1 << 28 else {
            throw NeuralError.combination("autoencoder", "n_in and n_code must be whole numbers from 1 (got \(inputs) and \(codes))")
        }
        let o = try options.validated(codes: codes)
        self.inputs = inputs
        self.codes = codes
        self.options = o
        let enc = try Dense(inputs: inputs, outputs: codes, activation: o.act, rng: rng)
        let dec: any Layer = o.tied ? TiedDense(transposing: enc, activation: o.out)
                                    : try Dense(inputs: codes, outputs: inputs, activation: o.out, rng: rng)
        encoderLayer = enc
        decoderLayer = dec
        let all = o.tied ? [enc.weight, enc.bias] + dec.parameters : enc.parameters + dec.parameters
        stack = AutoencoderStack(encoder: LayerSequence([enc]), decoder: LayerSequence([dec]), codeLayer: enc,
                                 loss: o.loss, penalties: CodePenalties.penalties(for: o, table: penalties),
                                 parameters: all, transposesSmallSigmoidProducts: true)
    }

    /// Encoder weights W (n_code×n_in) and bias b (n_code).
    public var w: Parameter { encoderLayer.weight }
    public var b: Parameter { encoderLayer.bias }
    /// Decoder weights W2 (n_in×n_code); nil when tied (W2 is then Wᵀ).
    public var w2: Parameter? { (decoderLayer as? Dense)?.weight }
    /// Decoder bias b2 (n_in).
    public var b2: Parameter { decoderLayer.parameters[decoderLayer.parameters.count - 1] }

    /// W, b, W2 (unless tied), b2: the order optimizers keep their state in.
    public var parameters: [Parameter] { stack.parameters }

    /// The decoder weights as users see them: W2, or Wᵀ when tied.
    public var decoderWeights: Tensor {
        if let w2 { return w2.value }
        return w.value.transposed()
    }

    /// Replaces W, b, W2 or b2 (`ae.W = ...`), checking the shape; setting W2 of a tied
    /// autoencoder sets W to its transpose.
    public func set(_ name: String, _ value: Tensor) throws {
        func check(_ shape: [Int]) throws {
            guard value.shape == shape else {
                throw NeuralError.parameterShape("autoencoder", name, shape, got: value.shape)
            }
        }
        switch name {
        case "W": try check([codes, inputs]); w.value = value
        case "b": try check([codes]); b.value = value
        case "b2": try check([inputs]); b2.value = value
        case "W2":
            try check([inputs, codes])
            if let w2 { w2.value = value } else { w.value = value.transposed() }
        default: throw NeuralError.noParameter("autoencoder", name, known: "W, b, W2, b2")
        }
    }

    /// How many code units k-sparse keeps: k in training and reconstruction, αk when encoding.
    func kept(encoding: Bool) -> Int? {
        guard case .topK(let k, let alpha) = options.sparsity else { return nil }
        guard encoding else { return k }
        let scaled = (alpha * Double(k)).rounded()
        return scaled >= Double(codes) ? codes : Swift.max(Int(scaled), k)
    }

    /// The code of the rows of `x` keeping `keep` units (top-k), with no noise.
    func code(_ x: Tensor, keep: Int?) throws -> Tensor {
        var p = AutoencoderStack.Pass()
        try stack.encode(x, keep: keep, &p)
        return p.encoder[0].a
    }

    /// The code h of each row of `x` (N×n_in or one vector), with no noise.
    public func encode(_ x: Tensor) throws -> Tensor {
        let h = try code(try AutoencoderStack.batch(x, width: inputs, model: "autoencoder.encode"), keep: kept(encoding: true))
        return x.rank == 1 ? Tensor(shape: [codes], storage: h.storage) : h
    }

    /// The reconstruction out(h W2ᵀ + b2) of codes `h` (N×n_code or one vector).
    public func decode(_ h: Tensor) throws -> Tensor {
        var p = AutoencoderStack.Pass()
        try stack.decode(try AutoencoderStack.batch(h, width: codes, model: "autoencoder.decode"), &p)
        let y = p.decoder[0].a
        return h.rank == 1 ? Tensor(shape: [inputs], storage: y.storage) : y
    }

    /// decode(encode(x)) with k units kept (not αk), with no noise: `ae(X)`.
    public func reconstruct(_ x: Tensor) throws -> Tensor {
        var p = AutoencoderStack.Pass()
        try stack.encode(try AutoencoderStack.batch(x, width: inputs, model: "autoencoder"), keep: kept(encoding: false), &p)
        try stack.decode(p.encoder[0].a, &p)
        return Tensor(shape: x.shape, storage: p.decoder[0].a.storage)
    }
}

extension AutoencoderOptions {
    /// The options with their parameters checked, and the combinations the contract refuses refused.
    func validated(codes: Int) throws -> AutoencoderOptions {
        var o = self
        o.noise = try noise?.validated()
        o.sparsity = try sparsity?.validated()
        guard o.contractive.isFinite, o.contractive >= 0 else {
            throw NeuralError.range("autoencoder", "contractive", "a finite number ≥ 0", o.contractive)
        }
        if case .topK(let k, _) = o.sparsity {
            guard o.act == .linear, o.tied else {
                throw NeuralError.combination("autoencoder", "sparsity: topk(\(k)) needs act: linear and tied: true (got act: \(o.act.rawValue), tied: \(o.tied))")
            }
            guard k <= codes else {
                throw NeuralError.combination("autoencoder", "topk(\(k)) keeps more units than the code has (\(codes))")
            }
            guard o.contractive == 0 else {
                throw NeuralError.combination("autoencoder", "contractive cannot be combined with topk")
            }
        }
        try o.checkLossFitsOutput()
        if o.contractive > 0, o.act == .softmax {
            throw NeuralError.combination("autoencoder", "contractive needs an elementwise act, got softmax")
        }
        return o
    }
}

/// The parts of an autoencoder's objective on one batch.
public struct AutoencoderTerms: Equatable, Sendable {
    /// reconstruction + penalty: what training minimises.
    public var loss: Double
    /// The reconstruction loss alone.
    public var reconstruction: Double
    /// The sparsity and contractive penalties together (0 without them).
    public var penalty: Double
    /// ρ̂_j, the mean activation of each code unit over the batch.
    public var rhoHat: [Double]
    /// The mean Frobenius norm of ∂h/∂x over the batch (contractive diagnostic).
    public var jacobianNorm: Double
}

// The autoencoder of lecture 3.6: encoder h = act(x Wᵀ + b), decoder x′ = out(h W2ᵀ + b2), with
// the denoising, sparse (KL, L1, k-sparse), contractive and tied-weight variants as options.
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
    /// Encoder weights W (n_code×n_in) and bias b (n_code).
    public let w: Parameter, b: Parameter
    /// Decoder weights W2 (n_in×n_code); nil when tied (W2 is then Wᵀ).
    public let w2: Parameter?
    /// Decoder bias b2 (n_in).
    public let b2: Parameter
    /// The terms of the objective at the last training step (the trainer may log them).
    public internal(set) var lastTerms: AutoencoderTerms?
    /// A training step's buffers, kept for the next step (see `StepBuffers`).
    var buffers = StepBuffers()

    /// A new autoencoder with weights drawn from `rng`: W as `dense(n_in, n_code, act: act)`, then
    /// W2 (unless tied) as `dense(n_code, n_in, act: out)`, biases 0.
    public init(inputs: Int, codes: Int, options: AutoencoderOptions, rng: RandomGenerator) throws {
        guard inputs >= 1, codes >= 1, inputs <= 1 << 24, codes <= 1 << 24,
              inputs.multipliedReportingOverflow(by: codes).partialValue <= 1 << 28 else {
            throw NeuralError.combination("autoencoder", "n_in and n_code must be whole numbers from 1 (got \(inputs) and \(codes))")
        }
        var o = options
        o.noise = try options.noise?.validated()
        o.sparsity = try options.sparsity?.validated()
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
        self.inputs = inputs
        self.codes = codes
        self.options = o
        w = Parameter(try AutoencoderMath.initialWeights(o.act, inputs: inputs, outputs: codes, rng: rng))
        b = Parameter(AutoencoderMath.zeros([codes]))
        w2 = o.tied ? nil : Parameter(try AutoencoderMath.initialWeights(o.out, inputs: codes, outputs: inputs, rng: rng))
        b2 = Parameter(AutoencoderMath.zeros([inputs]))
    }

    /// W, b, W2 (unless tied), b2: the order optimizers keep their state in.
    public var parameters: [Parameter] {
        if let w2 { return [w, b, w2, b2] }
        return [w, b, b2]
    }

    /// The decoder weights as users see them: W2, or Wᵀ when tied.
    public var decoderWeights: Tensor {
        if let w2 { return w2.value }
        return AutoencoderMath.transposed(w.value)
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
            if let w2 { w2.value = value } else { w.value = AutoencoderMath.transposed(value) }
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

    /// The code h of each row of `x` (N×n_in or one vector), with no noise.
    public func encode(_ x: Tensor) throws -> Tensor {
        let n = try AutoencoderMath.rows(x, width: inputs, model: "autoencoder.encode")
        let f = try encoderPass(x.storage, rows: n, keep: kept(encoding: true))
        return Tensor(shape: x.rank == 1 ? [codes] : [n, codes], storage: f.h)
    }

    /// The reconstruction out(h W2ᵀ + b2) of codes `h` (N×n_code or one vector).
    public func decode(_ h: Tensor) throws -> Tensor {
        let n = try AutoencoderMath.rows(h, width: codes, model: "autoencoder.decode")
        let d = try decoderPass(h.storage, rows: n)
        return Tensor(shape: h.rank == 1 ? [inputs] : [n, inputs], storage: d.y)
    }

    /// decode(encode(x)) with k units kept (not αk), with no noise: `ae(X)`.
    public func reconstruct(_ x: Tensor) throws -> Tensor {
        let n = try AutoencoderMath.rows(x, width: inputs, model: "autoencoder")
        let f = try encoderPass(x.storage, rows: n, keep: kept(encoding: false))
        let d = try decoderPass(f.h, rows: n)
        return Tensor(shape: x.shape, storage: d.y)
    }

    /// The full objective (reconstruction + penalties) at the current weights, without noise.
    public func objective(_ x: Tensor) throws -> Double {
        try terms(x).loss
    }

    /// The objective's terms on `x`, without noise, with ρ̂ per unit and the mean ‖J‖_F.
    public func terms(_ x: Tensor) throws -> AutoencoderTerms {
        let n = try AutoencoderMath.rows(x, width: inputs, model: "autoencoder.loss")
        return try step(input: x.storage, target: x.storage, rows: n, gradients: false)
    }

    // MARK: - forward passes

    /// The encoder's values for a batch: pre-activations z, the code h, and the k-sparse mask.
    struct EncoderValues {
        var z: [Double]
        var h: [Double]
        var mask: [Double]?
        /// Wᵀ, kept for the product (see AutoencoderMath.sigmoidLayer).
        var weightsT: [Double] = []
    }

    /// The decoder's values: pre-activations z2 and the reconstruction y.
    struct DecoderValues {
        var z: [Double]
        var y: [Double]
        /// W2ᵀ, kept for the product (see AutoencoderMath.sigmoidLayer).
        var weightsT: [Double] = []
    }

    /// z = x Wᵀ + b, h = act(z), then the k-sparse mask when `keep` is set; z is left empty
    /// when neither backward, the contractive term nor the diagnostics need it.
    func encoderPass(_ x: [Double], rows n: Int, keep: Int?, diagnostics: Bool = false) throws -> EncoderValues {
        var values = EncoderValues(z: [], h: [], mask: nil)
        try encoderPass(x, rows: n, keep: keep, diagnostics: diagnostics, into: &values)
        return values
    }

    /// `encoderPass` into buffers kept from an earlier batch (reused when their sizes fit).
    func encoderPass(_ x: [Double], rows n: Int, keep: Int?, diagnostics: Bool,
                     into v: inout EncoderValues) throws {
        if options.act == .sigmoid {
            // The bias and σ in one pass after the product; z is kept as a by-product.
            try AutoencoderMath.sigmoidLayer(x, rows: n, inputs, w.value.storage, codes, inputs, transposeW: true,
                                             bias: b.value.storage, z: &v.z, a: &v.h, scratch: &v.weightsT)
        } else {
            try AutoencoderMath.affine(x, rows: n, inputs, w.value.storage, codes, inputs, transposeW: true,
                                       bias: b.value.storage, into: &v.h)
            // Keep z apart from h only when something still needs it (φ′ from z, or φ″ for contractive).
            if diagnostics || options.contractive > 0 || AutoencoderTransfer.needsPreActivation(options.act) {
                AutoencoderMath.copy(v.h, into: &v.z)
            } else if !v.z.isEmpty {
                v.z = []
            }
            AutoencoderTransfer.apply(options.act, &v.h, width: codes)
        }
        if let keep {
            var m = v.mask ?? []
            SparsityPenalty.keepLargest(&v.h, rows: n, cols: codes, keep: keep, mask: &m)
            v.mask = m
        } else {
            v.mask = nil
        }
    }

    /// z2 = h W2ᵀ + b2 (tied: h W + b2), y = out(z2); z2 left empty when out′ comes from y alone.
    func decoderPass(_ h: [Double], rows n: Int) throws -> DecoderValues {
        var values = DecoderValues(z: [], y: [])
        try decoderPass(h, rows: n, into: &values)
        return values
    }

    /// `decoderPass` into buffers kept from an earlier batch.
    func decoderPass(_ h: [Double], rows n: Int, into v: inout DecoderValues) throws {
        if options.out == .sigmoid {
            let (weights, rows, cols) = w2.map { ($0.value.storage, inputs, codes) } ?? (w.value.storage, codes, inputs)
            try AutoencoderMath.sigmoidLayer(h, rows: n, codes, weights, rows, cols, transposeW: w2 != nil,
                                             bias: b2.value.storage, z: &v.z, a: &v.y, scratch: &v.weightsT)
            return
        }
        if let w2 {
            try AutoencoderMath.affine(h, rows: n, codes, w2.value.storage, inputs, codes, transposeW: true,
                                       bias: b2.value.storage, into: &v.y)
        } else {
            try AutoencoderMath.affine(h, rows: n, codes, w.value.storage, codes, inputs, transposeW: false,
                                       bias: b2.value.storage, into: &v.y)
        }
        if AutoencoderTransfer.needsPreActivation(options.out) {
            AutoencoderMath.copy(v.y, into: &v.z)
        } else if !v.z.isEmpty {
            v.z = []
        }
        AutoencoderTransfer.apply(options.out, &v.y, width: inputs)
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

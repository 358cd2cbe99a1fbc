// The variational autoencoder of lecture 3.6: encoder n_in → hidden (act) → μ, log σ² (linear
// heads); z = μ + exp(½ log σ²) ε; decoder n_latent → hidden (act) → n_in (sigmoid).
import TensorKit

/// The batch arithmetic a VAE runs through its dense layers, on flat row-major buffers.
extension Dense {
    /// The pre-activations z = x Wᵀ + b of an N-row batch.
    func preActivation(_ x: [Double], rows n: Int) throws -> [Double] {
        try AutoencoderMath.affine(x, rows: n, inputs, weight.value.storage, outputs, inputs, transposeW: true,
                                   bias: bias.value.storage)
    }

    /// Stores ∂L/∂W = δᵀ x and ∂L/∂b = Σ_n δ, and returns ∂L/∂x = δ W (when asked).
    func backpropagate(_ delta: [Double], input x: [Double], rows n: Int, needInput: Bool) throws -> [Double] {
        weight.grad = Tensor(shape: [outputs, inputs],
                             storage: try AutoencoderMath.product(delta, n, outputs, x, n, inputs, transposeA: true))
        bias.grad = Tensor(shape: [outputs], storage: AutoencoderMath.columnSums(delta, cols: outputs))
        guard needInput else { return [] }
        return try AutoencoderMath.product(delta, n, outputs, weight.value.storage, outputs, inputs)
    }
}

/// A variational autoencoder with Gaussian latent code and a standard normal prior.
public final class VAE: TrainableModel {
    /// n_in, n_latent and the hidden width.
    public let inputs: Int, latent: Int, hidden: Int
    /// Reconstruction term: bce summed over features (`Loss.bce.summedPerSample`, the default) or sse.
    public let loss: Loss
    /// n_in → hidden (act).
    public let enc: Dense
    /// hidden → n_latent heads for μ and log σ² (linear).
    public let mu: Dense, logvar: Dense
    /// n_latent → hidden (act).
    public let dec: Dense
    /// hidden → n_in (sigmoid).
    public let out: Dense
    /// The terms of the last training step.
    public internal(set) var lastTerms: VAETerms?

    /// A new VAE; weights drawn from `rng` layer by layer in the order enc, mu, logvar, dec, out,
    /// each as `dense` draws them.
    public init(inputs: Int, latent: Int, hidden: Int, act: Activation, loss: Loss,
                rng: RandomGenerator) throws {
        for (name, v) in [("n_in", inputs), ("n_latent", latent), ("hidden", hidden)] {
            guard v >= 1, v <= 1 << 20 else {
                throw NeuralError.combination("vae", "\(name) must be a whole number from 1 to 1048576, got \(v)")
            }
        }
        guard inputs.multipliedReportingOverflow(by: hidden).partialValue <= 1 << 28 else {
            throw NeuralError.combination("vae", "n_in × hidden is too large (\(inputs) × \(hidden))")
        }
        guard loss == Loss.bce.summedPerSample || loss == .sse else {
            throw NeuralError.combination("vae", "loss must be bce or sse, got \(loss.name)")
        }
        guard act != .softmax else {
            throw NeuralError.combination("vae", "act must be an elementwise transfer function, got softmax")
        }
        self.inputs = inputs
        self.latent = latent
        self.hidden = hidden
        self.loss = loss
        enc = try Dense(inputs: inputs, outputs: hidden, activation: act, rng: rng)
        mu = try Dense(inputs: hidden, outputs: latent, activation: .linear, rng: rng)
        logvar = try Dense(inputs: hidden, outputs: latent, activation: .linear, rng: rng)
        dec = try Dense(inputs: latent, outputs: hidden, activation: act, rng: rng)
        out = try Dense(inputs: hidden, outputs: inputs, activation: .sigmoid, rng: rng)
    }

    /// The layers in order: enc, mu, logvar, dec, out.
    public var layers: [Dense] { [enc, mu, logvar, dec, out] }

    /// W and b of each layer in order.
    public var parameters: [Parameter] { layers.flatMap { $0.parameters } }

    /// μ and log σ² of each row of `x` (N×n_in or one vector).
    public func encode(_ x: Tensor) throws -> (mu: Tensor, logvar: Tensor) {
        let n = try AutoencoderMath.rows(x, width: inputs, model: "vae.encode")
        let e = try encoderPass(x.storage, rows: n)
        let shape = x.rank == 1 ? [latent] : [n, latent]
        return (Tensor(shape: shape, storage: e.mu), Tensor(shape: shape, storage: e.logvar))
    }

    /// The decoder's output for latent codes `z` (N×n_latent or one vector).
    public func decode(_ z: Tensor) throws -> Tensor {
        let n = try AutoencoderMath.rows(z, width: latent, model: "vae.decode")
        let d = try decoderPass(z.storage, rows: n)
        return Tensor(shape: z.rank == 1 ? [inputs] : [n, inputs], storage: d.y)
    }

    /// Reconstructs with z = μ (no sampling): `v(X)`.
    public func reconstruct(_ x: Tensor) throws -> Tensor {
        let n = try AutoencoderMath.rows(x, width: inputs, model: "vae")
        let e = try encoderPass(x.storage, rows: n)
        return Tensor(shape: x.shape, storage: try decoderPass(e.mu, rows: n).y)
    }

    /// n new points decode(z), z ~ N(0, I) drawn row-major from `rng` (as randn(n, n_latent)).
    public func sample(_ count: Int, rng: RandomGenerator) throws -> Tensor {
        let (size, overflow) = count.multipliedReportingOverflow(by: Swift.max(latent, inputs))
        guard count >= 0, !overflow, size <= 1 << 28 else {
            throw NeuralError.combination("vae.sample", "n must be a whole number from 0 (and n × \(Swift.max(latent, inputs)) at most 2^28), got \(count)")
        }
        var z = [Double](repeating: 0, count: count * latent)
        for i in z.indices { z[i] = rng.nextNormal() }
        return Tensor(shape: [count, inputs], storage: try decoderPass(z, rows: count).y)
    }

    /// The objective's terms on `x` with ε drawn from `rng`, or the given N×n_latent `eps`.
    public func terms(_ x: Tensor, eps: Tensor?, rng: RandomGenerator) throws -> VAETerms {
        let n = try AutoencoderMath.rows(x, width: inputs, model: "vae.loss")
        let e = try epsilon(eps, rows: n, rng: rng)
        return try step(x.storage, rows: n, eps: e, gradients: false)
    }

    /// ε for a batch: the given tensor (shape-checked) or N×n_latent standard normal draws.
    func epsilon(_ eps: Tensor?, rows n: Int, rng: RandomGenerator) throws -> [Double] {
        if let eps {
            guard eps.count == n * latent, eps.rank == 2 ? eps.shape == [n, latent] : (n == 1 && eps.rank == 1) else {
                throw NeuralError.input("vae.loss", expected: "eps of shape [\(n), \(latent)]", got: eps.shape)
            }
            return eps.storage
        }
        var e = [Double](repeating: 0, count: n * latent)
        for i in e.indices { e[i] = rng.nextNormal() }
        return e
    }

    // MARK: - forward passes

    /// The encoder's values: hidden pre-activation and activation, μ, log σ².
    struct EncoderValues {
        var z: [Double], a: [Double], mu: [Double], logvar: [Double]
    }

    /// The decoder's values: hidden pre-activation and activation, output pre-activation, output.
    struct DecoderValues {
        var z: [Double], a: [Double], zOut: [Double], y: [Double]
    }

    func encoderPass(_ x: [Double], rows n: Int) throws -> EncoderValues {
        let z = try enc.preActivation(x, rows: n)
        var a = z
        AutoencoderTransfer.apply(enc.activation, &a, width: hidden)
        return EncoderValues(z: z, a: a, mu: try mu.preActivation(a, rows: n), logvar: try logvar.preActivation(a, rows: n))
    }

    func decoderPass(_ code: [Double], rows n: Int) throws -> DecoderValues {
        let z = try dec.preActivation(code, rows: n)
        var a = z
        AutoencoderTransfer.apply(dec.activation, &a, width: hidden)
        let zOut = try out.preActivation(a, rows: n)
        var y = zOut
        AutoencoderTransfer.apply(out.activation, &y, width: inputs)
        return DecoderValues(z: z, a: a, zOut: zOut, y: y)
    }
}

/// The parts of a VAE's objective on one batch (all averaged over the batch).
public struct VAETerms: Equatable, Sendable {
    /// reconstruction + kl: what training minimises (the negative ELBO).
    public var loss: Double
    /// The reconstruction term (bce summed over features, or sse).
    public var reconstruction: Double
    /// KL(q(z|x) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²).
    public var kl: Double
    /// The evidence lower bound, −loss.
    public var elbo: Double { -loss }
}

// The variational autoencoder of lecture 3.6: encoder n_in → hidden (act) → μ, log σ² (linear
// heads, the `Reparameterisation`); z = μ + exp(½ log σ²) ε; decoder n_latent → hidden (act) →
// n_in (sigmoid). Encoder and decoder are layer sequences like any other model's.
import TensorKit

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
    /// enc, the sampling step, then dec and out.
    let encoder: LayerSequence, sampling: Reparameterisation, decoder: LayerSequence
    /// A training step's caches, kept for the next step.
    var pass = Pass()

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
        encoder = LayerSequence([enc])
        sampling = Reparameterisation(mu: mu, logvar: logvar)
        decoder = LayerSequence([dec, out])
    }

    /// The layers in order: enc, mu, logvar, dec, out.
    public var layers: [Dense] { [enc, mu, logvar, dec, out] }

    /// W and b of each layer in order.
    public var parameters: [Parameter] { layers.flatMap { $0.parameters } }

    /// μ and log σ² of each row of `x` (N×n_in or one vector).
    public func encode(_ x: Tensor) throws -> (mu: Tensor, logvar: Tensor) {
        let batch = try AutoencoderStack.batch(x, width: inputs, model: "vae.encode")
        var p = Pass()
        try encoderPass(batch, eps: nil, &p)
        let shape = x.rank == 1 ? [latent] : [batch.shape[0], latent]
        return (Tensor(shape: shape, storage: p.sample.mu.a.storage), Tensor(shape: shape, storage: p.sample.logvar.a.storage))
    }

    /// The decoder's output for latent codes `z` (N×n_latent or one vector).
    public func decode(_ z: Tensor) throws -> Tensor {
        let batch = try AutoencoderStack.batch(z, width: latent, model: "vae.decode")
        var p = Pass()
        let y = try decoderPass(batch, &p)
        return z.rank == 1 ? Tensor(shape: [inputs], storage: y.storage) : y
    }

    /// Reconstructs with z = μ (no sampling): `v(X)`.
    public func reconstruct(_ x: Tensor) throws -> Tensor {
        let batch = try AutoencoderStack.batch(x, width: inputs, model: "vae")
        var p = Pass()
        try encoderPass(batch, eps: nil, &p)
        return Tensor(shape: x.shape, storage: try decoderPass(p.sample.mu.a, &p).storage)
    }

    /// n new points decode(z), z ~ N(0, I) drawn row-major from `rng` (as randn(n, n_latent)).
    public func sample(_ count: Int, rng: RandomGenerator) throws -> Tensor {
        let (size, overflow) = count.multipliedReportingOverflow(by: Swift.max(latent, inputs))
        guard count >= 0, !overflow, size <= 1 << 28 else {
            throw NeuralError.combination("vae.sample", "n must be a whole number from 0 (and n × \(Swift.max(latent, inputs)) at most 2^28), got \(count)")
        }
        var z = [Double](repeating: 0, count: count * latent)
        for i in z.indices { z[i] = rng.nextNormal() }
        var p = Pass()
        return try decoderPass(Tensor(shape: [count, latent], storage: z), &p)
    }

    /// The objective's terms on `x` with ε drawn from `rng`, or the given N×n_latent `eps`.
    public func terms(_ x: Tensor, eps: Tensor?, rng: RandomGenerator) throws -> VAETerms {
        let batch = try AutoencoderStack.batch(x, width: inputs, model: "vae.loss")
        let e = try epsilon(eps, rows: batch.shape[0], rng: rng)
        var p = Pass()
        return try step(batch, eps: e, gradients: false, &p)
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

    /// The caches of a pass through encoder, sampling step and decoder.
    struct Pass {
        var encoder = [LayerCache(arithmetic: .autoencoder)]
        var sample = Reparameterisation.Values(mu: LayerCache(arithmetic: .autoencoder),
                                               logvar: LayerCache(arithmetic: .autoencoder))
        var decoder = Array(repeating: LayerCache(arithmetic: .autoencoder), count: 2)
        var g = Tensor.empty
    }

    /// enc, then μ and log σ², and with `eps` the sample z = μ + σ ε.
    func encoderPass(_ x: Tensor, eps: [Double]?, _ p: inout Pass) throws {
        try encoder.forward(x, &p.encoder)
        let h = p.encoder[0].a
        guard let eps else {
            try mu.forward(h, &p.sample.mu)
            try logvar.forward(h, &p.sample.logvar)
            return
        }
        try sampling.forward(h, eps: eps, &p.sample)
    }

    /// dec then out on the N×n_latent codes `z`; returns the output.
    func decoderPass(_ z: Tensor, _ p: inout Pass) throws -> Tensor {
        try decoder.forward(z, &p.decoder)
        return p.decoder[1].a
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

// The variational autoencoder of lecture 3.6: encoder n_in → hidden (act) → μ, log σ² (linear
// heads); z = μ + exp(½ log σ²) ε; decoder n_latent → hidden (act) → n_in (sigmoid).
import TensorKit

/// One dense layer of a VAE: a = act(x Wᵀ + b), W of shape n_out×n_in.
public final class VAELayer {
    /// Weights (n_out×n_in).
    public let w: Parameter
    /// Bias (n_out).
    public let b: Parameter
    /// Transfer function.
    public let act: Activation
    /// n_in and n_out.
    public let inputs: Int, outputs: Int

    init(_ inputs: Int, _ outputs: Int, act: Activation, rng: RandomGenerator) {
        self.inputs = inputs
        self.outputs = outputs
        self.act = act
        w = Parameter(AutoencoderMath.initialWeights(act, inputs: inputs, outputs: outputs, rng: rng))
        b = Parameter(AutoencoderMath.zeros([outputs]))
    }

    /// The pre-activations z = x Wᵀ + b of an N-row batch.
    func linear(_ x: [Double], rows n: Int) throws -> [Double] {
        var z = try AutoencoderMath.product(x, n, inputs, w.value.storage, outputs, inputs, transposeB: true)
        AutoencoderMath.addBias(&z, b.value.storage, cols: outputs)
        return z
    }

    /// Stores ∂L/∂W = δᵀ x and ∂L/∂b = Σ_n δ, and returns ∂L/∂x = δ W.
    func backward(_ delta: [Double], input x: [Double], rows n: Int, needInput: Bool) throws -> [Double] {
        w.grad = Tensor(shape: [outputs, inputs],
                        storage: try AutoencoderMath.product(delta, n, outputs, x, n, inputs, transposeA: true))
        b.grad = Tensor(shape: [outputs], storage: AutoencoderMath.columnSums(delta, cols: outputs))
        guard needInput else { return [] }
        return try AutoencoderMath.product(delta, n, outputs, w.value.storage, outputs, inputs)
    }

    /// Replaces W or b, checking the shape.
    public func set(_ name: String, _ value: Tensor) throws {
        switch name {
        case "W":
            guard value.shape == [outputs, inputs] else {
                throw AutoencoderError.option("layer", "W must have shape \([outputs, inputs]), got \(value.shape)")
            }
            w.value = value
        case "b":
            guard value.shape == [outputs] else {
                throw AutoencoderError.option("layer", "b must have shape \([outputs]), got \(value.shape)")
            }
            b.value = value
        default:
            throw AutoencoderError.option("layer", "no parameter '\(name)' (W, b)")
        }
    }
}

/// A variational autoencoder with Gaussian latent code and a standard normal prior.
public final class VAE: TrainableModel {
    /// n_in, n_latent and the hidden width.
    public let inputs: Int, latent: Int, hidden: Int
    /// Reconstruction term: `.bceSum` (bce summed over features, the default) or `.sse`.
    public let loss: ReconstructionLoss
    /// n_in → hidden (act).
    public let enc: VAELayer
    /// hidden → n_latent heads for μ and log σ² (linear).
    public let mu: VAELayer, logvar: VAELayer
    /// n_latent → hidden (act).
    public let dec: VAELayer
    /// hidden → n_in (sigmoid).
    public let out: VAELayer
    /// The terms of the last training step.
    public internal(set) var lastTerms: VAETerms?

    /// A new VAE; weights drawn from `rng` layer by layer in the order enc, mu, logvar, dec, out,
    /// each as `dense` draws them.
    public init(inputs: Int, latent: Int, hidden: Int, act: Activation, loss: ReconstructionLoss,
                rng: RandomGenerator) throws {
        for (name, v) in [("n_in", inputs), ("n_latent", latent), ("hidden", hidden)] {
            guard v >= 1, v <= 1 << 20 else {
                throw AutoencoderError.option("vae", "\(name) must be a whole number from 1 to 1048576, got \(v)")
            }
        }
        guard inputs.multipliedReportingOverflow(by: hidden).partialValue <= 1 << 28 else {
            throw AutoencoderError.option("vae", "n_in × hidden is too large (\(inputs) × \(hidden))")
        }
        guard loss == .bceSum || loss == .sse else {
            throw AutoencoderError.option("vae", "loss must be bce or sse, got \(loss.name)")
        }
        guard act != .softmax else {
            throw AutoencoderError.option("vae", "act must be an elementwise transfer function, got softmax")
        }
        self.inputs = inputs
        self.latent = latent
        self.hidden = hidden
        self.loss = loss
        enc = VAELayer(inputs, hidden, act: act, rng: rng)
        mu = VAELayer(hidden, latent, act: .linear, rng: rng)
        logvar = VAELayer(hidden, latent, act: .linear, rng: rng)
        dec = VAELayer(latent, hidden, act: act, rng: rng)
        out = VAELayer(hidden, inputs, act: .sigmoid, rng: rng)
    }

    /// The layers in order: enc, mu, logvar, dec, out.
    public var layers: [VAELayer] { [enc, mu, logvar, dec, out] }

    /// W and b of each layer in order.
    public var parameters: [Parameter] { layers.flatMap { [$0.w, $0.b] } }

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
        guard count >= 0, count.multipliedReportingOverflow(by: Swift.max(latent, inputs)).partialValue <= 1 << 28 else {
            throw AutoencoderError.option("vae.sample", "n must be a whole number ≥ 0, got \(count)")
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
                throw AutoencoderError.input("vae.loss", expected: "eps of shape [\(n), \(latent)]", got: eps.shape)
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
        let z = try enc.linear(x, rows: n)
        var a = z
        AutoencoderTransfer.apply(enc.act, &a, width: hidden)
        return EncoderValues(z: z, a: a, mu: try mu.linear(a, rows: n), logvar: try logvar.linear(a, rows: n))
    }

    func decoderPass(_ code: [Double], rows n: Int) throws -> DecoderValues {
        let z = try dec.linear(code, rows: n)
        var a = z
        AutoencoderTransfer.apply(dec.act, &a, width: hidden)
        let zOut = try out.linear(a, rows: n)
        var y = zOut
        AutoencoderTransfer.apply(.sigmoid, &y, width: inputs)
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

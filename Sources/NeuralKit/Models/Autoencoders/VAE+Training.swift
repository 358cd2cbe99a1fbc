// One training step of a VAE: the reparameterised forward pass, reconstruction + KL, and
// backpropagation down the decoder's layers, through the sample z = μ + exp(½ log σ²) ε and both
// heads, and down the encoder, each layer's backward pass being Dense's.
import TensorKit

extension VAE {
    /// The trainer's entry point: draws ε (N×n_latent standard normals, row-major) from `rng`,
    /// stores every gradient and returns reconstruction + KL. `y` is ignored (the target is x).
    public func lossAndGradients(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        let batch = try AutoencoderStack.batch(x, width: inputs, model: "vae")
        let e = try epsilon(nil, rows: batch.shape[0], rng: rng)
        let t = try step(batch, eps: e, gradients: true, &pass)
        lastTerms = t
        return t.loss
    }

    /// The objective on `x` with fresh ε and without touching gradients (validation loss).
    public func evaluationLoss(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        try terms(x, eps: nil, rng: rng).loss
    }

    /// Drops the training step's caches (the trainer calls this when `fit` ends).
    public func releaseStepBuffers() {
        let fused = pass.encoder[0].fused
        pass = Pass()
        pass.setFused(fused)
    }

    /// Forward with the given ε, the objective, and (when asked) every gradient.
    func step(_ x: Tensor, eps: [Double], gradients: Bool, _ p: inout Pass) throws -> VAETerms {
        let n = x.shape[0]
        try encoderPass(x, eps: eps, &p)
        let y = try decoderPass(p.sample.z, &p)
        let kl = sampling.kl(p.sample, rows: n)
        guard gradients else {
            let reconstruction = y.storage.withUnsafeBufferPointer { py in
                x.storage.withUnsafeBufferPointer { px in loss.value(py, px, rows: n, arithmetic: .autoencoder) }
            }
            return VAETerms(loss: reconstruction + kl, reconstruction: reconstruction, kl: kl)
        }
        parameters.startStep()
        let (reconstruction, start) = loss.score(&p.decoder[1], activation: out.activation, target: x, rows: n,
                                                 gradient: &p.g)
        // Down the decoder to ∂C/∂z, through the sampling step to ∂C/∂h, then enc's δ.
        try decoder.propagate(&p.decoder, &p.g, startsAtDelta: start == .delta, needsInputGradient: true)
        try decoder.accumulateGradients(p.sample.z, &p.decoder)
        try sampling.backward(p.encoder[0].a, eps: eps, &p.sample, &p.g)
        enc.delta(&p.encoder[0], outputGradient: p.g)
        try enc.accumulateGradients(x, &p.encoder[0])
        parameters.finishStep()
        return VAETerms(loss: reconstruction + kl, reconstruction: reconstruction, kl: kl)
    }
}

extension VAE.Pass {
    /// Sets every cache's path: fused kernels, or one pass per equation.
    mutating func setFused(_ fused: Bool) {
        for i in encoder.indices { encoder[i].fused = fused }
        for i in decoder.indices { decoder[i].fused = fused }
        sample.mu.fused = fused
        sample.logvar.fused = fused
    }
}

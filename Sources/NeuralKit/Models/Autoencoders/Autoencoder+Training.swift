// The objective of an autoencoder and its training step: noise on the input, then the stack's
// step (forward, reconstruction + penalties, backpropagation), and the diagnostics of its terms.
import TensorKit

extension Autoencoder {
    /// The trainer's entry point: corrupts `x` when denoising (fresh draws from `rng` each call),
    /// scores the reconstruction against the clean `x`, stores the gradients and returns the
    /// full objective. `y` is ignored (the target is x).
    public func lossAndGradients(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        let (input, target) = try stack.noisyBatch(x, noise: options.noise, rng: rng)
        return try trainingStep(input: input, target: target)
    }

    /// One step on the N×n_in `input` (already corrupted when denoising) against `target`: the
    /// objective, every gradient in the parameters' `grad`.
    func trainingStep(input: Tensor, target: Tensor) throws -> Double {
        let t = try stack.step(input, target: target, keep: kept(encoding: false), gradients: true, &pass)
        let terms = AutoencoderTerms(loss: t.reconstruction + t.penalty, reconstruction: t.reconstruction,
                                     penalty: t.penalty, rhoHat: [], jacobianNorm: .nan)
        lastTerms = terms
        return terms.loss
    }

    /// The objective on `x` without noise and without touching gradients (validation loss).
    public func evaluationLoss(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        try objective(x)
    }

    /// The full objective (reconstruction + penalties) at the current weights, without noise.
    public func objective(_ x: Tensor) throws -> Double {
        try terms(x).loss
    }

    /// The objective's terms on `x`, without noise, with ρ̂ per unit and the mean ‖J‖_F.
    public func terms(_ x: Tensor) throws -> AutoencoderTerms {
        let batch = try AutoencoderStack.batch(x, width: inputs, model: "autoencoder.loss")
        var p = AutoencoderStack.Pass()
        let t = try stack.step(batch, target: batch, keep: kept(encoding: false), gradients: false, &p)
        let n = batch.shape[0], code = p.encoder[0]
        let jacobian = options.act == .softmax ? .nan
            : ContractivePenalty.meanJacobianNorm(act: options.act, z: code.z.storage, mask: code.mask, rows: n,
                                                  cols: codes, w: w.value.storage, inputs: inputs)
        return AutoencoderTerms(loss: t.reconstruction + t.penalty, reconstruction: t.reconstruction,
                                penalty: t.penalty, rhoHat: SparsityPenalty.meanActivation(code.a.storage, rows: n, cols: codes),
                                jacobianNorm: jacobian)
    }

    /// Drops the training step's caches (the trainer calls this when `fit` ends).
    public func releaseStepBuffers() {
        pass = AutoencoderStack.Pass(fused: pass.fused)
    }
}

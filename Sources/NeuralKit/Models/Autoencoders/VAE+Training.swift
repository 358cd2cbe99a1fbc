// One training step of a VAE: reparameterised forward pass, reconstruction + KL, and
// backpropagation through the decoder, the sample z = μ + exp(½ log σ²) ε and both heads.
import Foundation
import TensorKit

extension VAE {
    /// The trainer's entry point: draws ε (N×n_latent standard normals, row-major) from `rng`,
    /// stores every gradient and returns reconstruction + KL. `y` is ignored (the target is x).
    public func lossAndGradients(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        let n = try AutoencoderMath.rows(x, width: inputs, model: "vae")
        let e = try epsilon(nil, rows: n, rng: rng)
        let t = try step(x.storage, rows: n, eps: e, gradients: true)
        lastTerms = t
        return t.loss
    }

    /// The objective on `x` with fresh ε and without touching gradients (validation loss).
    public func evaluationLoss(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        try terms(x, eps: nil, rng: rng).loss
    }

    /// Forward with the given ε, the objective, and (when asked) every gradient.
    func step(_ x: [Double], rows n: Int, eps: [Double], gradients: Bool) throws -> VAETerms {
        let e = try encoderPass(x, rows: n)
        // z = μ + σ ε, σ = exp(½ log σ²)
        var sigma = e.logvar
        for i in sigma.indices { sigma[i] = Foundation.exp(0.5 * sigma[i]) }
        var code = e.mu
        for i in code.indices { code[i] += sigma[i] * eps[i] }
        let d = try decoderPass(code, rows: n)

        // KL = −½ Σ (1 + log σ² − μ² − σ²) / N
        var kl = 0.0
        for i in e.mu.indices {
            kl += 1 + e.logvar[i] - e.mu[i] * e.mu[i] - sigma[i] * sigma[i]
        }
        kl *= n > 0 ? -0.5 / Double(n) : 0
        var dy = gradients ? [Double](repeating: 0, count: d.y.count) : []
        let reconstruction = dy.withUnsafeMutableBufferPointer { g in
            loss.reconstruction(d.y, x, rows: n, grad: gradients ? g : nil)
        }
        let terms = VAETerms(loss: reconstruction + kl, reconstruction: reconstruction, kl: kl)
        guard gradients else { return terms }

        // Decoder: δ_out = ∂L/∂y ∘ out′ (σ′ unless the user changed v.out.act), then down through dec to ∂L/∂z.
        AutoencoderTransfer.backward(out.activation, &dy, z: d.zOut, a: d.y, width: inputs)
        var da = try out.backpropagate(dy, input: d.a, rows: n, needInput: true)
        AutoencoderTransfer.backward(dec.activation, &da, z: d.z, a: d.a, width: hidden)
        let dz = try dec.backpropagate(da, input: code, rows: n, needInput: true)

        // ∂L/∂μ = ∂L/∂z + μ/N;  ∂L/∂log σ² = ∂L/∂z ∘ ε ∘ ½σ + ½(σ² − 1)/N
        let invN = 1 / Double(n)
        var dmu = dz, dlogvar = dz
        for i in dz.indices {
            dmu[i] += e.mu[i] * invN
            dlogvar[i] = dz[i] * eps[i] * 0.5 * sigma[i] + 0.5 * (sigma[i] * sigma[i] - 1) * invN
        }
        let fromMu = try mu.backpropagate(dmu, input: e.a, rows: n, needInput: true)
        let fromLogvar = try logvar.backpropagate(dlogvar, input: e.a, rows: n, needInput: true)
        var dh = fromMu
        for i in dh.indices { dh[i] += fromLogvar[i] }
        AutoencoderTransfer.backward(enc.activation, &dh, z: e.z, a: e.a, width: hidden)
        _ = try enc.backpropagate(dh, input: x, rows: n, needInput: false)
        return terms
    }
}

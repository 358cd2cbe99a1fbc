// The sampling step of a VAE between its encoder and decoder: two linear heads μ = h W_μᵀ + b_μ and
// log σ² = h W_vᵀ + b_v on the encoder's output h, then z = μ + σ ∘ ε with σ = exp(½ log σ²), so
// that the gradient reaches both heads through z (and the KL term through μ and log σ²).
import Foundation
import TensorKit

/// μ and log σ² heads and the reparameterised sample z.
struct Reparameterisation {
    /// h → μ (linear).
    let mu: Dense
    /// h → log σ² (linear).
    let logvar: Dense

    /// The caches of the two heads, σ and the sample.
    struct Values {
        var mu: LayerCache
        var logvar: LayerCache
        var sigma = Tensor.empty
        var z = Tensor.empty
    }

    /// μ, log σ², σ and z = μ + σ ε for the encoder's output `h` and N×n_latent draws `eps`.
    func forward(_ h: Tensor, eps: [Double], _ v: inout Values) throws {
        try mu.forward(h, &v.mu)
        try logvar.forward(h, &v.logvar)
        v.sigma = v.logvar.a
        v.sigma.storage.withUnsafeMutableBufferPointer { s in
            for i in s.indices { s[i] = Foundation.exp(0.5 * s[i]) }
        }
        v.z = v.mu.a
        let sigma = v.sigma.storage
        v.z.storage.withUnsafeMutableBufferPointer { z in
            for i in z.indices { z[i] += sigma[i] * eps[i] }
        }
    }

    /// KL(q(z|x) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²) / N.
    func kl(_ v: Values, rows n: Int) -> Double {
        let m = v.mu.a.storage, lv = v.logvar.a.storage, s = v.sigma.storage
        var kl = 0.0
        for i in m.indices {
            kl += 1 + lv[i] - m[i] * m[i] - s[i] * s[i]
        }
        return kl * (n > 0 ? -0.5 / Double(n) : 0)
    }

    /// From g = ∂C/∂z (the decoder's input gradient) to ∂C/∂h, with the KL term's own gradient:
    ///   ∂C/∂μ = ∂C/∂z + μ/N,  ∂C/∂log σ² = ∂C/∂z ∘ ε ∘ ½σ + ½(σ² − 1)/N,
    ///   ∂C/∂h = ∂C/∂μ W_μ + ∂C/∂log σ² W_v; each head's ∇W, ∇b on the way.
    func backward(_ h: Tensor, eps: [Double], _ v: inout Values, _ g: inout Tensor) throws {
        let n = h.shape[0]
        let invN = 1 / Double(n)
        var dmu = g, dlogvar = g
        let m = v.mu.a.storage, s = v.sigma.storage, dz = g.storage
        dmu.storage.withUnsafeMutableBufferPointer { d in
            for i in d.indices { d[i] += m[i] * invN }
        }
        dlogvar.storage.withUnsafeMutableBufferPointer { d in
            for i in d.indices { d[i] = dz[i] * eps[i] * 0.5 * s[i] + 0.5 * (s[i] * s[i] - 1) * invN }
        }
        try mu.backward(h, &v.mu, &dmu)
        try logvar.backward(h, &v.logvar, &dlogvar)
        g = dmu
        let other = dlogvar.storage
        g.storage.withUnsafeMutableBufferPointer { d in
            for i in d.indices { d[i] += other[i] }
        }
    }
}

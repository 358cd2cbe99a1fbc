// The transfer-function arithmetic of the autoencoder and VAE passes on [Double] buffers: φ and
// δ = g ∘ φ′ delegate to Activation's kernels; φ′ φ″ (the contractive term's gradient needs φ″,
// which no other layer uses) is written out here per transfer function.
import Foundation

/// The transfer-function arithmetic autoencoders and VAEs run over whole batches.
enum AutoencoderTransfer {
    /// Applies φ elementwise in place to `x`; softmax works on rows of `width` elements.
    static func apply(_ f: Activation, _ x: inout [Double], width: Int) {
        guard f != .linear else { return }
        x.withUnsafeMutableBufferPointer { p in
            f.forward(UnsafeBufferPointer(p), into: p, rowLength: width)
        }
    }

    /// True when δ = g ∘ φ′ needs the pre-activation z; sigmoid, tanh, softmax, linear and step
    /// get φ′ from the output a alone, so their z need not be kept.
    static func needsPreActivation(_ f: Activation) -> Bool {
        switch f {
        case .sigmoid, .tanh, .softmax, .linear, .step: return false
        case .relu, .leakyRelu, .softplus, .gelu, .swish: return true
        }
    }

    /// Turns the upstream gradient `g` = ∂L/∂a into ∂L/∂z in place: g ∘ φ′(z) (softmax rows:
    /// a ∘ (g − Σ_k g_k a_k)), from the pre-activation `z` and the output `a` (z may be empty
    /// when `needsPreActivation(f)` is false).
    static func backward(_ f: Activation, _ g: inout [Double], z: [Double], a: [Double], width: Int) {
        guard f != .linear else { return }
        let pre = z.isEmpty ? a : z
        g.withUnsafeMutableBufferPointer { pg in
            pre.withUnsafeBufferPointer { pz in
                a.withUnsafeBufferPointer { pa in
                    f.backward(z: pz, a: pa, upstream: UnsafeBufferPointer(pg), into: pg, rowLength: width)
                }
            }
        }
    }

    /// φ′(u) and φ″(u) together, for the contractive penalty's gradient ∂(φ′²)/∂u = 2 φ′ φ″.
    /// sigmoid: φ″ = σ(1−σ)(1−2σ); tanh: −2t(1−t²); softplus: σ(1−σ); gelu: ϕ(u)(2 − u²);
    /// swish: σ(1−σ)(2 + u(1−2σ)); piecewise-linear functions: 0.
    static func derivatives(_ f: Activation, _ u: Double) -> (first: Double, second: Double) {
        switch f {
        case .step, .softmax: return (0, 0)
        case .linear: return (1, 0)
        case .relu: return (u > 0 ? 1 : 0, 0)
        case .leakyRelu: return (u > 0 ? 1 : 0.01, 0)
        case .sigmoid:
            let s = Activation.sigmoid(u), d = s * (1 - s)
            return (d, d * (1 - 2 * s))
        case .tanh:
            let t = Foundation.tanh(u), d = 1 - t * t
            return (d, -2 * t * d)
        case .softplus:
            let s = Activation.sigmoid(u)
            return (s, s * (1 - s))
        case .gelu:
            let pdf = Activation.normalPDF(u)
            return (Activation.normalCDF(u) + u * pdf, pdf * (2 - u * u))
        case .swish:
            let s = Activation.sigmoid(u), d = s * (1 - s)
            return (s + u * d, d * (2 + u * (1 - 2 * s)))
        }
    }
}

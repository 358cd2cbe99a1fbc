// The transfer-function arithmetic of the autoencoder and VAE passes on [Double] buffers: φ and
// δ = g ∘ φ′ delegate to Activation's kernels; φ′ φ″ (the contractive term's gradient needs φ″,
// which no other layer uses) is written out here per transfer function.
import Foundation

/// The transfer-function arithmetic autoencoders and VAEs run over whole batches.
enum AutoencoderTransfer {
    /// Applies φ elementwise in place to `x`; softmax works on rows of `width` elements.
    static func apply(_ f: Activation, _ x: inout [Double], width: Int) {
        guard f != .linear else { return }
        if f == .sigmoid {
            // σ(u) = 1 / (1 + e^−u), with a branch-free exp the compiler can vectorise.
            x.withUnsafeMutableBufferPointer { p in
                for i in p.indices { p[i] = 1 / (1 + exponential(-p[i])) }
            }
            return
        }
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

    /// e^x within a few ulps, without a library call or a branch: x = k ln 2 + r with |r| ≤ ½ ln 2,
    /// e^r by its Taylor series to r¹³ (error below 1e-17), times 2^k built from the exponent bits.
    /// x is clamped to [−708, 709] (the result then is ~1e-308 or ~8e307 instead of 0 or inf);
    /// nan stays nan.
    @inline(__always) static func exponential(_ x: Double) -> Double {
        let c = x < -708 ? -708 : (x > 709 ? 709 : x)
        // k = round(c / ln 2) through the 1.5·2⁵² shift: the low bits of `shifted` hold k.
        let shifted = c * 1.4426950408889634 + 6755399441055744.0
        let k = shifted - 6755399441055744.0
        let r = (c - k * 0.6931471803691238) - k * 1.9082149292705877e-10
        var p = 1.0 / 6227020800.0
        p = p * r + 1.0 / 479001600.0
        p = p * r + 1.0 / 39916800.0
        p = p * r + 1.0 / 3628800.0
        p = p * r + 1.0 / 362880.0
        p = p * r + 1.0 / 40320.0
        p = p * r + 1.0 / 5040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        let scale = Double(bitPattern: (shifted.bitPattern &+ 1023) << 52)
        return p * scale
    }
}

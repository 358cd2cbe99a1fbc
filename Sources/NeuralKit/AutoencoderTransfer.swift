// In-place buffer kernels of the transfer functions for the autoencoder and VAE passes:
// φ, the backward product δ = g ∘ φ′ (softmax: its Jacobian product), and the contractive term's
// φ′ φ″. Kept here because the contractive gradient needs φ″, which no other layer uses.
import Foundation

/// The transfer-function arithmetic autoencoders and VAEs run over whole batches.
enum AutoencoderTransfer {
    /// Applies φ elementwise in place to `x`; softmax works on rows of `width` elements.
    static func apply(_ f: Activation, _ x: inout [Double], width: Int) {
        x.withUnsafeMutableBufferPointer { p in
            switch f {
            case .linear:
                return
            case .step:
                for i in p.indices { p[i] = p[i] >= 0 ? 1 : 0 }
            case .sigmoid:
                for i in p.indices { p[i] = sigmoid(p[i]) }
            case .tanh:
                for i in p.indices { p[i] = Foundation.tanh(p[i]) }
            case .relu:
                for i in p.indices where !(p[i] > 0) { p[i] = p[i].isNaN ? p[i] : 0 }
            case .leakyRelu:
                for i in p.indices where p[i] < 0 { p[i] *= 0.01 }
            case .softplus:
                for i in p.indices { p[i] = softplus(p[i]) }
            case .gelu:
                for i in p.indices { let u = p[i]; p[i] = u * normalCDF(u) }
            case .swish:
                for i in p.indices { let u = p[i]; p[i] = u * sigmoid(u) }
            case .softmax:
                guard width > 0 else { return }
                var start = 0
                while start < p.count {
                    // softmax(u)_i = e^(u_i − max u) / Σ_k e^(u_k − max u)
                    var top = -Double.infinity
                    for i in start..<start + width { top = Swift.max(top, p[i]) }
                    var total = 0.0
                    for i in start..<start + width { p[i] = Foundation.exp(p[i] - top); total += p[i] }
                    for i in start..<start + width { p[i] /= total }
                    start += width
                }
            }
        }
    }

    /// Turns the upstream gradient `g` = ∂L/∂a into ∂L/∂z in place: g ∘ φ′(z), using the
    /// pre-activation `z` or the output `a` (whichever gives φ′ cheaply). Softmax rows:
    /// δ = a ∘ (g − Σ_k g_k a_k).
    static func backward(_ f: Activation, _ g: inout [Double], z: [Double], a: [Double], width: Int) {
        g.withUnsafeMutableBufferPointer { pg in
            z.withUnsafeBufferPointer { pz in
                a.withUnsafeBufferPointer { pa in
                    switch f {
                    case .linear:
                        return
                    case .step:
                        for i in pg.indices { pg[i] = 0 }
                    case .sigmoid:
                        for i in pg.indices { pg[i] *= pa[i] * (1 - pa[i]) }
                    case .tanh:
                        for i in pg.indices { pg[i] *= 1 - pa[i] * pa[i] }
                    case .relu:
                        for i in pg.indices where !(pz[i] > 0) { pg[i] = 0 }
                    case .leakyRelu:
                        for i in pg.indices where !(pz[i] > 0) { pg[i] *= 0.01 }
                    case .softplus, .gelu, .swish:
                        for i in pg.indices { pg[i] *= firstDerivative(f, pz[i]) }
                    case .softmax:
                        guard width > 0 else { return }
                        var start = 0
                        while start < pg.count {
                            var dot = 0.0
                            for i in start..<start + width { dot += pg[i] * pa[i] }
                            for i in start..<start + width { pg[i] = pa[i] * (pg[i] - dot) }
                            start += width
                        }
                    }
                }
            }
        }
    }

    /// φ′(u) for an elementwise transfer function (softmax has no elementwise derivative: 0).
    static func firstDerivative(_ f: Activation, _ u: Double) -> Double {
        switch f {
        case .step, .softmax: return 0
        case .linear: return 1
        case .sigmoid: let s = sigmoid(u); return s * (1 - s)
        case .tanh: let t = Foundation.tanh(u); return 1 - t * t
        case .relu: return u > 0 ? 1 : 0
        case .leakyRelu: return u > 0 ? 1 : 0.01
        case .softplus: return sigmoid(u)
        // gelu′(u) = Φ(u) + u ϕ(u)
        case .gelu: return normalCDF(u) + u * normalPDF(u)
        // swish′(u) = σ + u σ (1 − σ)
        case .swish: let s = sigmoid(u); return s + u * s * (1 - s)
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
            let s = sigmoid(u), d = s * (1 - s)
            return (d, d * (1 - 2 * s))
        case .tanh:
            let t = Foundation.tanh(u), d = 1 - t * t
            return (d, -2 * t * d)
        case .softplus:
            let s = sigmoid(u)
            return (s, s * (1 - s))
        case .gelu:
            let pdf = normalPDF(u)
            return (normalCDF(u) + u * pdf, pdf * (2 - u * u))
        case .swish:
            let s = sigmoid(u), d = s * (1 - s)
            return (s + u * d, d * (2 + u * (1 - 2 * s)))
        }
    }

    /// σ(u) = 1 / (1 + e^−u), without overflow for large |u|.
    @inline(__always) static func sigmoid(_ u: Double) -> Double {
        if u >= 0 { return 1 / (1 + Foundation.exp(-u)) }
        let e = Foundation.exp(u)
        return e / (1 + e)
    }

    /// softplus(u) = log(1 + e^u), computed as max(u, 0) + log1p(e^−|u|).
    @inline(__always) static func softplus(_ u: Double) -> Double {
        Swift.max(u, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(u)))
    }

    /// Φ(u), the standard normal CDF, through erf.
    @inline(__always) static func normalCDF(_ u: Double) -> Double {
        0.5 * (1 + Foundation.erf(u / 2.0.squareRoot()))
    }

    /// ϕ(u), the standard normal density.
    @inline(__always) static func normalPDF(_ u: Double) -> Double {
        Foundation.exp(-0.5 * u * u) / (2 * Double.pi).squareRoot()
    }
}

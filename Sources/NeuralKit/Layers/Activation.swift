// Transfer functions φ and their derivatives φ′, side by side, in numerically stable forms;
// scalar versions for `d(f)(u)` and teaching, buffer versions (one tight loop per case) for layers.
import CTensorKernels
import Foundation
import TensorKit

/// A transfer function φ of the lecture (step, linear, sigmoid, tanh, relu, ... softmax), by name.
public enum Activation: String, CaseIterable, Sendable {
    case step, linear, sigmoid, tanh, relu, leakyRelu = "leaky_relu", softplus, gelu, swish, softmax

    /// The slope of `leaky_relu` below zero.
    public static let leakySlope = 0.01

    /// The name users type (`leaky_relu`, not `leakyRelu`).
    public var name: String { rawValue }

    /// The activation called `name` in scripts and model files, if any.
    public init?(name: String) { self.init(rawValue: name) }

    /// True when initial weights use He's bound √(6/n_in) instead of Glorot's √(6/(n_in + n_out)).
    public var usesHeInitialisation: Bool {
        switch self {
        case .relu, .leakyRelu, .softplus, .gelu, .swish: return true
        case .step, .linear, .sigmoid, .tanh, .softmax: return false
        }
    }

    // MARK: Scalars

    /// φ(u) for one number; softmax of a single number is 1.
    public func apply(_ u: Double) -> Double {
        switch self {
        case .step: return u >= 0 ? 1 : 0
        case .linear: return u
        case .sigmoid: return Activation.sigmoid(u)
        case .tanh: return Foundation.tanh(u)
        case .relu: return u <= 0 ? 0 : u          // nan stays nan, as in PyTorch
        case .leakyRelu: return u > 0 ? u : Activation.leakySlope * u
        case .softplus: return Activation.softplus(u)
        case .gelu: return u * Activation.normalCDF(u)
        case .swish: return u * Activation.sigmoid(u)
        case .softmax: return u.isNaN ? u : 1
        }
    }

    /// φ′(u) for one number. At kinks PyTorch's convention: relu′(0) = 0, leaky_relu′(0) = 0.01,
    /// step′ = 0 everywhere. For softmax, the diagonal of its Jacobian, s(1 − s) (0 for one number).
    public func derivative(_ u: Double) -> Double {
        switch self {
        case .step: return 0
        case .linear: return 1
        case .sigmoid:
            let s = Activation.sigmoid(u)          // σ′ = σ(1 − σ)
            return s * (1 - s)
        case .tanh:
            let t = Foundation.tanh(u)             // tanh′ = 1 − tanh²
            return 1 - t * t
        case .relu: return u > 0 ? 1 : 0
        case .leakyRelu: return u > 0 ? 1 : Activation.leakySlope
        case .softplus: return Activation.sigmoid(u)   // d/du log(1 + eᵘ) = σ(u)
        case .gelu:                                    // (uΦ(u))′ = Φ(u) + u·𝜑(u)
            return Activation.normalCDF(u) + u * Activation.normalPDF(u)
        case .swish:                                   // (uσ)′ = σ + uσ(1 − σ)
            let s = Activation.sigmoid(u)
            return s + u * s * (1 - s)
        case .softmax: return u.isNaN ? u : 0
        }
    }

    /// σ(u) = 1 / (1 + e⁻ᵘ), written so that e^|u| never overflows.
    @inline(__always)
    public static func sigmoid(_ u: Double) -> Double {
        if u >= 0 { return 1 / (1 + exp(-u)) }
        let e = exp(u)
        return e / (1 + e)
    }

    /// log(1 + eᵘ) = max(u, 0) + log1p(e^−|u|), exact for large |u|.
    @inline(__always)
    public static func softplus(_ u: Double) -> Double {
        max(u, 0) + log1p(exp(-abs(u)))
    }

    /// Φ(u) = ½ erfc(−u/√2), the standard normal CDF (erfc keeps the far left tail accurate).
    @inline(__always)
    public static func normalCDF(_ u: Double) -> Double {
        0.5 * erfc(-u * 0.70710678118654752440)
    }

    /// 𝜑(u) = e^(−u²/2) / √(2π), the standard normal density.
    @inline(__always)
    public static func normalPDF(_ u: Double) -> Double {
        exp(-0.5 * u * u) * 0.39894228040143267794
    }

    // MARK: Tensors

    /// φ applied to a tensor: elementwise, softmax along the last axis (a 0-d tensor is one row).
    public func apply(_ t: Tensor) -> Tensor {
        var out = t
        let row = t.rank == 0 ? 1 : t.shape[t.rank - 1]
        t.storage.withUnsafeBufferPointer { z in
            out.storage.withUnsafeMutableBufferPointer { a in
                forward(z, into: a, rowLength: row)
            }
        }
        return out
    }

    /// φ′ applied elementwise; for softmax the Jacobian's diagonal s(1 − s) along the last axis.
    public func derivative(_ t: Tensor) -> Tensor {
        var out = t
        switch self {
        case .softmax:
            out = apply(t)
            out.storage.withUnsafeMutableBufferPointer { s in
                for i in s.indices { s[i] = s[i] * (1 - s[i]) }
            }
        case .step, .linear, .sigmoid, .tanh, .relu, .leakyRelu, .softplus, .gelu, .swish:
            out.storage.withUnsafeMutableBufferPointer { s in
                for i in s.indices { s[i] = derivative(s[i]) }
            }
        }
        return out
    }

    // MARK: Buffers (the layers' inner loops)

    /// a = φ(z) over `z.count` elements; softmax works on consecutive rows of `rowLength`.
    /// `z` and `a` may be the same memory.
    public func forward(_ z: UnsafeBufferPointer<Double>, into a: UnsafeMutableBufferPointer<Double>,
                        rowLength: Int) {
        let n = min(z.count, a.count)
        switch self {
        case .step: for i in 0..<n { a[i] = z[i] >= 0 ? 1 : 0 }
        case .linear: for i in 0..<n { a[i] = z[i] }
        case .sigmoid:
            // The vectorised kernel (CTensorKernels/sigmoid_kernels.c), same symmetric form.
            guard let zp = z.baseAddress, let ap = a.baseAddress else { return }
            nns_sigmoid(zp, ap, n)
        case .tanh: for i in 0..<n { a[i] = Foundation.tanh(z[i]) }
        case .relu: for i in 0..<n { a[i] = z[i] <= 0 ? 0 : z[i] }   // nan passes through
        case .leakyRelu: for i in 0..<n { a[i] = z[i] > 0 ? z[i] : Activation.leakySlope * z[i] }
        case .softplus: for i in 0..<n { a[i] = Activation.softplus(z[i]) }
        case .gelu: for i in 0..<n { a[i] = z[i] * Activation.normalCDF(z[i]) }
        case .swish: for i in 0..<n { a[i] = z[i] * Activation.sigmoid(z[i]) }
        case .softmax:
            // sᵢ = e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z): subtracting the row maximum avoids overflow.
            guard rowLength > 0 else { return }
            var start = 0
            while start + rowLength <= n {
                var m = -Double.infinity
                for j in start..<start + rowLength where z[j] > m { m = z[j] }
                if m == -.infinity || m.isNaN { m = 0 }
                var total = 0.0
                for j in start..<start + rowLength {
                    let e = exp(z[j] - m)
                    a[j] = e
                    total += e
                }
                let inv = 1 / total
                for j in start..<start + rowLength { a[j] *= inv }
                start += rowLength
            }
        }
    }

    /// δ = φ′(z) ∘ g, given z, a = φ(z) and the upstream gradient g = ∂C/∂a.
    /// Softmax uses its full Jacobian-vector product per row: δᵢ = sᵢ (gᵢ − Σⱼ sⱼ gⱼ).
    /// `delta` may be the same memory as `g`.
    public func backward(z: UnsafeBufferPointer<Double>, a: UnsafeBufferPointer<Double>,
                         upstream g: UnsafeBufferPointer<Double>,
                         into delta: UnsafeMutableBufferPointer<Double>, rowLength: Int) {
        let n = min(z.count, a.count, g.count, delta.count)
        switch self {
        case .step: for i in 0..<n { delta[i] = 0 }
        case .linear: for i in 0..<n { delta[i] = g[i] }
        case .sigmoid:
            guard let gp = g.baseAddress, let ap = a.baseAddress, let dp = delta.baseAddress else { return }
            if dp != UnsafeMutablePointer(mutating: gp) { dp.update(from: gp, count: n) }
            nns_sigmoid_backward(ap, dp, n)       // δ = g · a · (1 − a), vectorised
        case .tanh: for i in 0..<n { delta[i] = g[i] * (1 - a[i] * a[i]) }
        case .relu: for i in 0..<n { delta[i] = z[i] > 0 ? g[i] : 0 }
        case .leakyRelu: for i in 0..<n { delta[i] = z[i] > 0 ? g[i] : Activation.leakySlope * g[i] }
        case .softplus: for i in 0..<n { delta[i] = g[i] * Activation.sigmoid(z[i]) }
        case .gelu, .swish: for i in 0..<n { delta[i] = g[i] * derivative(z[i]) }
        case .softmax:
            guard rowLength > 0 else { return }
            var start = 0
            while start + rowLength <= n {
                var dot = 0.0
                for j in start..<start + rowLength { dot += a[j] * g[j] }
                for j in start..<start + rowLength { delta[j] = a[j] * (g[j] - dot) }
                start += rowLength
            }
        }
    }
}

extension Activation {
    /// a = φ(z) for a layer's cache (rows of `width`), into `cache.a`.
    func apply(_ cache: inout LayerCache, width: Int) {
        let rows = cache.z.rank == 2 ? cache.z.shape[0] : 1
        MatrixKernels.ensure(&cache.a, rows: rows, cols: width)
        cache.z.storage.withUnsafeBufferPointer { pz in
            cache.a.storage.withUnsafeMutableBufferPointer { pa in forward(pz, into: pa, rowLength: width) }
        }
    }

    /// δ = φ′(z) ∘ g for a layer's cache (rows of `width`), into `cache.delta`.
    func backward(_ cache: inout LayerCache, outputGradient g: Tensor, width: Int) {
        let rows = cache.z.rank == 2 ? cache.z.shape[0] : 1
        MatrixKernels.ensure(&cache.delta, rows: rows, cols: width)
        cache.z.storage.withUnsafeBufferPointer { pz in
            cache.a.storage.withUnsafeBufferPointer { pa in
                g.storage.withUnsafeBufferPointer { pg in
                    cache.delta.storage.withUnsafeMutableBufferPointer { pd in
                        backward(z: pz, a: pa, upstream: pg, into: pd, rowLength: width)
                    }
                }
            }
        }
    }
}

// The contractive penalty λ‖∂h/∂x‖²_F of an encoder layer h = φ(x Wᵀ + b), in closed form, with
// its exact gradient with respect to the pre-activations z and to W, as a `CodePenalty`.
import Foundation
import TensorKit

/// λ Σ_j φ′(z_nj)² Σ_i W_ji², averaged over the batch, and its gradient.
public struct ContractivePenalty: CodePenalty {
    /// The encoder's φ (the penalty needs φ′ and φ″).
    public let act: Activation
    /// λ.
    public let lambda: Double

    public init(act: Activation, lambda: Double) {
        self.act = act
        self.lambda = lambda
    }

    /// The gradient has a part through z and one directly through W.
    public var joins: PenaltyJoin { .preActivation }

    /// The penalty on the N×c pre-activations z; with `gradient` (the code layer's δ) it adds
    ///   ∂P/∂z_nj = (λ/N) 2 φ′(z_nj) φ″(z_nj) s_j              to δ (the path through z = xWᵀ + b)
    ///   ∂P/∂W_ji = (2λ/N) (Σ_n φ′(z_nj)²) W_ji                to ∇W (the direct path through s_j),
    /// with s_j = Σ_i W_ji²; ∇W is the step's first contribution (the layer's δᵀx is added after).
    public func value(_ code: LayerCache, layer: Dense, rows: Int, gradient dz: UnsafeMutableBufferPointer<Double>?) -> Double {
        guard rows > 0 else { return 0 }
        let cols = layer.outputs, inputs = layer.inputs
        let w = layer.weight.value.storage
        let s = ContractivePenalty.rowNorms(w, rows: cols, cols: inputs)
        let scale = lambda / Double(rows)
        var total = 0.0
        var squares = [Double](repeating: 0, count: cols)
        code.z.storage.withUnsafeBufferPointer { pz in
            for n in 0..<rows {
                let base = n * cols
                for j in 0..<cols {
                    let (d1, d2) = act.firstAndSecondDerivative(pz[base + j])
                    total += d1 * d1 * s[j]
                    squares[j] += d1 * d1
                    if let g = dz { g[base + j] += scale * 2 * d1 * d2 * s[j] }
                }
            }
        }
        if dz != nil {
            let first = layer.weight.startsGradient()
            layer.weight.writeGradient { g in
                if first { g.update(repeating: 0) }
                w.withUnsafeBufferPointer { pw in
                    for j in 0..<cols {
                        let f = 2 * scale * squares[j]
                        for i in 0..<inputs { g[j * inputs + i] += f * pw[j * inputs + i] }
                    }
                }
            }
        }
        return scale * total
    }

    /// s_j = Σ_i W_ji²: the squared norm of each row of the c×m matrix W.
    static func rowNorms(_ w: [Double], rows: Int, cols: Int) -> [Double] {
        var s = [Double](repeating: 0, count: rows)
        w.withUnsafeBufferPointer { pw in
            for j in 0..<rows {
                var t = 0.0
                for i in 0..<cols { t += pw[j * cols + i] * pw[j * cols + i] }
                s[j] = t
            }
        }
        return s
    }

    /// The mean Frobenius norm of the encoder Jacobian, (1/N) Σ_n sqrt(Σ_j m_nj φ′(z_nj)² s_j),
    /// m the top-k mask (1 everywhere without one; a kept unit of a linear code has φ′ = 1).
    static func meanJacobianNorm(act: Activation, z: [Double], mask: [Double], rows: Int, cols: Int,
                                 w: [Double], inputs: Int) -> Double {
        guard rows > 0 else { return 0 }
        let s = rowNorms(w, rows: cols, cols: inputs)
        var total = 0.0
        for n in 0..<rows {
            var t = 0.0
            for j in 0..<cols {
                if mask.isEmpty {
                    let d = act.derivative(z[n * cols + j])
                    t += d * d * s[j]
                } else {
                    t += mask[n * cols + j] * s[j]
                }
            }
            total += t.squareRoot()
        }
        return total / Double(rows)
    }
}

extension Activation {
    /// φ′(u) and φ″(u) together, for the contractive penalty's gradient ∂(φ′²)/∂u = 2 φ′ φ″.
    /// sigmoid: φ″ = σ(1−σ)(1−2σ); tanh: −2t(1−t²); softplus: σ(1−σ); gelu: ϕ(u)(2 − u²);
    /// swish: σ(1−σ)(2 + u(1−2σ)); piecewise-linear functions: 0.
    func firstAndSecondDerivative(_ u: Double) -> (first: Double, second: Double) {
        switch self {
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

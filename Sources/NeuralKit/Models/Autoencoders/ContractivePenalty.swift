// The contractive penalty λ‖∂h/∂x‖²_F of an encoder h = φ(x Wᵀ + b), in closed form, with its
// exact gradient with respect to the pre-activations z and to W.
import TensorKit

/// λ Σ_j φ′(z_nj)² Σ_i W_ji², averaged over the batch, and its gradient.
enum ContractivePenalty {
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

    /// The penalty on the N×c pre-activations `z` with row norms `s`; with gradient buffers it adds
    ///   ∂P/∂z_nj = (λ/N) 2 φ′(z_nj) φ″(z_nj) s_j              to `dz` (the path through z = xWᵀ + b)
    ///   ∂P/∂W_ji = (2λ/N) (Σ_n φ′(z_nj)²) W_ji                to `dw` (the direct path through s_j).
    static func value(act: Activation, lambda: Double, z: [Double], rows: Int, cols: Int,
                      w: [Double], inputs: Int,
                      dz: UnsafeMutableBufferPointer<Double>?, dw: UnsafeMutableBufferPointer<Double>?) -> Double {
        guard rows > 0 else { return 0 }
        let s = rowNorms(w, rows: cols, cols: inputs)
        let scale = lambda / Double(rows)
        var total = 0.0
        var squares = [Double](repeating: 0, count: cols)
        z.withUnsafeBufferPointer { pz in
            for n in 0..<rows {
                let base = n * cols
                for j in 0..<cols {
                    let (d1, d2) = AutoencoderTransfer.derivatives(act, pz[base + j])
                    total += d1 * d1 * s[j]
                    squares[j] += d1 * d1
                    if let g = dz { g[base + j] += scale * 2 * d1 * d2 * s[j] }
                }
            }
        }
        if let g = dw {
            w.withUnsafeBufferPointer { pw in
                for j in 0..<cols {
                    let f = 2 * scale * squares[j]
                    for i in 0..<inputs { g[j * inputs + i] += f * pw[j * inputs + i] }
                }
            }
        }
        return scale * total
    }

    /// The mean Frobenius norm of the encoder Jacobian, (1/N) Σ_n sqrt(Σ_j φ′(z_nj)² s_j).
    static func meanJacobianNorm(act: Activation, z: [Double], rows: Int, cols: Int,
                                 w: [Double], inputs: Int) -> Double {
        guard rows > 0 else { return 0 }
        let s = rowNorms(w, rows: cols, cols: inputs)
        var total = 0.0
        for n in 0..<rows {
            var t = 0.0
            for j in 0..<cols {
                let d = act.derivative(z[n * cols + j])
                t += d * d * s[j]
            }
            total += t.squareRoot()
        }
        return total / Double(rows)
    }
}

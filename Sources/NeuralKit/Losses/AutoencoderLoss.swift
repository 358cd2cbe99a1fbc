// The reconstruction losses of autoencoders and VAEs on flat buffers, with their gradient
// ∂L/∂x′ written in the same pass, so a training step walks the reconstruction once.
import CTensorKernels

extension Loss {
    /// The loss of reconstruction `p` against target `t` (both N×m, row-major) in the arithmetic
    /// of autoencoders, and when `grad` is given, ∂L/∂p written into it.
    func reconstruction(_ p: [Double], _ t: [Double], rows: Int, grad: UnsafeMutableBufferPointer<Double>?) -> Double {
        guard rows > 0, !p.isEmpty else { return 0 }
        return p.withUnsafeBufferPointer { pp in
            t.withUnsafeBufferPointer { pt in value(pp, pt, rows: rows, arithmetic: .autoencoder, gradient: grad) }
        }
    }

    /// A sigmoid output layer scored by a squared error, in one pass (CTensorKernels'
    /// nns_sigmoid_squared_error): returns the loss, writes δ = ∂L/∂z into `delta` and its column
    /// sums (the bias gradient) into `biasGradient`.
    func sigmoidOutput(_ p: [Double], _ t: [Double], rows: Int, delta: UnsafeMutableBufferPointer<Double>,
                       biasGradient: UnsafeMutableBufferPointer<Double>) -> Double {
        guard rows > 0, !p.isEmpty else { return 0 }
        let cols = p.count / rows
        let scale = 1 / divisor(count: p.count, rows: rows)
        return p.withUnsafeBufferPointer { pp in
            t.withUnsafeBufferPointer { pt in
                guard let y = pp.baseAddress, let x = pt.baseAddress, let d = delta.baseAddress,
                      let b = biasGradient.baseAddress, pt.count >= pp.count, delta.count >= pp.count,
                      biasGradient.count >= cols else { return .nan }
                return scale * nns_sigmoid_squared_error(y, x, rows, cols, 2 * scale, d, b)
            }
        }
    }
}

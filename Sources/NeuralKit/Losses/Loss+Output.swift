// Where backpropagation starts: the loss of the output layer's prediction and either its
// gradient ∂C/∂a (for the layer to turn into δ) or δ = ∂C/∂z itself, when the loss and the output
// transfer function have one combined derivative.
import CTensorKernels
import TensorKit

extension Loss {
    /// How the backward pass starts after `score`.
    enum Start {
        /// `g` holds ∂C/∂a of the output layer; the layer computes its δ.
        case outputGradient
        /// The output layer's `cache.delta` already holds δ = ∂C/∂z.
        case delta
    }

    /// C(a, t) for the output layer's prediction `cache.a` (`rows` rows), and the first step back:
    ///   softmax + cross_entropy: δ = (p − t)/N directly (the softmax Jacobian and −t/p cancel);
    ///   σ + squared error, fused: loss, δ = ∂C/∂p ∘ p(1 − p) and Σ_rows δ in one pass over the
    ///   batch (CTensorKernels' nns_sigmoid_squared_error: the bits of the three passes);
    ///   otherwise g = ∂C/∂a into `g`.
    func score(_ cache: inout LayerCache, activation: Activation, target t: Tensor, rows: Int,
               gradient g: inout Tensor) -> (value: Double, start: Start) {
        let p = cache.a
        let cols = p.count / max(rows, 1)
        if activation == .softmax && kind == .crossEntropy {
            MatrixKernels.ensure(&cache.delta, rows: rows, cols: cols)
            let scale = 1 / Double(max(rows, 1))
            let value = p.storage.withUnsafeBufferPointer { pp in
                t.storage.withUnsafeBufferPointer { pt in
                    cache.delta.storage.withUnsafeMutableBufferPointer { pd in
                        for i in 0..<min(pp.count, pt.count, pd.count) { pd[i] = scale * (pp[i] - pt[i]) }
                        return self.value(pp, pt, rows: rows, arithmetic: cache.arithmetic)
                    }
                }
            }
            return (value, .delta)
        }
        if cache.fused && cache.arithmetic == .autoencoder && activation == .sigmoid && kind == .squaredError {
            MatrixKernels.ensure(&cache.delta, rows: rows, cols: cols)
            if cache.deltaColumnSums.count != cols { cache.deltaColumnSums = Tensor(shape: [cols], storage: [Double](repeating: 0, count: cols)) }
            let scale = 1 / divisor(count: p.count, rows: rows)
            let value = p.storage.withUnsafeBufferPointer { pp in
                t.storage.withUnsafeBufferPointer { pt in
                    cache.delta.storage.withUnsafeMutableBufferPointer { pd in
                        cache.deltaColumnSums.storage.withUnsafeMutableBufferPointer { pb in
                            guard let y = pp.baseAddress, let x = pt.baseAddress, let d = pd.baseAddress,
                                  let b = pb.baseAddress, pt.count >= pp.count else { return Double.nan }
                            return scale * nns_sigmoid_squared_error(y, x, rows, cols, 2 * scale, d, b)
                        }
                    }
                }
            }
            cache.hasDeltaColumnSums = true
            return (value, .delta)
        }
        MatrixKernels.ensure(&g, rows: rows, cols: cols)
        let value = p.storage.withUnsafeBufferPointer { pp in
            t.storage.withUnsafeBufferPointer { pt in
                g.storage.withUnsafeMutableBufferPointer { pg in
                    self.value(pp, pt, rows: rows, arithmetic: cache.arithmetic, gradient: pg)
                }
            }
        }
        return (value, .outputGradient)
    }
}

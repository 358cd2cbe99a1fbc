// The reconstruction losses of autoencoders and VAEs, each with its gradient ∂L/∂x′ written into
// a buffer in the same pass, so a training step walks the reconstruction once.
import CTensorKernels
import Foundation

/// How the reconstruction x′ of x is scored.
public enum ReconstructionLoss: String, Equatable, Sendable {
    /// mean over all elements of (x′ − x)².
    case mse
    /// Σ over features of (x′ − x)², averaged over the batch.
    case sse
    /// −mean(x log x′ + (1 − x) log(1 − x′)) (each log clamped at −100, as PyTorch does).
    case bce
    /// −Σ over features of (x log x′ + (1 − x) log(1 − x′)), averaged over the batch (the VAE's
    /// default; users write `loss: bce` for it on a VAE).
    case bceSum

    /// The loss's name as users write it.
    public var name: String {
        switch self {
        case .mse: return "mse"
        case .sse: return "sse"
        case .bce, .bceSum: return "bce"
        }
    }

    /// The loss of reconstruction `p` against target `t` (both N×m, row-major), and when `grad`
    /// is given, ∂L/∂p written into it:
    ///   mse: 2(p − t)/(N m);  sse: 2(p − t)/N;
    ///   bce: (p − t) / max(p(1 − p), 1e−12) / (N m)  (bceSum: / N), PyTorch's BCELoss gradient.
    static func value(_ kind: ReconstructionLoss, _ p: [Double], _ t: [Double], rows: Int,
                      grad: UnsafeMutableBufferPointer<Double>?) -> Double {
        guard rows > 0, !p.isEmpty else { return 0 }
        let scale = kind.scale(rows: rows, elements: p.count)
        var total = 0.0
        p.withUnsafeBufferPointer { pp in
            t.withUnsafeBufferPointer { pt in
                switch kind {
                case .mse, .sse:
                    // One vectorised pass for the sum and the gradient (CTensorKernels/loss_kernels.c).
                    guard let p = pp.baseAddress, let t = pt.baseAddress, pt.count >= pp.count else { return }
                    total = nns_squared_error(p, t, grad?.baseAddress, 2 * scale, pp.count)
                case .bce, .bceSum:
                    for i in pp.indices {
                        let x = pp[i], y = pt[i]
                        // PyTorch clamps each log at −100 so that x′ = 0 or 1 stays finite.
                        let logP = Swift.max(Foundation.log(x), -100)
                        let logQ = Swift.max(Foundation.log(1 - x), -100)
                        total -= y * logP + (1 - y) * logQ
                        if let g = grad { g[i] = scale * (x - y) / Swift.max(x * (1 - x), 1e-12) }
                    }
                }
            }
        }
        return scale * total
    }

    /// The factor of the summed loss: 1/(N m) for the means (mse, bce), 1/N for the sums over
    /// features averaged over the batch (sse, the VAE's bce).
    func scale(rows: Int, elements: Int) -> Double {
        switch self {
        case .mse, .bce: return 1 / Double(elements)
        case .sse, .bceSum: return 1 / Double(rows)
        }
    }

    /// A sigmoid output layer scored by mse or sse, in one pass (CTensorKernels'
    /// nns_sigmoid_squared_error): returns the loss, writes δ = ∂L/∂z = ∂L/∂p ∘ p(1 − p) into
    /// `delta` and its column sums (the bias gradient) into `biasGradient`; the same numbers as
    /// `value`, then σ′, then the column sums.
    static func sigmoidOutput(_ kind: ReconstructionLoss, _ p: [Double], _ t: [Double], rows: Int,
                              delta: UnsafeMutableBufferPointer<Double>,
                              biasGradient: UnsafeMutableBufferPointer<Double>) -> Double {
        guard rows > 0, !p.isEmpty else { return 0 }
        let cols = p.count / rows
        let scale = kind.scale(rows: rows, elements: p.count)
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

// Sparsity penalties on an autoencoder's code h: KL divergence to a target activation ρ, the L1
// norm, and the k-sparse rule (keep the k largest units). Each adds its value to the objective and
// its gradient to ∂L/∂h; k-sparse instead masks h.
import Foundation
import TensorKit

/// How an autoencoder keeps its code sparse.
public enum SparsityPenalty: Equatable, Sendable {
    /// + β Σ_j KL(ρ ‖ ρ̂_j), ρ̂_j the batch mean of h_j, clamped to [ε, 1 − ε].
    case kl(rho: Double, beta: Double)
    /// + λ Σ_j |h_j|, averaged over the batch.
    case l1(lambda: Double)
    /// Keep the k largest h_j of each sample (αk of them when encoding, α ≥ 1), zero the rest.
    case topK(k: Int, alpha: Double)

    /// How far ρ̂ is kept from 0 and 1 so that log ρ̂ and log(1 − ρ̂) stay finite.
    public static let rhoClamp = 1e-6

    /// Checks the parameters' ranges.
    public func validated() throws -> SparsityPenalty {
        switch self {
        case .kl(let rho, let beta):
            guard rho > 0, rho < 1 else { throw NeuralError.range("kl", "rho", "in (0, 1)", rho) }
            guard beta.isFinite, beta >= 0 else { throw NeuralError.range("kl", "beta", "a finite number ≥ 0", beta) }
        case .l1(let lambda):
            guard lambda.isFinite, lambda >= 0 else { throw NeuralError.range("l1", "lambda", "a finite number ≥ 0", lambda) }
        case .topK(let k, let alpha):
            guard k >= 1 else { throw NeuralError.range("topk", "k", "at least 1", Double(k)) }
            guard alpha.isFinite, alpha >= 1 else { throw NeuralError.range("topk", "alpha", "a number ≥ 1", alpha) }
        }
        return self
    }

    /// The printed form: `kl(rho: 0.05, beta: 3)`.
    public var description: String {
        switch self {
        case .kl(let rho, let beta): return "kl(rho: \(plainNumber(rho)), beta: \(plainNumber(beta)))"
        case .l1(let lambda): return "l1(\(plainNumber(lambda)))"
        case .topK(let k, let alpha): return alpha == 1 ? "topk(\(k))" : "topk(\(k), alpha: \(plainNumber(alpha)))"
        }
    }

    /// ρ̂_j = (1/N) Σ_n h_nj for an N×c code matrix, unclamped.
    static func meanActivation(_ h: [Double], rows: Int, cols: Int) -> [Double] {
        var mean = [Double](repeating: 0, count: cols)
        guard rows > 0 else { return mean }
        h.withUnsafeBufferPointer { ph in
            mean.withUnsafeMutableBufferPointer { pm in
                for n in 0..<rows {
                    let base = n * cols
                    for j in 0..<cols { pm[j] += ph[base + j] }
                }
                for j in 0..<cols { pm[j] /= Double(rows) }
            }
        }
        return mean
    }

    /// The penalty's value on the N×c code `h`, and, when `grad` is given, adds ∂penalty/∂h to it.
    /// KL: β Σ_j [ρ log(ρ/ρ̂_j) + (1−ρ) log((1−ρ)/(1−ρ̂_j))], ∂/∂h_nj = (β/N)(−ρ/ρ̂_j + (1−ρ)/(1−ρ̂_j))
    /// (0 where the clamp is active, as with torch.clamp). L1: (λ/N) Σ |h|, ∂/∂h = (λ/N) sign(h).
    /// k-sparse adds nothing (it acts by masking).
    func penalty(_ h: [Double], rows: Int, cols: Int, grad: UnsafeMutableBufferPointer<Double>?) -> Double {
        guard rows > 0 else { return 0 }
        switch self {
        case .kl(let rho, let beta):
            let mean = SparsityPenalty.meanActivation(h, rows: rows, cols: cols)
            var total = 0.0
            var slope = [Double](repeating: 0, count: cols)
            for j in 0..<cols {
                let clamped = Swift.min(Swift.max(mean[j], SparsityPenalty.rhoClamp), 1 - SparsityPenalty.rhoClamp)
                total += rho * log(rho / clamped) + (1 - rho) * log((1 - rho) / (1 - clamped))
                if clamped == mean[j] {
                    slope[j] = beta / Double(rows) * (-rho / clamped + (1 - rho) / (1 - clamped))
                }
            }
            if let g = grad {
                for n in 0..<rows {
                    let base = n * cols
                    for j in 0..<cols { g[base + j] += slope[j] }
                }
            }
            return beta * total
        case .l1(let lambda):
            let scale = lambda / Double(rows)
            var total = 0.0
            h.withUnsafeBufferPointer { ph in
                for i in ph.indices {
                    let v = ph[i]
                    total += Swift.abs(v)
                    if let g = grad { g[i] += v > 0 ? scale : (v < 0 ? -scale : 0) }
                }
            }
            return scale * total
        case .topK:
            return 0
        }
    }

    /// Keeps the `keep` largest entries of each row of the N×c matrix `h` (ties: the lower index
    /// first), zeroes the others, and records which were kept in `mask` (1 kept, 0 dropped).
    static func keepLargest(_ h: inout [Double], rows: Int, cols: Int, keep: Int, mask: inout [Double]) {
        mask = [Double](repeating: 0, count: rows * cols)
        let k = Swift.min(Swift.max(keep, 0), cols)
        var order = [Int](repeating: 0, count: cols)
        h.withUnsafeMutableBufferPointer { ph in
            mask.withUnsafeMutableBufferPointer { pm in
                for n in 0..<rows {
                    let base = n * cols
                    for j in 0..<cols { order[j] = j }
                    order.sort { a, b in
                        let va = ph[base + a], vb = ph[base + b]
                        return va > vb || (va == vb && a < b)
                    }
                    for r in 0..<k { pm[base + order[r]] = 1 }
                    for j in 0..<cols where pm[base + j] == 0 { ph[base + j] = 0 }
                }
            }
        }
    }
}

/// k-sparse codes as a transform of the code h between encoder and decoder: the forward pass
/// keeps the k largest units of each row (zeroing the rest, remembering which in a mask), and the
/// way back lets ∂C/∂h through the kept units only.
enum TopKCode {
    /// h ← keep-the-largest(h) on the code layer's output, the mask into the cache.
    static func forward(_ code: inout LayerCache, keep: Int, cols: Int) {
        let rows = code.a.count / Swift.max(cols, 1)
        SparsityPenalty.keepLargest(&code.a.storage, rows: rows, cols: cols, keep: keep, mask: &code.mask)
    }

    /// ∂C/∂h ∘ mask.
    static func backward(_ code: LayerCache, _ g: inout Tensor) {
        g.storage.withUnsafeMutableBufferPointer { pg in
            code.mask.withUnsafeBufferPointer { pm in
                for i in 0..<Swift.min(pg.count, pm.count) { pg[i] *= pm[i] }
            }
        }
    }
}

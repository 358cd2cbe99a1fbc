// Loss functions C(p, t) and their gradients ∂C/∂p, side by side, averaged over the batch as the
// contract fixes them (N = the number of rows, m = the features per row).
import Foundation
import TensorKit

/// A loss of the lecture: `mse`, `sse`, `bce`, `cross_entropy`.
public enum Loss: String, CaseIterable, Sendable {
    case mse, sse, bce, crossEntropy = "cross_entropy"

    /// The name users type.
    public var name: String { rawValue }

    /// The loss called `name` in scripts, if any.
    public init?(name: String) { self.init(rawValue: name) }

    /// log p is clamped below at −100, as PyTorch's BCELoss does, so p = 0 gives a finite loss.
    static let logFloor = -100.0
    /// p(1 − p) is clamped below at 1e-12 in bce's gradient, as PyTorch's BCELoss backward does.
    static let bceGradientFloor = 1e-12

    /// C(p, t) over buffers of `count` elements in `rows` rows.
    ///   mse = (1/(N m)) Σ (p − t)²          sse = (1/N) Σ (p − t)²
    ///   bce = −(1/(N m)) Σ t log p + (1 − t) log(1 − p)
    ///   cross_entropy = −(1/N) Σ t log p
    public func value(_ p: UnsafeBufferPointer<Double>, _ t: UnsafeBufferPointer<Double>, rows: Int) -> Double {
        let n = min(p.count, t.count)
        guard n > 0 else { return 0 }
        var total = 0.0
        switch self {
        case .mse, .sse:
            for i in 0..<n {
                let d = p[i] - t[i]
                total += d * d
            }
        case .bce:
            for i in 0..<n {
                let lp = max(log(p[i]), Loss.logFloor)
                let lq = max(log(1 - p[i]), Loss.logFloor)
                total -= t[i] * lp + (1 - t[i]) * lq
            }
        case .crossEntropy:
            for i in 0..<n where t[i] != 0 { total -= t[i] * max(log(p[i]), Loss.logFloor) }
        }
        return total / divisor(count: n, rows: rows)
    }

    /// g = ∂C/∂p into `g` (which may alias neither input).
    public func gradient(_ p: UnsafeBufferPointer<Double>, _ t: UnsafeBufferPointer<Double>, rows: Int,
                         into g: UnsafeMutableBufferPointer<Double>) {
        let n = min(p.count, t.count, g.count)
        guard n > 0 else { return }
        let scale = 1 / divisor(count: n, rows: rows)
        switch self {
        case .mse, .sse:
            // ∂/∂p (p − t)² = 2(p − t)
            let s = 2 * scale
            for i in 0..<n { g[i] = s * (p[i] - t[i]) }
        case .bce:
            // ∂/∂p = (p − t) / (p (1 − p))
            for i in 0..<n {
                g[i] = scale * (p[i] - t[i]) / max(p[i] * (1 - p[i]), Loss.bceGradientFloor)
            }
        case .crossEntropy:
            // ∂/∂p = −t / p
            for i in 0..<n { g[i] = t[i] == 0 ? 0 : -scale * t[i] / p[i] }
        }
    }

    /// The number the sum is divided by: N·m for the means over all elements, N for the batch means.
    func divisor(count: Int, rows: Int) -> Double {
        switch self {
        case .mse, .bce: return Double(count)
        case .sse, .crossEntropy: return Double(max(rows, 1))
        }
    }

    /// The rows of a prediction: its first axis for a batch, 1 for a single vector or number.
    public static func rows(of t: Tensor) -> Int {
        t.rank >= 2 ? t.shape[0] : 1
    }

    /// Checks that prediction and target agree: equal shapes, or equal counts differing only by
    /// axes of length 1 (a [4] target for a [4, 1] prediction).
    public func checkShapes(_ p: Tensor, _ t: Tensor) throws {
        if p.shape == t.shape { return }
        if p.count == t.count && p.shape.filter({ $0 != 1 }) == t.shape.filter({ $0 != 1 }) { return }
        throw NeuralError.shapes(name, "prediction", p.shape, t.shape, "have different shapes")
    }

    /// Checks that predictions are what the loss takes: probabilities in [0, 1] for bce, no
    /// negative numbers for cross_entropy (nan is left to the divergence check). PyTorch refuses
    /// such inputs as well; here the message names the usual cause.
    public func checkPredictions(_ p: Tensor) throws {
        switch self {
        case .mse, .sse: return
        case .bce, .crossEntropy:
            let bad = p.storage.withUnsafeBufferPointer { pp in
                pp.firstIndex { self == .bce ? ($0 < 0 || $0 > 1) : $0 < 0 }
            }
            guard let i = bad else { return }
            let v = Tensor.numberText(p.storage[i])
            if self == .bce {
                throw NeuralError("bce: predictions must be probabilities in [0, 1], found \(v) at element \(i): give the last layer act sigmoid (or use mse)")
            }
            throw NeuralError("cross_entropy: predictions must be probabilities ≥ 0, found \(v) at element \(i): give the last layer act softmax")
        }
    }

    /// C(p, t) for tensors.
    public func value(_ p: Tensor, _ t: Tensor) throws -> Double {
        try checkShapes(p, t)
        try checkPredictions(p)
        return p.storage.withUnsafeBufferPointer { pp in
            t.storage.withUnsafeBufferPointer { tp in value(pp, tp, rows: Loss.rows(of: p)) }
        }
    }

    /// ∂C/∂p for tensors, shaped like p.
    public func gradient(_ p: Tensor, _ t: Tensor) throws -> Tensor {
        try checkShapes(p, t)
        var g = p
        p.storage.withUnsafeBufferPointer { pp in
            t.storage.withUnsafeBufferPointer { tp in
                g.storage.withUnsafeMutableBufferPointer { gp in
                    gradient(pp, tp, rows: Loss.rows(of: p), into: gp)
                }
            }
        }
        return g
    }
}

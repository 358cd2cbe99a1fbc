// Loss functions C(p, t) and their gradients ∂C/∂p, side by side: a kind (squared error, binary
// cross-entropy, cross-entropy) and a reduction (the mean over all N·m elements, or the sum over
// a row's m features averaged over the N rows), as nns defines them.
import CTensorKernels
import Foundation
import TensorKit

/// A loss of the lecture: `mse`, `sse`, `bce`, `cross_entropy`, and bce summed per sample (the
/// VAE's reconstruction term).
public struct Loss: Equatable, Sendable {
    /// What is scored per element.
    public enum Kind: Sendable {
        /// (p − t)²
        case squaredError
        /// −(t log p + (1 − t) log(1 − p)), each log clamped at −100 as PyTorch's BCELoss does.
        case binaryCrossEntropy
        /// −t log p (p from a softmax, t one-hot), the log clamped at −100.
        case crossEntropy
    }

    /// How the per-element scores become one number.
    public enum Reduction: Sendable {
        /// (1/(N m)) Σ over every element.
        case mean
        /// (1/N) Σ: summed over each row's features, averaged over the batch.
        case sumPerSample
    }

    public let kind: Kind
    public let reduction: Reduction

    public init(_ kind: Kind, _ reduction: Reduction) {
        self.kind = kind
        self.reduction = reduction
    }

    /// mean over all elements of (p − t)².
    public static let mse = Loss(.squaredError, .mean)
    /// Σ over features of (p − t)², averaged over the batch (the lecture's ‖x − x′‖²).
    public static let sse = Loss(.squaredError, .sumPerSample)
    /// −mean(t log p + (1 − t) log(1 − p)).
    public static let bce = Loss(.binaryCrossEntropy, .mean)
    /// −Σ t log p over classes, averaged over the batch.
    public static let crossEntropy = Loss(.crossEntropy, .sumPerSample)
    /// The losses users name, in the order `help` lists them.
    public static let allCases: [Loss] = [.mse, .sse, .bce, .crossEntropy]

    /// The same kind summed over features and averaged over the batch (the VAE's `loss: bce`).
    public var summedPerSample: Loss { Loss(kind, .sumPerSample) }

    /// The name users type; bce summed per sample is still written `bce`.
    public var name: String {
        switch (kind, reduction) {
        case (.squaredError, .mean): return "mse"
        case (.squaredError, .sumPerSample): return "sse"
        case (.binaryCrossEntropy, _): return "bce"
        case (.crossEntropy, _): return "cross_entropy"
        }
    }

    /// The loss called `name` in scripts, if any.
    public init?(name: String) {
        guard let loss = Loss.allCases.first(where: { $0.name == name }) else { return nil }
        self = loss
    }

    /// log p is clamped below at −100, as PyTorch's BCELoss does, so p = 0 gives a finite loss.
    static let logFloor = -100.0
    /// p(1 − p) is clamped below at 1e-12 in bce's gradient, as PyTorch's BCELoss backward does.
    static let bceGradientFloor = 1e-12

    /// The number the sum is divided by: N·m for the mean over all elements, N for the sum per sample.
    func divisor(count: Int, rows: Int) -> Double {
        switch reduction {
        case .mean: return Double(count)
        case .sumPerSample: return Double(max(rows, 1))
        }
    }

    // MARK: Buffers

    /// C(p, t) over buffers of `count` elements in `rows` rows, summed and reduced as `arithmetic`
    /// says (in order and divided, or in 32 partial sums and multiplied by the reciprocal):
    ///   squared error Σ (p − t)²,  bce −Σ t log p + (1 − t) log(1 − p),  cross-entropy −Σ t log p.
    /// With `gradient`, ∂C/∂p is written into it as well (see `gradient`), in the same pass where
    /// the arithmetic has one.
    public func value(_ p: UnsafeBufferPointer<Double>, _ t: UnsafeBufferPointer<Double>, rows: Int,
                      arithmetic: Arithmetic = .network,
                      gradient g: UnsafeMutableBufferPointer<Double>? = nil) -> Double {
        let n = min(p.count, t.count)
        guard n > 0, rows > 0 else { return 0 }
        let divisor = divisor(count: n, rows: rows)
        switch arithmetic {
        case .network:
            if let g { gradient(p, t, rows: rows, into: g) }
            return inOrderSum(p, t, count: n) / divisor
        case .autoencoder:
            let scale = 1 / divisor
            switch kind {
            case .squaredError:
                // One vectorised pass for the sum and the gradient (CTensorKernels/loss_kernels.c).
                guard let pp = p.baseAddress, let tp = t.baseAddress else { return .nan }
                let gp = g.flatMap { $0.count >= n ? $0.baseAddress : nil }
                if g != nil && gp == nil { return .nan }
                return scale * nns_squared_error(pp, tp, gp, 2 * scale, n)
            case .binaryCrossEntropy, .crossEntropy:
                if let g { gradient(p, t, rows: rows, into: g) }
                return scale * inOrderSum(p, t, count: n)
            }
        }
    }

    /// Σ over the elements of the per-element score, added in order.
    private func inOrderSum(_ p: UnsafeBufferPointer<Double>, _ t: UnsafeBufferPointer<Double>, count n: Int) -> Double {
        var total = 0.0
        switch kind {
        case .squaredError:
            for i in 0..<n {
                let d = p[i] - t[i]
                total += d * d
            }
        case .binaryCrossEntropy:
            for i in 0..<n {
                let lp = max(log(p[i]), Loss.logFloor)
                let lq = max(log(1 - p[i]), Loss.logFloor)
                total -= t[i] * lp + (1 - t[i]) * lq
            }
        case .crossEntropy:
            for i in 0..<n where t[i] != 0 { total -= t[i] * max(log(p[i]), Loss.logFloor) }
        }
        return total
    }

    /// g = ∂C/∂p into `g` (which may alias neither input), the reduction's factor s included:
    ///   squared error 2s(p − t),  bce s(p − t) / max(p(1 − p), 1e−12) (PyTorch's BCELoss
    ///   gradient),  cross-entropy −s t / p.
    public func gradient(_ p: UnsafeBufferPointer<Double>, _ t: UnsafeBufferPointer<Double>, rows: Int,
                         into g: UnsafeMutableBufferPointer<Double>) {
        let n = min(p.count, t.count, g.count)
        guard n > 0 else { return }
        let scale = 1 / divisor(count: n, rows: rows)
        switch kind {
        case .squaredError:
            let s = 2 * scale
            for i in 0..<n { g[i] = s * (p[i] - t[i]) }
        case .binaryCrossEntropy:
            for i in 0..<n {
                g[i] = scale * (p[i] - t[i]) / max(p[i] * (1 - p[i]), Loss.bceGradientFloor)
            }
        case .crossEntropy:
            for i in 0..<n { g[i] = t[i] == 0 ? 0 : -scale * t[i] / p[i] }
        }
    }

    // MARK: Tensors

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
        switch kind {
        case .squaredError: return
        case .binaryCrossEntropy, .crossEntropy:
            let bce = kind == .binaryCrossEntropy
            let bad = p.storage.withUnsafeBufferPointer { pp in
                pp.firstIndex { bce ? ($0 < 0 || $0 > 1) : $0 < 0 }
            }
            guard let i = bad else { return }
            throw bce ? NeuralError.notProbabilities(p.storage[i], at: i)
                      : NeuralError.negativeProbability(p.storage[i], at: i)
        }
    }

    /// C(p, t) for tensors, as the loss built-ins compute it.
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

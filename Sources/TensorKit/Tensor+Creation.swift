// Making tensors: filled, identity, ranges, random draws; every size checked against the
// element limit before anything is allocated.
import Foundation

extension Tensor {
    /// A dimension from a user's number: a whole number ≥ 0 that fits the element limit.
    public static func dimension(_ x: Double, _ op: String) throws -> Int {
        guard x.isFinite, x == x.rounded(), x >= 0 else { throw TensorError.badDimension(op, x) }
        guard x <= Double(elementLimit) else {
            throw TensorError("\(op): a dimension of \(Tensor.numberText(x)) is too large (limit \(elementLimit) elements)")
        }
        return Int(x)
    }

    /// A tensor of `shape` filled with zeros.
    public static func zeros(_ shape: [Int]) throws -> Tensor { try Tensor(shape: shape, repeating: 0) }
    /// A tensor of `shape` filled with ones.
    public static func ones(_ shape: [Int]) throws -> Tensor { try Tensor(shape: shape, repeating: 1) }

    /// The n×m identity (ones on the diagonal).
    public static func eye(_ n: Int, _ m: Int? = nil) throws -> Tensor {
        let cols = m ?? n
        var t = try Tensor(shape: [n, cols], repeating: 0)
        t.storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<min(n, cols) { p[i * cols + i] = 1 }
        }
        return t
    }

    /// start, start + step, … up to but excluding stop, as NumPy's `arange`: the count is
    /// ⌈(stop − start) / step⌉ and element i is start + i·δ with δ = (start + step) − start,
    /// NumPy's own rounding.
    public static func arange(_ start: Double, _ stop: Double, _ step: Double = 1) throws -> Tensor {
        guard step != 0, step.isFinite else { throw TensorError("arange: step must be a finite non-zero number, got \(Tensor.numberText(step))") }
        guard start.isFinite, stop.isFinite else { throw TensorError("arange: start and stop must be finite") }
        let span = ((stop - start) / step).rounded(.up)
        guard span.isFinite else { throw TensorError("arange: too many elements") }
        let n = span <= 0 ? 0 : span
        guard n <= Double(elementLimit) else {
            throw TensorError("arange: \(Tensor.numberText(n)) elements are too many (limit \(elementLimit))")
        }
        let count = Int(n)
        let delta = (start + step) - start
        return Tensor([Double]((0..<count).map { start + Double($0) * delta }))
    }

    /// n evenly spaced numbers from start to stop inclusive, as NumPy's `linspace`:
    /// element i is start + i·(stop − start)/(n − 1), and the last is exactly stop.
    public static func linspace(_ start: Double, _ stop: Double, _ n: Int) throws -> Tensor {
        _ = try checkedCount([n])
        guard n > 1 else { return Tensor(n == 1 ? [start] : []) }
        let step = (stop - start) / Double(n - 1)
        var values = (0..<n).map { start + Double($0) * step }
        values[n - 1] = stop
        return Tensor(values)
    }

    /// Uniform draws in [0, 1) from `rng`, in row-major order (NumPy: `rng.random(shape)`).
    public static func rand(_ shape: [Int], rng: RandomGenerator) throws -> Tensor {
        let n = try checkedCount(shape)
        let values = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            rng.fillUniform(buffer)
            initialized = n
        }
        return Tensor(shape: shape, storage: values)
    }

    /// Uniform draws in [low, high): low + (high − low)·u.
    public static func uniform(_ shape: [Int], low: Double, high: Double, rng: RandomGenerator) throws -> Tensor {
        try rand(shape, rng: rng).map { low + (high - low) * $0 }
    }

    /// Standard normal draws (Box–Muller, two uniforms each; see `RandomGenerator.nextNormal`).
    public static func randn(_ shape: [Int], rng: RandomGenerator) throws -> Tensor {
        let n = try checkedCount(shape)
        var values = [Double](repeating: 0, count: n)
        for i in 0..<n { values[i] = rng.nextNormal() }
        return Tensor(shape: shape, storage: values)
    }

    /// The rows (first-axis entries) in a random order, as NumPy's `rng.permutation(x)`.
    public func shuffledRows(rng: RandomGenerator) throws -> Tensor {
        guard rank >= 1 else { throw TensorError("shuffle: needs a tensor with at least one axis, got a number") }
        let order = rng.permutation(shape[0])
        return try rows(order)
    }

    /// The rows (first-axis entries) at the given positions, in that order.
    public func rows(_ positions: [Int]) throws -> Tensor {
        guard rank >= 1 else { throw TensorError("rows: needs a tensor with at least one axis") }
        let rowSize = shape[0] == 0 ? 0 : count / shape[0]
        var out = [Double](repeating: 0, count: positions.count * rowSize)
        for (k, p) in positions.enumerated() {
            guard p >= 0, p < shape[0] else { throw TensorError.indexOutOfRange(p, axis: 0, length: shape[0]) }
            out.withUnsafeMutableBufferPointer { d in
                storage.withUnsafeBufferPointer { s in
                    guard let dp = d.baseAddress, let sp = s.baseAddress else { return }
                    (dp + k * rowSize).update(from: sp + p * rowSize, count: rowSize)
                }
            }
        }
        return Tensor(shape: [positions.count] + shape.dropFirst(), storage: out)
    }
}

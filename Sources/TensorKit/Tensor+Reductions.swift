// Reductions: sum, mean, max, min, argmax, argmin, variance over the whole tensor or one axis.
// Sums follow NumPy's order so results agree to the bit: pairwise summation along contiguous
// runs, and row after row into an accumulator row when reducing an outer axis.
import CTensorKernels
import Foundation

/// A reduction over elements.
public enum Reduction: String, Sendable, CaseIterable {
    case sum, mean, max, min, argmax, argmin, prod
}

extension Tensor {
    /// NumPy's pairwise sum of n contiguous values: below 8 a plain loop; up to 128 eight
    /// running sums combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)); above, the two halves
    /// (the first a multiple of 8 long) summed recursively.
    @inlinable
    public static func pairwiseSum(_ p: UnsafePointer<Double>, _ n: Int, stride: Int = 1) -> Double {
        if n < 8 {
            var s = 0.0
            for i in 0..<n { s += p[i * stride] }
            return s
        } else if n <= 128 {
            var r0 = p[0], r1 = p[stride], r2 = p[2 * stride], r3 = p[3 * stride]
            var r4 = p[4 * stride], r5 = p[5 * stride], r6 = p[6 * stride], r7 = p[7 * stride]
            var i = 8
            while i < n - (n % 8) {
                let q = p + i * stride
                r0 += q[0]; r1 += q[stride]; r2 += q[2 * stride]; r3 += q[3 * stride]
                r4 += q[4 * stride]; r5 += q[5 * stride]; r6 += q[6 * stride]; r7 += q[7 * stride]
                i += 8
            }
            var s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n { s += p[i * stride]; i += 1 }
            return s
        } else {
            var half = n / 2
            half -= half % 8
            return pairwiseSum(p, half, stride: stride) + pairwiseSum(p + half * stride, n - half, stride: stride)
        }
    }

    /// The sum of every element (pairwise, as NumPy's `sum`).
    public func sum() -> Double {
        storage.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return 0 }
            // NumPy adds the pairwise sum to the identity 0, so an all −0 sum is +0.
            return 0.0 + Tensor.pairwiseSum(base, p.count)
        }
    }

    /// The mean of every element (nan for an empty tensor).
    public func mean() -> Double { sum() / Double(count) }

    /// The largest element; nan if any element is nan; nil when empty.
    public func maxElement() -> Double? { extreme(greater: true) }
    /// The smallest element; nan if any element is nan; nil when empty.
    public func minElement() -> Double? { extreme(greater: false) }

    private func extreme(greater: Bool) -> Double? {
        guard let i = argExtreme(greater: greater) else { return nil }
        return storage[i]
    }

    /// The flat position of the largest element (first of ties; first nan wins); nil when empty.
    public func argmax() -> Int? { argExtreme(greater: true) }
    /// The flat position of the smallest element (first of ties; first nan wins); nil when empty.
    public func argmin() -> Int? { argExtreme(greater: false) }

    private func argExtreme(greater: Bool) -> Int? {
        storage.withUnsafeBufferPointer { p in
            Tensor.argExtreme(p.baseAddress, p.count, stride: 1, greater: greater)
        }
    }

    @usableFromInline
    static func argExtreme(_ p: UnsafePointer<Double>?, _ n: Int, stride: Int, greater: Bool) -> Int? {
        guard let p, n > 0 else { return nil }
        var best = 0
        var value = p[0]
        if value.isNaN { return 0 }
        for i in 1..<n {
            let v = p[i * stride]
            if v.isNaN { return i }
            if greater ? v > value : v < value { best = i; value = v }
        }
        return best
    }

    /// Normalises an axis argument (negative counts from the end).
    public func checkedAxis(_ axis: Int, _ op: String) throws -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < rank else { throw TensorError.badAxis(op, axis, rank: rank) }
        return a
    }

    /// `op` along `axis`, which disappears from the shape (`sum(X, axis: 0)`).
    public func reduced(_ op: Reduction, axis: Int) throws -> Tensor {
        let a = try checkedAxis(axis, op.rawValue)
        let n = shape[a]
        let outer = shape[..<a].reduce(1, *)
        let inner = shape[(a + 1)...].reduce(1, *)
        let outShape = Array(shape[..<a]) + Array(shape[(a + 1)...])
        switch op {
        case .max, .min, .argmax, .argmin:
            guard n > 0 else { throw TensorError("\(op.rawValue): axis \(axis) is empty (length 0)") }
        case .sum, .mean, .prod:
            break
        }
        var out = [Double](repeating: 0, count: outer * inner)
        storage.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                for o in 0..<outer {
                    let block = s + o * n * inner
                    let row = d + o * inner
                    switch op {
                    case .sum, .mean:
                        if inner == 1 {
                            row[0] = Tensor.pairwiseSum(block, n)
                        } else {
                            Tensor.columnSums(block, rows: n, columns: inner, into: row)
                        }
                        if op == .mean {
                            let scale = Double(n)
                            for j in 0..<inner { row[j] /= scale }
                        }
                    case .prod:
                        row.update(repeating: 1, count: inner)
                        for i in 0..<n {
                            let r = block + i * inner
                            for j in 0..<inner { row[j] *= r[j] }
                        }
                    case .max, .min:
                        row.update(from: block, count: inner)
                        for i in 1..<n {
                            let r = block + i * inner
                            for j in 0..<inner {
                                let v = r[j], w = row[j]
                                // nan propagates, as NumPy's max does.
                                if w.isNaN { continue }
                                if v.isNaN || (op == .max ? v > w : v < w) { row[j] = v }
                            }
                        }
                    case .argmax, .argmin:
                        for j in 0..<inner {
                            row[j] = Double(Tensor.argExtreme(block + j, n, stride: inner, greater: op == .argmax) ?? 0)
                        }
                    }
                }
            }
        }
        return Tensor(shape: outShape, storage: out)
    }

    /// row[j] = Σᵢ block[i·columns + j] for an n × columns block, rows added in order (NumPy's
    /// order of additions, so the sums agree to the bit), or added onto `row` with `accumulate`.
    /// One vectorised pass (CTensorKernels); one thread, as the loop is limited by memory.
    public static func columnSums(_ block: UnsafePointer<Double>, rows n: Int, columns: Int,
                                  into row: UnsafeMutablePointer<Double>, accumulate: Bool = false) {
        nns_column_sums(block, n, columns, row, accumulate ? 1 : 0)
    }

    /// The variance (mean of squared deviations, NumPy's default ddof 0) of every element.
    public func variance() -> Double {
        let m = mean()
        return map { ($0 - m) * ($0 - m) }.sum() / Double(count)
    }

    /// The Euclidean (Frobenius) norm √(Σ x²).
    public func norm() -> Double {
        Tensor.dotProduct(self, self).squareRoot()
    }
}

// Indexing and slicing `x[i, a:b:c, :]` and assignment through the same forms, with Python's
// rules for negative positions, omitted bounds and negative steps.

/// One entry of an index expression `x[i, a:b:c, :]`.
public enum TensorIndex: Sendable, Equatable {
    /// A single position (negative counts from the end); drops the axis.
    case at(Int)
    /// A slice `start:stop:step` with Python's rules for omitted and negative parts; keeps the axis.
    case slice(start: Int?, stop: Int?, step: Int?)

    /// The whole axis, `:`.
    public static let all = TensorIndex.slice(start: nil, stop: nil, step: nil)
}

/// The positions one index entry selects along one axis: start, step, count; `keeps` is false
/// for a single position, whose axis disappears from the result.
@usableFromInline
struct AxisSelection {
    var start: Int
    var step: Int
    var count: Int
    var keeps: Bool
}

extension TensorIndex {
    /// Resolves this entry against an axis of `length`, as Python's `slice.indices` does.
    func select(axis: Int, length: Int) throws -> AxisSelection {
        switch self {
        case .at(let i):
            let j = i < 0 ? i + length : i
            guard j >= 0, j < length else {
                throw TensorError.indexOutOfRange(i, axis: axis, length: length)
            }
            return AxisSelection(start: j, step: 1, count: 1, keeps: false)
        case .slice(let start, let stop, let step):
            // Int.min has no negation; a step that large is the same as -Int.max here.
            let s = max(step ?? 1, -Int.max)
            guard s != 0 else { throw TensorError("slice step cannot be zero (axis \(axis))") }
            func clamp(_ v: Int, _ low: Int, _ high: Int) -> Int { min(max(v, low), high) }
            func resolve(_ v: Int) -> Int { v < 0 ? v + length : v }
            if s > 0 {
                let b = start.map { clamp(resolve($0), 0, length) } ?? 0
                let e = stop.map { clamp(resolve($0), 0, length) } ?? length
                // count = ⌈(e − b) / s⌉, written so it cannot overflow.
                let count = e > b ? (e - b - 1) / s + 1 : 0
                // With fewer than two positions the step is never used: 1 keeps offsets small.
                return AxisSelection(start: b, step: count < 2 ? 1 : s, count: count, keeps: true)
            } else {
                let b = start.map { clamp(resolve($0), -1, length - 1) } ?? length - 1
                let e = stop.map { clamp(resolve($0), -1, length - 1) } ?? -1
                let count = b > e ? (b - e - 1) / (-s) + 1 : 0
                return AxisSelection(start: Swift.max(b, 0), step: count < 2 ? 1 : s, count: count, keeps: true)
            }
        }
    }
}

extension Tensor {
    /// Resolves an index list: one selection per axis (missing trailing entries select whole axes).
    func selections(_ indices: [TensorIndex]) throws -> [AxisSelection] {
        guard indices.count <= rank else { throw TensorError.tooManyIndices(indices.count, rank: rank) }
        var result: [AxisSelection] = []
        result.reserveCapacity(rank)
        for axis in 0..<rank {
            let entry = axis < indices.count ? indices[axis] : TensorIndex.all
            result.append(try entry.select(axis: axis, length: shape[axis]))
        }
        return result
    }

    /// Row-major strides of this tensor's shape.
    @inlinable public var strides: [Int] {
        var s = [Int](repeating: 1, count: rank)
        var step = 1
        for i in stride(from: rank - 1, through: 0, by: -1) {
            s[i] = step
            step *= shape[i]
        }
        return s
    }

    /// Calls `body(sourceOffset, targetOffset, runLength)` for every run of selected elements, in
    /// row-major order; a run covers the innermost axis when its step is 1.
    private static func forEachRun(_ sel: [AxisSelection], strides: [Int],
                                   _ body: (Int, Int, Int, Int) -> Void) {
        let total = sel.reduce(1) { $0 * $1.count }
        if total == 0 { return }
        if sel.isEmpty { body(0, 0, 1, 1); return }
        let last = sel.count - 1
        let inner = sel[last].count
        let innerStride = sel[last].step * strides[last]
        var base = 0
        for (a, s) in sel.enumerated() { base += s.start * strides[a] }
        var counter = [Int](repeating: 0, count: sel.count)
        var offset = base
        var target = 0
        for _ in 0..<(total / inner) {
            body(offset, target, inner, innerStride)
            target += inner
            var axis = last - 1
            while axis >= 0 {
                counter[axis] += 1
                offset += sel[axis].step * strides[axis]
                if counter[axis] < sel[axis].count { break }
                offset -= sel[axis].step * strides[axis] * sel[axis].count
                counter[axis] = 0
                axis -= 1
            }
        }
    }

    /// `x[indices]`: fewer indices than axes leave the trailing axes whole.
    public func indexed(_ indices: [TensorIndex]) throws -> Tensor {
        let sel = try selections(indices)
        let outShape = sel.filter(\.keeps).map(\.count)
        let n = sel.reduce(1) { $0 * $1.count }
        var out = [Double](repeating: 0, count: n)
        storage.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                let s = src.baseAddress.unsafelyUnwrapped, d = dst.baseAddress.unsafelyUnwrapped
                Tensor.forEachRun(sel, strides: strides) { from, to, len, step in
                    if step == 1 {
                        (d + to).update(from: s + from, count: len)
                    } else {
                        for j in 0..<len { d[to + j] = s[from + j * step] }
                    }
                }
            }
        }
        return Tensor(shape: outShape, storage: out)
    }

    /// `x[indices] = value`, broadcasting `value` to the selected region.
    public mutating func assign(_ indices: [TensorIndex], _ value: Tensor) throws {
        let sel = try selections(indices)
        let region = sel.filter(\.keeps).map(\.count)
        let v: Tensor
        do {
            v = try value.broadcast(to: region)
        } catch {
            throw TensorError("indexed assignment: a value of shape \(value.shape) does not fit the selected region of shape \(region)")
        }
        let strides = self.strides
        storage.withUnsafeMutableBufferPointer { dst in
            v.storage.withUnsafeBufferPointer { src in
                let d = dst.baseAddress, s = src.baseAddress
                guard let d, let s else { return }
                Tensor.forEachRun(sel, strides: strides) { to, from, len, step in
                    if step == 1 {
                        (d + to).update(from: s + from, count: len)
                    } else {
                        for j in 0..<len { d[to + j * step] = s[from + j] }
                    }
                }
            }
        }
    }

    /// The sub-tensor at position `i` of the first axis (`for row in X`), negative counting from the end.
    public func slice(at i: Int) throws -> Tensor {
        try indexed([.at(i)])
    }

    /// The element at a full index, as a number.
    public func element(_ index: [Int]) throws -> Double {
        guard index.count == rank else {
            throw TensorError("an index with \(index.count) entries given for a tensor with \(rank) axes")
        }
        return try indexed(index.map { .at($0) }).storage[0]
    }
}

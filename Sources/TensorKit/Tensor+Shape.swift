// Changing shape: reshape (one −1 inferred), transpose (any axis order), concatenation and
// stacking along an axis, flattening.

extension Tensor {
    /// The same elements under `newShape`, where one entry may be −1 (inferred from the count).
    public func reshaped(inferring newShape: [Int]) throws -> Tensor {
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        guard unknown.count <= 1 else {
            throw TensorError("reshape: only one dimension can be -1, got \(newShape)")
        }
        guard let u = unknown.first else { return try reshaped(newShape) }
        var known = newShape
        known[u] = 1
        let rest = try Tensor.elementCount(known)
        guard rest > 0, count % rest == 0 else { throw TensorError.reshape(from: shape, to: newShape) }
        known[u] = count / rest
        return try reshaped(known)
    }

    /// The tensor as one axis.
    public func flattened() -> Tensor { Tensor(shape: [count], storage: storage) }

    /// The axes in reverse order (`x.T`): a matrix's transpose; a vector or number unchanged.
    public func transposed() -> Tensor {
        if rank < 2 { return self }
        if rank == 2 { return transposed2D() }
        // Reverse order of the axes; `try?` cannot fail for a valid permutation.
        return (try? transposed(axes: Array((0..<rank).reversed()))) ?? self
    }

    /// A matrix transposed in cache-sized tiles (rows of the result written contiguously).
    private func transposed2D() -> Tensor {
        let (m, n) = (shape[0], shape[1])
        var out = [Double](repeating: 0, count: m * n)
        let tile = 32
        storage.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                var i0 = 0
                while i0 < m {
                    var j0 = 0
                    while j0 < n {
                        for i in i0..<Swift.min(i0 + tile, m) {
                            for j in j0..<Swift.min(j0 + tile, n) { d[j * m + i] = s[i * n + j] }
                        }
                        j0 += tile
                    }
                    i0 += tile
                }
            }
        }
        return Tensor(shape: [n, m], storage: out)
    }

    /// The axes reordered: result axis k is this tensor's axis `axes[k]`.
    public func transposed(axes: [Int]) throws -> Tensor {
        let normal = try axes.map { try checkedAxis($0, "transpose") }
        guard normal.count == rank, Set(normal).count == rank else {
            throw TensorError("transpose: axes \(axes) are not a reordering of the \(rank) axes of a tensor of shape \(shape)")
        }
        if rank == 2 && normal == [1, 0] { return transposed2D() }
        let newShape = normal.map { shape[$0] }
        let oldStrides = strides
        let srcStrides = normal.map { oldStrides[$0] }
        var out = [Double](repeating: 0, count: count)
        if count == 0 { return Tensor(shape: newShape, storage: out) }
        var counter = [Int](repeating: 0, count: rank)
        var offset = 0
        for k in 0..<count {
            out[k] = storage[offset]
            var axis = rank - 1
            while axis >= 0 {
                counter[axis] += 1
                offset += srcStrides[axis]
                if counter[axis] < newShape[axis] { break }
                offset -= srcStrides[axis] * newShape[axis]
                counter[axis] = 0
                axis -= 1
            }
        }
        return Tensor(shape: newShape, storage: out)
    }

    /// Tensors joined along an existing axis; every other axis must agree.
    public static func concat(_ parts: [Tensor], axis: Int) throws -> Tensor {
        guard let first = parts.first else { throw TensorError("concat: needs at least one tensor") }
        guard first.rank > 0 else { throw TensorError("concat: cannot join numbers (0-d tensors); use stack") }
        let a = try first.checkedAxis(axis, "concat")
        var total = 0
        for p in parts {
            guard p.rank == first.rank,
                  p.shape[..<a] == first.shape[..<a], p.shape[(a + 1)...] == first.shape[(a + 1)...] else {
                throw TensorError.shapes("concat", first.shape, p.shape, "do not match except along axis \(axis)")
            }
            total += p.shape[a]
        }
        var outShape = first.shape
        outShape[a] = total
        let n = try checkedCount(outShape)
        let outer = first.shape[..<a].reduce(1, *)
        var out: [Double] = []
        out.reserveCapacity(n)
        for o in 0..<outer {
            for p in parts {
                let block = p.count / Swift.max(outer, 1)
                out.append(contentsOf: p.storage[(o * block)..<((o + 1) * block)])
            }
        }
        return Tensor(shape: outShape, storage: out)
    }

    /// Tensors of one shape stacked along a new axis.
    public static func stack(_ parts: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = parts.first else { throw TensorError("stack: needs at least one tensor") }
        let a = axis < 0 ? axis + first.rank + 1 : axis
        guard a >= 0, a <= first.rank else { throw TensorError.badAxis("stack", axis, rank: first.rank + 1) }
        var expanded: [Tensor] = []
        for p in parts {
            guard p.shape == first.shape else {
                throw TensorError.shapes("stack", first.shape, p.shape, "differ")
            }
            var s = p.shape
            s.insert(1, at: a)
            expanded.append(Tensor(shape: s, storage: p.storage))
        }
        return try concat(expanded, axis: a)
    }
}

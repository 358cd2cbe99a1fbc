// The matrix work of layers: products that reuse their output buffer, computed by plain loops
// when tiny (a BLAS call costs more than a few hundred multiply-adds) and by BLAS otherwise.
import TensorKit

/// Matrix kernels on 2-D tensors that write into an existing tensor.
public enum MatrixKernels {
    /// Below this many multiply-adds a product runs as a Swift loop instead of a dgemm call.
    public static let smallProduct = 2048

    /// C = op(A) op(B) (op transposes when asked), written into `c`, whose storage is reused
    /// when its size already fits. With `accumulate`, C += op(A) op(B) (c must have the shape).
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
                              into c: inout Tensor, accumulate: Bool = false) throws {
        let (m, k, n) = try Tensor.productDimensions(a, b, transposeA: transposeA, transposeB: transposeB)
        if accumulate && !isMatrix(c, m, n) {
            throw TensorError.shapes("@", c.shape, [m, n], "cannot accumulate")
        }
        ensure(&c, rows: m, cols: n)
        if m * n * k > smallProduct {
            let (ar, ac, br, bc) = (a.shape[0], a.shape[1], b.shape[0], b.shape[1])
            try a.storage.withUnsafeBufferPointer { pa in
                try b.storage.withUnsafeBufferPointer { pb in
                    try c.storage.withUnsafeMutableBufferPointer { pc in
                        try Tensor.gemm(pa, ar, ac, pb, br, bc, transposeA: transposeA, transposeB: transposeB,
                                        into: pc, beta: accumulate ? 1 : 0)
                    }
                }
            }
            return
        }
        // Strides of op(A) and op(B) in row-major storage: A(i, p) and B(p, j).
        let lda = a.shape[1], ldb = b.shape[1]
        let (ai, ap) = transposeA ? (1, lda) : (lda, 1)
        let (bp, bj) = transposeB ? (1, ldb) : (ldb, 1)
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    for i in 0..<m {
                        for j in 0..<n {
                            var s = 0.0
                            for p in 0..<k { s += pa[i * ai + p * ap] * pb[p * bp + j * bj] }
                            pc[i * n + j] = accumulate ? pc[i * n + j] + s : s
                        }
                    }
                }
            }
        }
    }

    /// z[i, :] += b for every row of the N×n matrix z.
    public static func addRow(_ b: Tensor, to z: inout Tensor) {
        let n = b.count
        guard n > 0 else { return }
        b.storage.withUnsafeBufferPointer { pb in
            z.storage.withUnsafeMutableBufferPointer { pz in
                var start = 0
                while start + n <= pz.count {
                    for j in 0..<n { pz[start + j] += pb[j] }
                    start += n
                }
            }
        }
    }

    /// s = Σ over rows of the N×n matrix d (the bias gradient Σ δ), into or added to `s`.
    public static func sumRows(_ d: Tensor, into s: inout Tensor, accumulate: Bool = false) {
        let n = d.rank == 2 ? d.shape[1] : d.count
        if s.count != n { s = Tensor(shape: [n], storage: [Double](repeating: 0, count: n)) }
        d.storage.withUnsafeBufferPointer { pd in
            s.storage.withUnsafeMutableBufferPointer { ps in
                if !accumulate { for j in 0..<n { ps[j] = 0 } }
                guard n > 0 else { return }
                var start = 0
                while start + n <= pd.count {
                    for j in 0..<n { ps[j] += pd[start + j] }
                    start += n
                }
            }
        }
    }

    /// True when `t` has shape [rows, cols] (compared without building an array).
    @inline(__always)
    public static func isMatrix(_ t: Tensor, _ rows: Int, _ cols: Int) -> Bool {
        t.rank == 2 && t.shape[0] == rows && t.shape[1] == cols
    }

    /// Makes `t` an N×n tensor, reusing its storage when the size fits (contents unspecified).
    public static func ensure(_ t: inout Tensor, rows: Int, cols: Int) {
        if t.count == rows * cols {
            if !isMatrix(t, rows, cols) { t.unsafeSetShape([rows, cols]) }
        } else {
            t = Tensor(shape: [rows, cols], storage: [Double](repeating: 0, count: rows * cols))
        }
    }
}

// The matrix work of layers: products that reuse their output buffer, computed by BLAS, or by
// plain loops when tiny and the model's arithmetic is a network's (a BLAS call costs more than a
// few hundred multiply-adds).
import CTensorKernels
import TensorKit

/// Matrix kernels on 2-D tensors that write into an existing tensor.
public enum MatrixKernels {
    /// Up to this many multiply-adds a network's product runs as a Swift loop instead of a dgemm call.
    public static let smallProduct = 2048

    /// C = op(A) op(B) (op transposes when asked), written into `c`, whose storage is reused
    /// when its size already fits. With `accumulate`, C += op(A) op(B) (c must have the shape).
    /// Tiny products of a network's arithmetic run as loops (see `Arithmetic`).
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
                              into c: inout Tensor, accumulate: Bool = false,
                              _ arithmetic: Arithmetic = .network) throws {
        let (m, k, n) = try Tensor.productDimensions(a, b, transposeA: transposeA, transposeB: transposeB)
        if accumulate && !isMatrix(c, m, n) {
            throw TensorError.shapes("@", c.shape, [m, n], "cannot accumulate")
        }
        ensure(&c, rows: m, cols: n)
        if DenseKernels.usesBLAS(m, n, k, arithmetic) {
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

    /// Every row of the N×n matrix z set to b (before a product is added onto it).
    public static func fillRows(_ z: inout Tensor, with b: Tensor) {
        let n = b.count
        guard n > 0, z.count % n == 0 else { return }
        b.storage.withUnsafeBufferPointer { pb in
            z.storage.withUnsafeMutableBufferPointer { pz in
                guard let src = pb.baseAddress, let dst = pz.baseAddress else { return }
                nns_broadcast_row(src, n, pz.count / n, dst)
            }
        }
    }

    /// s = Σ over rows of the N×n matrix d (the bias gradient Σ δ), into or added to `s`.
    public static func sumRows(_ d: Tensor, into s: inout Tensor, accumulate: Bool = false) {
        let n = d.rank == 2 ? d.shape[1] : d.count
        if s.count != n { s = Tensor(shape: [n], storage: [Double](repeating: 0, count: n)) }
        guard n > 0 else { return }
        d.storage.withUnsafeBufferPointer { pd in
            s.storage.withUnsafeMutableBufferPointer { ps in
                guard let src = pd.baseAddress, let dst = ps.baseAddress else { return }
                Tensor.columnSums(src, rows: pd.count / n, columns: n, into: dst, accumulate: accumulate)
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

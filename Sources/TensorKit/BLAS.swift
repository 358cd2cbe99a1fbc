// The only file that calls OpenBLAS: matrix products through cblas_dgemm / cblas_dgemv / cblas_ddot.
import CBLAS

extension Tensor {
    /// A dimension as BLAS's 32-bit integer, refusing sizes it cannot take.
    private static func blasInt(_ n: Int, _ op: String) throws -> Int32 {
        guard let v = Int32(exactly: n) else {
            throw TensorError("\(op): a dimension of \(n) is too large for the BLAS library")
        }
        return v
    }

    /// C = op(A) op(B) for 2-D tensors, where op transposes when asked (one dgemm call).
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) throws -> Tensor {
        guard a.rank == 2, b.rank == 2 else {
            throw TensorError.shapes("@", a.shape, b.shape, "are not both matrices")
        }
        let m = transposeA ? a.shape[1] : a.shape[0]
        let k = transposeA ? a.shape[0] : a.shape[1]
        let kb = transposeB ? b.shape[1] : b.shape[0]
        let n = transposeB ? b.shape[0] : b.shape[1]
        guard k == kb else {
            throw TensorError.shapes("@", a.shape, b.shape, "do not line up: \(k) ≠ \(kb)")
        }
        let count = try checkedCount([m, n])
        var c = [Double](repeating: 0, count: count)
        if m > 0 && n > 0 && k > 0 {
            let (m32, n32, k32) = (try blasInt(m, "@"), try blasInt(n, "@"), try blasInt(k, "@"))
            let (lda, ldb) = (try blasInt(a.shape[1], "@"), try blasInt(b.shape[1], "@"))
            a.storage.withUnsafeBufferPointer { pa in
                b.storage.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        cblas_dgemm(CblasRowMajor,
                                    transposeA ? CblasTrans : CblasNoTrans,
                                    transposeB ? CblasTrans : CblasNoTrans,
                                    m32, n32, k32, 1.0,
                                    pa.baseAddress, lda,
                                    pb.baseAddress, ldb,
                                    0.0, pc.baseAddress, n32)
                    }
                }
            }
        }
        return Tensor(shape: [m, n], storage: c)
    }

    /// Σᵢ aᵢ bᵢ over the elements of two tensors of equal count (one ddot call).
    public static func dotProduct(_ a: Tensor, _ b: Tensor) -> Double {
        let n = min(a.count, b.count)
        guard n > 0 else { return 0 }
        // Chunks keep each call within BLAS's 32-bit length.
        var total = 0.0
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                var start = 0
                while start < n {
                    let len = min(n - start, Int(Int32.max))
                    total += cblas_ddot(Int32(len), pa.baseAddress.unsafelyUnwrapped + start, 1,
                                        pb.baseAddress.unsafelyUnwrapped + start, 1)
                    start += len
                }
            }
        }
        return total
    }

    /// y = A x for A of shape (m, k) and x of length k (dgemv).
    static func matrixVector(_ a: Tensor, _ x: Tensor) throws -> Tensor {
        let (m, k) = (a.shape[0], a.shape[1])
        guard x.count == k else {
            throw TensorError.shapes("@", a.shape, x.shape, "do not line up: \(k) ≠ \(x.count)")
        }
        return try gemv(a, x, transpose: false, outCount: m)
    }

    /// y = x A for x of length m and A of shape (m, n), i.e. Aᵀ x (dgemv, transposed).
    static func vectorMatrix(_ x: Tensor, _ a: Tensor) throws -> Tensor {
        let (m, n) = (a.shape[0], a.shape[1])
        guard x.count == m else {
            throw TensorError.shapes("@", x.shape, a.shape, "do not line up: \(x.count) ≠ \(m)")
        }
        return try gemv(a, x, transpose: true, outCount: n)
    }

    private static func gemv(_ a: Tensor, _ x: Tensor, transpose: Bool, outCount: Int) throws -> Tensor {
        var y = [Double](repeating: 0, count: outCount)
        if a.count > 0 {
            let (m32, n32) = (try blasInt(a.shape[0], "@"), try blasInt(a.shape[1], "@"))
            a.storage.withUnsafeBufferPointer { pa in
                x.storage.withUnsafeBufferPointer { px in
                    y.withUnsafeMutableBufferPointer { py in
                        cblas_dgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans,
                                    m32, n32, 1.0, pa.baseAddress, n32,
                                    px.baseAddress, 1, 0.0, py.baseAddress, 1)
                    }
                }
            }
        }
        return Tensor(shape: [outCount], storage: y)
    }
}

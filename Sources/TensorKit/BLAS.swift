// The only file that calls OpenBLAS: matrix products through cblas_dgemm / cblas_dgemv.
import CBLAS

extension Tensor {
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
        var c = [Double](repeating: 0, count: m * n)
        if m > 0 && n > 0 && k > 0 {
            a.storage.withUnsafeBufferPointer { pa in
                b.storage.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        cblas_dgemm(CblasRowMajor,
                                    transposeA ? CblasTrans : CblasNoTrans,
                                    transposeB ? CblasTrans : CblasNoTrans,
                                    Int32(m), Int32(n), Int32(k), 1.0,
                                    pa.baseAddress, Int32(a.shape[1]),
                                    pb.baseAddress, Int32(b.shape[1]),
                                    0.0, pc.baseAddress, Int32(n))
                    }
                }
            }
        }
        return Tensor(shape: [m, n], storage: c)
    }
}

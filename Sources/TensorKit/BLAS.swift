// The only file that calls OpenBLAS: matrix products through cblas_dgemm / cblas_dgemv / cblas_ddot,
// and the choice of OpenBLAS's kernels on processors its version does not know.
import CBLAS
import CTensorKernels
import Foundation

/// OpenBLAS kernel selection, done once before the first product.
///
/// OpenBLAS picks its kernels from the processor model; a release older than the processor
/// (Debian's 0.3.21 on Sapphire/Emerald Rapids) falls back to the generic `Prescott` kernels,
/// 5–20× slower. When the user has not chosen a core (`OPENBLAS_CORETYPE` unset) and that
/// fallback is in force, nns re-runs OpenBLAS's own start-up choice with the core its
/// instruction set supports: `SkylakeX` with AVX-512 (F, BW, DQ, VL), `Haswell` with AVX2 + FMA.
enum BLASSetup {
    static let once: Void = {
        #if os(Linux)
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              let name = openblas_get_corename().map({ String(cString: $0) }),
              name.lowercased() == "prescott" else { return }
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        let core: String
        if ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) {
            core = "SkylakeX"
        } else if ["avx2", "fma"].allSatisfy(flags.contains) {
            core = "Haswell"
        } else {
            return
        }
        // gotoblas_dynamic_quit / _init are exported by DYNAMIC_ARCH builds but not declared in
        // cblas.h: look them up, and do nothing when the library lacks them.
        typealias Hook = @convention(c) () -> Void
        guard let handle = dlopen(nil, RTLD_NOW),
              let quit = dlsym(handle, "gotoblas_dynamic_quit"),
              let start = dlsym(handle, "gotoblas_dynamic_init") else { return }
        setenv("OPENBLAS_CORETYPE", core, 0)
        unsafeBitCast(quit, to: Hook.self)()
        unsafeBitCast(start, to: Hook.self)()
        unsetenv("OPENBLAS_CORETYPE")
        #endif
    }()
}

/// OpenBLAS starts its worker threads when the library loads, and an idle worker spins for about
/// 0.1 s before it sleeps: CPU taken from the interpreter on a 2-core machine even when no
/// product is ever computed. Shutting the pool down at start-up costs nothing; OpenBLAS starts it
/// again at the first product that uses threads.
public enum BLASThreads {
    /// Stops OpenBLAS's idle worker threads (a no-op when the library lacks the hook).
    public static func releaseIdleWorkers() {
        #if os(Linux)
        typealias Hook = @convention(c) () -> Int32
        guard let handle = dlopen(nil, RTLD_NOW),
              let shutdown = dlsym(handle, "blas_thread_shutdown_") else { return }
        _ = unsafeBitCast(shutdown, to: Hook.self)()
        #endif
    }
}

extension Tensor {
    /// The BLAS library, its kernel set and thread count, and the instruction set of nns's own
    /// elementwise kernels, e.g. `OpenBLAS 0.3.21 (SkylakeX kernels, 2 threads); elementwise kernels: avx512`.
    public static var blasDescription: String {
        BLASSetup.once
        let config = openblas_get_config().map { String(cString: $0) } ?? "BLAS"
        let core = openblas_get_corename().map { String(cString: $0) } ?? "?"
        let level = String(cString: nns_kernel_level())
        return "\(config.split(separator: " ").prefix(2).joined(separator: " ")) (\(core) kernels, \(openblas_get_num_threads()) threads); elementwise kernels: \(level)"
    }

    /// A dimension as BLAS's 32-bit integer, refusing sizes it cannot take.
    private static func blasInt(_ n: Int, _ op: String) throws -> Int32 {
        guard let v = Int32(exactly: n) else {
            throw TensorError("\(op): a dimension of \(n) is too large for the BLAS library")
        }
        return v
    }

    /// The sizes (m, k, n) of op(A) (m × k) times op(B) (k × n) for matrices A and B; shapes that
    /// are not matrices or do not line up are errors naming both.
    public static func productDimensions(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) throws -> (m: Int, k: Int, n: Int) {
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
        return (m, k, n)
    }

    /// C = op(A) op(B) for 2-D tensors, where op transposes when asked (one dgemm call).
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) throws -> Tensor {
        let (m, _, n) = try productDimensions(a, b, transposeA: transposeA, transposeB: transposeB)
        let count = try checkedCount([m, n])
        // With β = 0 BLAS writes every element of C without reading it, so C starts uninitialised.
        let c = try [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            try gemm(a.storage, a.shape[0], a.shape[1], b.storage, b.shape[0], b.shape[1],
                     transposeA: transposeA, transposeB: transposeB, into: buffer, beta: 0)
            initialized = count
        }
        return Tensor(shape: [m, n], storage: c)
    }

    /// C ← op(A) op(B) + β C for row-major matrices A (ar × ac) and B (br × bc) given as buffers,
    /// op transposing when asked; C holds the m × n result (one dgemm call). With β = 0, C's old
    /// contents are never read. Shapes that do not line up are errors, as for `@`.
    public static func gemm(_ a: UnsafeBufferPointer<Double>, _ ar: Int, _ ac: Int,
                            _ b: UnsafeBufferPointer<Double>, _ br: Int, _ bc: Int,
                            transposeA: Bool = false, transposeB: Bool = false,
                            into c: UnsafeMutableBufferPointer<Double>, beta: Double) throws {
        let m = transposeA ? ac : ar, k = transposeA ? ar : ac
        let kb = transposeB ? bc : br, n = transposeB ? br : bc
        guard k == kb, a.count >= ar * ac, b.count >= br * bc, c.count >= m * n else {
            throw TensorError.shapes("@", [ar, ac], [br, bc], "do not line up: \(k) ≠ \(kb)")
        }
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            // An empty sum: C ← β C.
            for i in 0..<(m * n) { c[i] = beta == 0 ? 0 : beta * c[i] }
            return
        }
        let (m32, n32, k32) = (try blasInt(m, "@"), try blasInt(n, "@"), try blasInt(k, "@"))
        let (lda, ldb) = (try blasInt(ac, "@"), try blasInt(bc, "@"))
        BLASSetup.once
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    m32, n32, k32, 1.0, a.baseAddress, lda, b.baseAddress, ldb, beta, c.baseAddress, n32)
    }

    /// `gemm` on arrays.
    public static func gemm(_ a: [Double], _ ar: Int, _ ac: Int, _ b: [Double], _ br: Int, _ bc: Int,
                            transposeA: Bool = false, transposeB: Bool = false,
                            into c: UnsafeMutableBufferPointer<Double>, beta: Double) throws {
        try a.withUnsafeBufferPointer { pa in
            try b.withUnsafeBufferPointer { pb in
                try gemm(pa, ar, ac, pb, br, bc, transposeA: transposeA, transposeB: transposeB, into: c, beta: beta)
            }
        }
    }

    /// Σᵢ aᵢ bᵢ over the elements of two tensors of equal count (one ddot call).
    public static func dotProduct(_ a: Tensor, _ b: Tensor) -> Double {
        let n = min(a.count, b.count)
        guard n > 0 else { return 0 }
        BLASSetup.once
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
        BLASSetup.once
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

// The dense-layer arithmetic autoencoders and VAEs share, on flat row-major buffers: the matrix
// products (one BLAS call each), adding a bias to every row, column sums, and initial weights.
import CTensorKernels
import TensorKit

/// Matrix helpers over row-major `[Double]` buffers with explicit shapes.
enum AutoencoderMath {
    /// op(A) op(B) for A (ar×ac) and B (br×bc), op transposing when asked; one dgemm.
    static func product(_ a: [Double], _ ar: Int, _ ac: Int, _ b: [Double], _ br: Int, _ bc: Int,
                        transposeA: Bool = false, transposeB: Bool = false) throws -> [Double] {
        var out: [Double] = []
        try product(a, ar, ac, b, br, bc, transposeA: transposeA, transposeB: transposeB, into: &out)
        return out
    }

    /// x op(W) + b for an N×k batch x, op transposing W when asked, b added to every row: the
    /// rows start as copies of b and one dgemm adds the product onto them (β = 1), so the bias
    /// costs no pass of its own. Written into `out`, whose storage is reused when the size fits.
    static func affine(_ x: [Double], rows n: Int, _ k: Int, _ w: [Double], _ wr: Int, _ wc: Int,
                       transposeW: Bool, bias: [Double], into out: inout [Double]) throws {
        let cols = transposeW ? wr : wc
        resize(&out, n * cols)
        try out.withUnsafeMutableBufferPointer { o in
            guard let start = o.baseAddress else { return }
            bias.withUnsafeBufferPointer { pb in
                if let b = pb.baseAddress, pb.count == cols {
                    nns_broadcast_row(b, cols, n, start)
                } else {
                    start.update(repeating: 0, count: o.count)
                }
            }
            try Tensor.gemm(x, n, k, w, wr, wc, transposeB: transposeW, into: o, beta: 1)
        }
    }

    /// A sigmoid layer on an N×k batch: z = x op(W) + b and a = σ(z), written into `z` and `a`
    /// (reused when their sizes fit). A small product runs without the bias (β = 0) and one pass
    /// adds the bias and applies σ (CTensorKernels' nns_bias_sigmoid); a large one starts from the
    /// bias rows. Either way the numbers are those of `affine` followed by σ.
    ///
    /// A small x Wᵀ runs as x (Wᵀ) on a transposed copy of W kept in `scratch`: OpenBLAS's
    /// small-matrix kernel for that form (NT) is 30–40 % slower than the plain one (NN), more
    /// than the copy costs. Large products keep the NT call, which OpenBLAS packs well.
    static func sigmoidLayer(_ x: [Double], rows n: Int, _ k: Int, _ w: [Double], _ wr: Int, _ wc: Int,
                             transposeW: Bool, bias: [Double], z: inout [Double], a: inout [Double],
                             scratch: inout [Double]) throws {
        let cols = transposeW ? wr : wc
        guard isSmallProduct(n, cols, k) else {
            // Large: OpenBLAS would clear z before a β = 0 product, so the rows start as the bias
            // instead and the product is added onto them (`affine`), then σ.
            try affine(x, rows: n, k, w, wr, wc, transposeW: transposeW, bias: bias, into: &z)
            resize(&a, n * cols)
            z.withUnsafeBufferPointer { pz in
                a.withUnsafeMutableBufferPointer { pa in
                    guard let zs = pz.baseAddress, let out = pa.baseAddress else { return }
                    nns_sigmoid(zs, out, pz.count)
                }
            }
            return
        }
        if transposeW, w.count == wr * wc {
            resize(&scratch, w.count)
            w.withUnsafeBufferPointer { src in
                scratch.withUnsafeMutableBufferPointer { dst in
                    guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                    nns_transpose(s, wr, wc, d)
                }
            }
            try product(x, n, k, scratch, wc, wr, into: &z)
        } else {
            try product(x, n, k, w, wr, wc, transposeB: transposeW, into: &z)
        }
        resize(&a, n * cols)
        let zero = bias.count == cols ? [] : [Double](repeating: 0, count: cols)
        z.withUnsafeMutableBufferPointer { pz in
            (zero.isEmpty ? bias : zero).withUnsafeBufferPointer { pb in
                a.withUnsafeMutableBufferPointer { pa in
                    guard let zs = pz.baseAddress, let bs = pb.baseAddress, let out = pa.baseAddress else { return }
                    nns_bias_sigmoid(zs, bs, n, cols, out)
                }
            }
        }
    }

    /// Whether an m×n×k product is one OpenBLAS runs on its small-matrix kernels (one thread, no
    /// packing), where the shape it is given decides the speed: up to 2¹⁸ multiply-adds.
    static func isSmallProduct(_ m: Int, _ n: Int, _ k: Int) -> Bool {
        m * n * k <= 1 << 18
    }

    /// `affine` into a new buffer.
    static func affine(_ x: [Double], rows n: Int, _ k: Int, _ w: [Double], _ wr: Int, _ wc: Int,
                       transposeW: Bool, bias: [Double]) throws -> [Double] {
        var out: [Double] = []
        try affine(x, rows: n, k, w, wr, wc, transposeW: transposeW, bias: bias, into: &out)
        return out
    }

    /// op(A) op(B) into `out` (reused when the size fits); one dgemm.
    static func product(_ a: [Double], _ ar: Int, _ ac: Int, _ b: [Double], _ br: Int, _ bc: Int,
                        transposeA: Bool = false, transposeB: Bool = false, into out: inout [Double]) throws {
        resize(&out, (transposeA ? ac : ar) * (transposeB ? br : bc))
        try out.withUnsafeMutableBufferPointer { o in
            try Tensor.gemm(a, ar, ac, b, br, bc, transposeA: transposeA, transposeB: transposeB, into: o, beta: 0)
        }
    }

    /// `destination` becomes a copy of `source`, in its own storage (reused when the size fits), so
    /// changing one later never copies the other.
    static func copy(_ source: [Double], into destination: inout [Double]) {
        resize(&destination, source.count)
        destination.withUnsafeMutableBufferPointer { d in
            source.withUnsafeBufferPointer { s in
                guard let to = d.baseAddress, let from = s.baseAddress else { return }
                to.update(from: from, count: s.count)
            }
        }
    }

    /// Makes `buffer` hold `count` numbers, keeping its storage when it already does (contents
    /// then unspecified: every caller overwrites them all).
    static func resize(_ buffer: inout [Double], _ count: Int) {
        if buffer.count != count {
            buffer = [Double](unsafeUninitializedCapacity: count) { $1 = count }
        }
    }

    /// Σ_n δ_nj into `out` (length c): a bias gradient (TensorKit's column sums).
    static func columnSums(_ d: [Double], cols: Int, into out: UnsafeMutableBufferPointer<Double>) {
        guard cols > 0, out.count >= cols else { return }
        d.withUnsafeBufferPointer { pd in
            guard let src = pd.baseAddress, let dst = out.baseAddress else { return }
            Tensor.columnSums(src, rows: pd.count / cols, columns: cols, into: dst)
        }
    }

    /// Σ_n δ_nj: the bias gradient of an N×c buffer.
    static func columnSums(_ d: [Double], cols: Int) -> [Double] {
        var s = [Double](repeating: 0, count: cols)
        s.withUnsafeMutableBufferPointer { columnSums(d, cols: cols, into: $0) }
        return s
    }

    /// The initial n_out×n_in weights of `dense(n_in, n_out, act: act)` (Glorot or He uniform,
    /// drawn row-major from `rng`; see `Dense`).
    static func initialWeights(_ act: Activation, inputs: Int, outputs: Int, rng: RandomGenerator) throws -> Tensor {
        try Dense(inputs: inputs, outputs: outputs, activation: act, rng: rng).weight.value
    }

    /// A zero tensor of the given shape (biases, gradients).
    static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, storage: [Double](repeating: 0, count: shape.reduce(1, *)))
    }

    /// Multiplies `g` by `mask` elementwise in place (k-sparse: gradients only through kept units).
    static func multiply(_ g: inout [Double], by mask: [Double]) {
        g.withUnsafeMutableBufferPointer { pg in
            mask.withUnsafeBufferPointer { pm in
                for i in pg.indices { pg[i] *= pm[i] }
            }
        }
    }

    /// The N×m rows of a batch: a 2-D tensor as is, a 1-D tensor as one row; other shapes fail.
    static func rows(_ x: Tensor, width: Int, model: String) throws -> Int {
        if x.rank == 2, x.shape[1] == width { return x.shape[0] }
        if x.rank == 1, x.shape[0] == width { return 1 }
        throw NeuralError.input(model, expected: "an N×\(width) batch or a vector of \(width)", got: x.shape)
    }
}

extension AutoencoderMath {
    /// The transpose of a 2-D tensor (a copy).
    static func transposed(_ t: Tensor) -> Tensor {
        guard t.rank == 2 else { return t }
        let r = t.shape[0], c = t.shape[1]
        var out = [Double](repeating: 0, count: r * c)
        t.storage.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { q in
                for i in 0..<r {
                    for j in 0..<c { q[j * r + i] = p[i * c + j] }
                }
            }
        }
        return Tensor(shape: [c, r], storage: out)
    }
}

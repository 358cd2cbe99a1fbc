// The fast paths of dense layers, each an optimisation only: the same bits as the plain path
// (one pass per equation), which `LayerCache.fused = false` forces and a test compares against.
//   - A sigmoid layer whose product is small adds its bias and applies σ in one pass after a
//     bias-free product (CTensorKernels' nns_bias_sigmoid). For a small product, starting from
//     the bias rows (β = 1) and adding the bias after (β = 0) round alike: OpenBLAS adds the whole
//     product to C once. (A large one sums K in blocks onto C, so it keeps the bias rows.)
// And two product conventions, which are not free:
//   - a one-layer autoencoder multiplies its small sigmoid layers by a transposed copy of W,
//     x (Wᵀ) with OpenBLAS's NN kernel, 30–40 % faster than its NT kernel for x Wᵀ there, but
//     summing in another order for many shapes (64×16×64 among them);
//   - networks and the one-layer autoencoder's encoder compute a small weight gradient δᵀx as xᵀδ
//     (the shape OpenBLAS's small kernel takes; the other goes through its packing path at 1.4×
//     the time), transposed into place; for shapes such as 8×5→6 its sums round differently.
// Each is its models' numbers, on both paths (`LayerCache.transposesSmallSigmoidProducts`,
// `transposesSmallGradients`); the other models keep x Wᵀ and δᵀx.
import CTensorKernels
import TensorKit

enum DenseKernels {
    /// Whether an m×n×k product is one OpenBLAS runs on its small-matrix kernels (one thread, no
    /// packing), where the shape it is given decides the speed: up to 2¹⁸ multiply-adds.
    static func isSmallProduct(_ m: Int, _ n: Int, _ k: Int) -> Bool {
        m * n * k <= 1 << 18
    }

    /// Whether the product goes to BLAS at all (networks run the tiniest ones as Swift loops).
    static func usesBLAS(_ m: Int, _ n: Int, _ k: Int, _ arithmetic: Arithmetic) -> Bool {
        switch arithmetic {
        case .network: return m * n * k > MatrixKernels.smallProduct
        case .autoencoder: return true
        }
    }

    /// Whether a sigmoid layer with these sizes has a small product (the bias-and-σ path).
    static func isSmallSigmoidLayer(rows n: Int, outputs: Int, inputs: Int, _ arithmetic: Arithmetic) -> Bool {
        isSmallProduct(n, outputs, inputs) && usesBLAS(n, outputs, inputs, arithmetic)
    }

    /// Whether a first weight gradient with these sizes is computed as xᵀδ and transposed.
    static func takesTransposedGradient(inputs: Int, outputs: Int, rows n: Int, _ arithmetic: Arithmetic) -> Bool {
        isSmallProduct(inputs, outputs, n) && usesBLAS(inputs, outputs, n, arithmetic)
    }

    /// A sigmoid layer with a small product on an N×k batch: z = x op(W) + b and a = σ(z) into the
    /// cache, op(W) being Wᵀ for W of shape (outputs × k) (`transposed`) or W itself (k × outputs,
    /// a tied decoder). With `transposedCopy` (and `transposed`), x Wᵀ is multiplied as x (Wᵀ) on
    /// a copy of W transposed into the cache's scratch. The fused path runs the product without
    /// the bias (β = 0) and one pass adds the bias and applies σ; the plain path starts the
    /// product from the bias rows and applies σ after.
    static func smallSigmoidLayer(_ x: Tensor, _ w: Tensor, transposed: Bool, bias: Tensor,
                                  transposedCopy: Bool, _ cache: inout LayerCache) throws {
        let n = x.shape[0], k = x.shape[1]
        let (wr, wc) = (w.shape[0], w.shape[1])
        let cols = transposed ? wr : wc
        MatrixKernels.ensure(&cache.z, rows: n, cols: cols)
        if !cache.fused { MatrixKernels.fillRows(&cache.z, with: bias) }
        let beta: Double = cache.fused ? 0 : 1
        if transposed && transposedCopy {
            resize(&cache.scratch, w.count)
            w.storage.withUnsafeBufferPointer { src in
                cache.scratch.withUnsafeMutableBufferPointer { dst in
                    guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                    nns_transpose(s, wr, wc, d)
                }
            }
            try x.storage.withUnsafeBufferPointer { px in
                try cache.scratch.withUnsafeBufferPointer { pw in
                    try cache.z.storage.withUnsafeMutableBufferPointer { pz in
                        try Tensor.gemm(px, n, k, pw, wc, wr, into: pz, beta: beta)
                    }
                }
            }
        } else {
            try x.storage.withUnsafeBufferPointer { px in
                try w.storage.withUnsafeBufferPointer { pw in
                    try cache.z.storage.withUnsafeMutableBufferPointer { pz in
                        try Tensor.gemm(px, n, k, pw, wr, wc, transposeB: transposed, into: pz, beta: beta)
                    }
                }
            }
        }
        guard cache.fused else {
            Activation.sigmoid.apply(&cache, width: cols)
            return
        }
        MatrixKernels.ensure(&cache.a, rows: n, cols: cols)
        cache.z.storage.withUnsafeMutableBufferPointer { pz in
            bias.storage.withUnsafeBufferPointer { pb in
                cache.a.storage.withUnsafeMutableBufferPointer { pa in
                    guard let zs = pz.baseAddress, let bs = pb.baseAddress, let out = pa.baseAddress,
                          pb.count == cols else { return }
                    nns_bias_sigmoid(zs, bs, n, cols, out)
                }
            }
        }
    }

    /// The first weight gradient of a step, ∇W = δᵀx (outputs × inputs), computed as xᵀδ into the
    /// cache's scratch and transposed into `weight.grad`.
    static func weightGradientByTranspose(_ x: Tensor, _ cache: inout LayerCache, into weight: Parameter) throws {
        let n = x.shape[0], inputs = x.shape[1]
        let outputs = cache.delta.count / max(n, 1)
        resize(&cache.gradientScratch, inputs * outputs)
        let delta = cache.delta
        try weight.writeGradient { gw in
            try cache.gradientScratch.withUnsafeMutableBufferPointer { t in
                try x.storage.withUnsafeBufferPointer { px in
                    try delta.storage.withUnsafeBufferPointer { pd in
                        try Tensor.gemm(px, n, inputs, pd, n, outputs, transposeA: true, into: t, beta: 0)
                    }
                }
                guard let src = t.baseAddress, let dst = gw.baseAddress else { return }
                nns_transpose(src, inputs, outputs, dst)
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
}

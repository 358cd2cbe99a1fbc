// The one protocol every layer of nns follows, as the lecture writes backpropagation:
//   forward    aˡ = f(zˡ), zˡ = aˡ⁻¹ Wˡᵀ + bˡ          (kept in a cache for the way back)
//   delta      δˡ = f′(zˡ) ∘ ∂C/∂aˡ
//   input      ∂C/∂aˡ⁻¹ = δˡ Wˡ                        (the gradient handed to the layer below)
//   gradients  ∇Wˡ += (δˡ)ᵀ aˡ⁻¹,  ∇bˡ += Σ_rows δˡ
// Networks, autoencoders and VAEs are sequences of such layers walked forward, then back.
import TensorKit

/// A step of a model with a forward pass, the backward pass of the lecture and its parameters.
///
/// The backward pass comes in the lecture's three equations, so that a container can run them in
/// the order backpropagation needs: δ and ∂C/∂a from the top layer down first, then every layer's
/// parameter gradients from the bottom up (a matrix shared by two layers, as with tied weights,
/// then always sums its parts in the same order). `backward` runs all three for one layer.
public protocol Layer: AnyObject {
    /// The width of the input rows.
    var inputs: Int { get }
    /// The width of the output rows.
    var outputs: Int { get }
    /// φ, the transfer function of the output (a loss may fuse its derivative with φ′).
    var activation: Activation { get }
    /// The trainable tensors, in the order optimizers and model files use.
    var parameters: [Parameter] { get }
    /// Runs the layer on an N × inputs batch `x`, leaving its output in `cache.a` and whatever the
    /// backward pass needs (z, masks, draws) in the cache.
    func forward(_ x: Tensor, _ cache: inout LayerCache) throws
    /// δ = ∂C/∂z from the gradient `g` = ∂C/∂a of the layer's output, into `cache.delta`.
    func delta(_ cache: inout LayerCache, outputGradient g: Tensor)
    /// ∂C/∂x, the gradient with respect to the layer's input, from `cache.delta`, into `g`.
    func inputGradient(_ cache: inout LayerCache, into g: inout Tensor) throws
    /// Adds this batch's parameter gradients (from `cache.delta` and the input `x`) to each
    /// parameter's `grad` (the first contribution of a step replaces what was there).
    func accumulateGradients(_ x: Tensor, _ cache: inout LayerCache) throws
}

extension Layer {
    /// The backward pass of one layer: δ from `g` = ∂C/∂a, the parameter gradients, and `g`
    /// replaced by ∂C/∂x, the δ-carrying gradient for the layer below.
    public func backward(_ x: Tensor, _ cache: inout LayerCache, _ g: inout Tensor) throws {
        delta(&cache, outputGradient: g)
        try accumulateGradients(x, &cache)
        try inputGradient(&cache, into: &g)
    }
}

/// What a layer's forward pass keeps for its backward pass, and the buffers both reuse from one
/// batch to the next (so a training step allocates nothing once the batch size has been seen).
public struct LayerCache {
    /// z, the weighted input.
    public internal(set) var z = Tensor.empty
    /// a = f(z), the layer's output.
    public internal(set) var a = Tensor.empty
    /// δ = ∂C/∂z.
    public internal(set) var delta = Tensor.empty
    /// Σ_rows δ, when the loss computed it in the same pass as δ (the bias gradient, taken by the
    /// layer while `hasDeltaColumnSums`).
    var deltaColumnSums = Tensor.empty
    var hasDeltaColumnSums = false
    /// 1 where a unit was kept, 0 where it was dropped (k-sparse codes).
    var mask: [Double] = []
    /// The scratch buffers of the fast paths (a transposed weight matrix, a transposed gradient).
    var scratch: [Double] = []
    var gradientScratch: [Double] = []
    /// The caches of the parts of a composite layer (the two heads of a VAE's sampling step).
    var parts: [LayerCache] = []
    /// How this model rounds (see `Arithmetic`).
    public internal(set) var arithmetic: Arithmetic
    /// True for a one-layer autoencoder: its small sigmoid layers multiply x Wᵀ as x (Wᵀ) on a
    /// transposed copy of W (see DenseKernels), which is faster there and rounds as its numbers
    /// always have.
    var transposesSmallSigmoidProducts = false
    /// True where a small first weight gradient δᵀx is computed as xᵀδ and transposed (see
    /// DenseKernels): networks, and the encoder of a one-layer autoencoder. It sums the batch in
    /// another order than δᵀx for some shapes, so it is a convention of those models' numbers,
    /// taken on both paths, not a fast path.
    var transposesSmallGradients: Bool
    /// False makes every layer take its plain path, one pass per equation, instead of its fused
    /// kernels: the two give the same bits, and a test holds them to it.
    var fused = true

    public init(arithmetic: Arithmetic) {
        self.arithmetic = arithmetic
        transposesSmallGradients = arithmetic == .network
    }
}

/// The two conventions by which nns's models round, each kept from the models that introduced
/// it so that every number nns prints stays the same (merging them would change the last digits
/// of one family's losses and trained weights).
public enum Arithmetic: Sendable {
    /// Networks and single layers: products of at most `MatrixKernels.smallProduct` multiply-adds
    /// run as Swift loops (a BLAS call costs more than that), and a loss is summed in order and
    /// divided by N (or N·m).
    case network
    /// Autoencoders and VAEs: every product goes to BLAS, squared errors are summed in 32
    /// interleaved partial sums and multiplied by 1/N (or 1/(N·m)), so that one pass gives the
    /// loss and its gradient.
    case autoencoder
}

extension Tensor {
    /// A placeholder a buffer starts as, replaced when its first batch arrives.
    public static var empty: Tensor { Tensor(shape: [0], storage: []) }
}

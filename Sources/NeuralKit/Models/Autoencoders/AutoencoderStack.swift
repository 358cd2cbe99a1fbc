// The network inside every autoencoder: an encoder LayerSequence to the code h and a decoder
// LayerSequence back to x′, with the code penalties and the top-k transform between them, and
// one training step written once for every depth: forward, loss, the way down through the
// decoder, the penalties at the code, the way down through the encoder, then the gradients up.
import TensorKit

/// Encoder and decoder of an autoencoder and what sits at the code.
struct AutoencoderStack {
    /// x → h; its last layer is the code layer.
    let encoder: LayerSequence
    /// h → x′.
    let decoder: LayerSequence
    /// The code layer (penalties read its W, z and h).
    let codeLayer: Dense
    /// The reconstruction loss.
    let loss: Loss
    /// The penalties on the code, in the order the objective adds them.
    let penalties: [any CodePenalty]
    /// Every parameter, in the model's order (steps start and finish their gradients).
    let parameters: [Parameter]
    /// True for the one-layer autoencoder (see `LayerCache.transposesSmallSigmoidProducts` and
    /// `transposesSmallGradients`: the two conventions of its numbers).
    let transposesSmallSigmoidProducts: Bool

    /// A forward pass's caches, kept from step to step by the model.
    struct Pass {
        var encoder: [LayerCache] = []
        var decoder: [LayerCache] = []
        /// The gradient being carried down.
        var g = Tensor.empty
        /// False forces the plain path of every layer and loss.
        var fused = true
    }

    /// The result of a step: reconstruction and penalty terms.
    struct Terms {
        var reconstruction: Double
        var penalty: Double
    }

    /// Makes `pass` ready for a batch (caches for every layer in the autoencoder's arithmetic).
    func prepare(_ pass: inout Pass) {
        guard pass.encoder.count != encoder.layers.count || pass.decoder.count != decoder.layers.count else { return }
        var cache = LayerCache(arithmetic: .autoencoder)
        cache.transposesSmallSigmoidProducts = transposesSmallSigmoidProducts
        cache.fused = pass.fused
        // The one-layer autoencoder computes its encoder's weight gradient by transposition (see
        // DenseKernels), its decoder's as δᵀh; deeper ones as δᵀx everywhere.
        pass.decoder = Array(repeating: cache, count: decoder.layers.count)
        cache.transposesSmallGradients = transposesSmallSigmoidProducts
        pass.encoder = Array(repeating: cache, count: encoder.layers.count)
    }

    /// The code of the N×n_in batch `x`: the encoder, then top-k keeping `keep` units when set.
    func encode(_ x: Tensor, keep: Int?, _ pass: inout Pass) throws {
        prepare(&pass)
        try encoder.forward(x, &pass.encoder)
        if let keep { TopKCode.forward(&pass.encoder[pass.encoder.count - 1], keep: keep, cols: codeLayer.outputs) }
    }

    /// The reconstruction of the N×n_code codes `h`, left in the last decoder cache.
    func decode(_ h: Tensor, _ pass: inout Pass) throws {
        prepare(&pass)
        try decoder.forward(h, &pass.decoder)
    }

    /// One step on the (perhaps corrupted) input `x` against `target`: the terms, and with
    /// `gradients` every parameter's gradient, by backpropagation:
    ///   δᴸ from the loss, down the decoder to g = ∂C/∂h;
    ///   g += ∂P/∂h for penalties on h;  g ∘= mask (top-k);
    ///   down the encoder, with ∂P/∂z added to the code layer's δ (and ∂P/∂W to ∇W);
    ///   then ∇W, ∇b of the encoder's layers and of the decoder's, first layer first.
    func step(_ x: Tensor, target: Tensor, keep: Int?, gradients: Bool, _ pass: inout Pass) throws -> Terms {
        let n = x.shape[0], code = encoder.layers.count - 1, last = decoder.layers.count - 1
        try encode(x, keep: keep, &pass)
        try decode(pass.encoder[code].a, &pass)
        guard gradients else {
            let y = pass.decoder[last].a
            let reconstruction = y.storage.withUnsafeBufferPointer { py in
                target.storage.withUnsafeBufferPointer { pt in loss.value(py, pt, rows: n, arithmetic: .autoencoder) }
            }
            var none = Tensor.empty
            let onCode = penalties.value(.code, pass.encoder[code], layer: codeLayer, rows: n, gradient: &none, gradients: false)
            let onZ = penalties.value(.preActivation, pass.encoder[code], layer: codeLayer, rows: n, gradient: &none, gradients: false)
            return Terms(reconstruction: reconstruction, penalty: onCode + onZ)
        }
        parameters.startStep()
        let output = decoder.layers[last].activation
        let (reconstruction, start) = loss.score(&pass.decoder[last], activation: output, target: target, rows: n,
                                                 gradient: &pass.g)
        try decoder.propagate(&pass.decoder, &pass.g, startsAtDelta: start == .delta, needsInputGradient: true)
        let onCode = penalties.value(.code, pass.encoder[code], layer: codeLayer, rows: n, gradient: &pass.g, gradients: true)
        if keep != nil { TopKCode.backward(pass.encoder[code], &pass.g) }
        var onZ = 0.0
        let layer = codeLayer, penalties = penalties
        let onZNeeded = penalties.contains { $0.joins == .preActivation }
        try encoder.propagate(&pass.encoder, &pass.g, startsAtDelta: false, needsInputGradient: false) { cache in
            guard onZNeeded else { return }
            // δ is taken out of the cache while the penalties add to it, so that it is not copied.
            var delta = cache.delta
            cache.delta = .empty
            onZ = penalties.value(.preActivation, cache, layer: layer, rows: n, gradient: &delta, gradients: true)
            cache.delta = delta
        }
        try encoder.accumulateGradients(x, &pass.encoder)
        try decoder.accumulateGradients(pass.encoder[code].a, &pass.decoder)
        parameters.finishStep()
        return Terms(reconstruction: reconstruction, penalty: onCode + onZ)
    }

    /// A training batch: the rows of `x` as the target and, when denoising, a corrupted copy as
    /// the input (fresh draws from `rng`, see `NoiseProcess`).
    func noisyBatch(_ x: Tensor, noise: NoiseProcess?, rng: RandomGenerator) throws -> (input: Tensor, target: Tensor) {
        let target = try AutoencoderStack.batch(x, width: encoder.layers[0].inputs, model: "autoencoder")
        var input = target
        noise?.corrupt(&input.storage, rng: rng)
        return (input, target)
    }

    /// The N×width rows of `x` (a vector is one row), or an error naming `model`.
    static func batch(_ x: Tensor, width: Int, model: String) throws -> Tensor {
        if x.rank == 2, x.shape[1] == width { return x }
        if x.rank == 1, x.shape[0] == width { return Tensor(shape: [1, width], storage: x.storage) }
        throw NeuralError.input(model, expected: "an N×\(width) batch or a vector of \(width)", got: x.shape)
    }
}

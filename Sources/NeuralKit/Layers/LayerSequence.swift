// Layers run one after another (Torch7's Sequential): forward first to last, keeping each layer's
// cache; backward from the last layer down to the first, then each layer's parameter gradients
// from the first up.
import TensorKit

/// An ordered chain of layers; layer i's output feeds layer i + 1.
public struct LayerSequence {
    /// The layers, first to last.
    public let layers: [any Layer]

    public init(_ layers: [any Layer]) {
        self.layers = layers
    }

    /// One cache per layer, for a model of the given arithmetic.
    public func makeCaches(_ arithmetic: Arithmetic) -> [LayerCache] {
        Array(repeating: LayerCache(arithmetic: arithmetic), count: layers.count)
    }

    /// Runs every layer on the N-row batch `x`; the output is `caches.last.a`.
    public func forward(_ x: Tensor, _ caches: inout [LayerCache]) throws {
        for (i, layer) in layers.enumerated() {
            if i == 0 {
                try layer.forward(x, &caches[0])
            } else {
                let input = caches[i - 1].a
                try layer.forward(input, &caches[i])
            }
        }
    }

    /// The way down: for l = L … 1, δˡ = f′(zˡ) ∘ g, then g ← ∂C/∂aˡ⁻¹ = δˡ Wˡ. On entry `g` is
    /// ∂C/∂a of the last layer (or, with `start` `.delta`, the last layer's δ is in its cache
    /// already); on exit it is ∂C/∂x for the sequence's input, when `needsInputGradient`.
    /// `afterTopDelta` runs once the last layer's δ is known (a penalty on that layer adds to it).
    public func propagate(_ caches: inout [LayerCache], _ g: inout Tensor, startsAtDelta: Bool,
                          needsInputGradient: Bool,
                          afterTopDelta: (inout LayerCache) throws -> Void = { _ in }) throws {
        var l = layers.count - 1
        while l >= 0 {
            if l < layers.count - 1 || !startsAtDelta {
                layers[l].delta(&caches[l], outputGradient: g)
            }
            if l == layers.count - 1 { try afterTopDelta(&caches[l]) }
            if l > 0 || needsInputGradient {
                try layers[l].inputGradient(&caches[l], into: &g)
            }
            l -= 1
        }
    }

    /// The way up: ∇Wˡ += (δˡ)ᵀ aˡ⁻¹ and ∇bˡ += Σ δˡ for l = 1 … L, with a⁰ = x.
    public func accumulateGradients(_ x: Tensor, _ caches: inout [LayerCache]) throws {
        for (i, layer) in layers.enumerated() {
            if i == 0 {
                try layer.accumulateGradients(x, &caches[0])
            } else {
                let input = caches[i - 1].a
                try layer.accumulateGradients(input, &caches[i])
            }
        }
    }
}

// The Layer protocol against finite differences: for C = Σ r ∘ a with a fixed random r (so
// ∂C/∂a = r), a dense layer's backward gives ∂C/∂x, ∇W and ∇b equal to central differences, for
// every transfer function, in both arithmetics, on the plain and the fused path. And each loss's
// gradient against finite differences of its value, for both reductions.
import XCTest
import TensorKit
@testable import NeuralKit

final class LayerTests: XCTestCase {
    /// A batch of the given shape with entries drawn from `rng` in (−1, 1).
    func batch(_ rows: Int, _ cols: Int, _ rng: RandomGenerator) -> Tensor {
        Tensor(shape: [rows, cols], storage: (0..<rows * cols).map { _ in 2 * rng.nextDouble() - 1 })
    }

    /// C = Σ r ∘ layer(x).
    func objective(_ layer: Dense, _ x: Tensor, _ r: Tensor, _ arithmetic: Arithmetic) throws -> Double {
        var cache = LayerCache(arithmetic: arithmetic)
        try layer.forward(x, &cache)
        return zip(cache.a.storage, r.storage).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// |g − n| relative to the gradient's size (and to 0.01, where rounding in C dominates).
    func relativeError(_ g: Double, _ n: Double) -> Double {
        abs(g - n) / max(abs(g) + abs(n), 1e-2)
    }

    func testDenseBackwardMatchesFiniteDifferences() throws {
        let rng = RandomGenerator(seed: 3)
        for act in Activation.allCases where act != .step {
            for arithmetic in [Arithmetic.network, .autoencoder] {
                for fused in [true, false] {
                    // 9 × 5 → 4: a Swift-loop product for networks; 30 × 20 → 10: a BLAS one.
                    for (rows, inputs, outputs) in [(9, 5, 4), (30, 20, 10)] {
                        let layer = try Dense(inputs: inputs, outputs: outputs, activation: act, rng: rng)
                        let x = batch(rows, inputs, rng), r = batch(rows, outputs, rng)
                        var cache = LayerCache(arithmetic: arithmetic)
                        cache.fused = fused
                        try layer.forward(x, &cache)
                        layer.parameters.startStep()
                        var g = r
                        try layer.backward(x, &cache, &g)
                        let name = "\(act.name) \(arithmetic) fused \(fused) \(rows)×\(inputs)→\(outputs)"
                        XCTAssertEqual(g.shape, [rows, inputs], name)
                        var worst = 0.0
                        var xs = x
                        for i in stride(from: 0, to: x.count, by: 11) {
                            let saved = xs.storage[i]
                            xs.storage[i] = saved + 1e-5
                            let plus = try objective(layer, xs, r, arithmetic)
                            xs.storage[i] = saved - 1e-5
                            let minus = try objective(layer, xs, r, arithmetic)
                            xs.storage[i] = saved
                            worst = max(worst, relativeError(g.storage[i], (plus - minus) / 2e-5))
                        }
                        for p in layer.parameters {
                            let analytic = p.grad
                            for i in stride(from: 0, to: p.value.count, by: 3) {
                                let saved = p.value.storage[i]
                                p.value.storage[i] = saved + 1e-5
                                let plus = try objective(layer, x, r, arithmetic)
                                p.value.storage[i] = saved - 1e-5
                                let minus = try objective(layer, x, r, arithmetic)
                                p.value.storage[i] = saved
                                worst = max(worst, relativeError(analytic.storage[i], (plus - minus) / 2e-5))
                            }
                        }
                        XCTAssertLessThan(worst, 1e-6, name)
                    }
                }
            }
        }
    }

    /// A sequence walks back through every layer: its input gradient is the chain of theirs.
    func testSequenceBackwardChainsTheLayers() throws {
        let rng = RandomGenerator(seed: 4)
        let a = try Dense(inputs: 3, outputs: 5, activation: .tanh, rng: rng)
        let b = try Dense(inputs: 5, outputs: 2, activation: .softplus, rng: rng)
        let sequence = LayerSequence([a, b])
        let x = batch(6, 3, rng), r = batch(6, 2, rng)
        var caches = sequence.makeCaches(.network)
        try sequence.forward(x, &caches)
        (a.parameters + b.parameters).startStep()
        var g = r
        try sequence.propagate(&caches, &g, startsAtDelta: false, needsInputGradient: true)
        try sequence.accumulateGradients(x, &caches)
        // The same, one layer at a time.
        var ca = LayerCache(arithmetic: .network), cb = LayerCache(arithmetic: .network)
        try a.forward(x, &ca)
        try b.forward(ca.a, &cb)
        let wa = a.weight.grad, wb = b.weight.grad
        (a.parameters + b.parameters).startStep()
        var h = r
        try b.backward(ca.a, &cb, &h)
        try a.backward(x, &ca, &h)
        XCTAssertEqual(g, h)
        XCTAssertEqual(wa, a.weight.grad)
        XCTAssertEqual(wb, b.weight.grad)
    }

    /// A contribution after the first adds to the gradient; `finishStep` zeroes a parameter that
    /// got none.
    func testGradientsAccumulateWithinAStep() throws {
        let rng = RandomGenerator(seed: 5)
        let layer = try Dense(inputs: 4, outputs: 3, activation: .linear, rng: rng)
        let x = batch(5, 4, rng)
        var cache = LayerCache(arithmetic: .autoencoder)
        try layer.forward(x, &cache)
        layer.parameters.startStep()
        var g = batch(5, 3, rng)
        let r = g
        try layer.backward(x, &cache, &g)
        let once = layer.weight.grad
        layer.delta(&cache, outputGradient: r)
        try layer.accumulateGradients(x, &cache)
        for (twice, one) in zip(layer.weight.grad.storage, once.storage) { XCTAssertEqual(twice, 2 * one, accuracy: 1e-15) }
        let unused = Parameter(Tensor(shape: [2], storage: [1, 1]))
        unused.grad = Tensor(shape: [2], storage: [5, 5])
        unused.startStep()
        unused.finishStep()
        XCTAssertEqual(unused.grad.storage, [0, 0])
    }

    func testLossGradientsMatchFiniteDifferences() throws {
        let rng = RandomGenerator(seed: 6)
        let losses = Loss.allCases + [Loss.bce.summedPerSample]
        for loss in losses {
            for arithmetic in [Arithmetic.network, .autoencoder] {
                var p = Tensor(shape: [7, 3], storage: (0..<21).map { _ in 0.05 + 0.9 * rng.nextDouble() })
                let t = Tensor(shape: [7, 3], storage: (0..<21).map { i in i % 3 == 0 ? 1 : 0 })
                func value(_ p: Tensor) -> Double {
                    p.storage.withUnsafeBufferPointer { pp in
                        t.storage.withUnsafeBufferPointer { pt in loss.value(pp, pt, rows: 7, arithmetic: arithmetic) }
                    }
                }
                var g = p
                let v = p.storage.withUnsafeBufferPointer { pp in
                    t.storage.withUnsafeBufferPointer { pt in
                        g.storage.withUnsafeMutableBufferPointer { pg in
                            loss.value(pp, pt, rows: 7, arithmetic: arithmetic, gradient: pg)
                        }
                    }
                }
                XCTAssertEqual(v, value(p), "\(loss.name) \(arithmetic): the value does not depend on the gradient")
                for i in 0..<p.count {
                    let saved = p.storage[i]
                    p.storage[i] = saved + 1e-7
                    let plus = value(p)
                    p.storage[i] = saved - 1e-7
                    let minus = value(p)
                    p.storage[i] = saved
                    XCTAssertLessThan(relativeError(g.storage[i], (plus - minus) / 2e-7), 1e-6, "\(loss.name) \(arithmetic) element \(i)")
                }
            }
        }
    }
}

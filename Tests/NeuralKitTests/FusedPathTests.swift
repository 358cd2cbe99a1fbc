// Every model nns trains, run for a few SGD steps twice, once on the fused kernels and once on the
// plain path (one pass per equation): the losses and the weights must have the same bits. The
// models: networks, every autoencoder variant and combination the contract allows (act, out, loss,
// noise with seeded draws, KL / L1 / top-k sparsity, contractive, tied), deep ones, and the VAE.
import XCTest
import TensorKit
@testable import NeuralKit

final class FusedPathTests: XCTestCase {
    /// A batch in [0, 1) from `seed` (pixels, and probabilities for bce).
    func data(_ rows: Int, _ cols: Int, seed: UInt64) -> Tensor {
        let rng = RandomGenerator(seed: seed)
        return Tensor(shape: [rows, cols], storage: (0..<rows * cols).map { _ in rng.nextDouble() })
    }

    /// `steps` SGD steps of `model` on `x` (noise and ε drawn from a generator seeded alike for
    /// both paths): every loss, then every parameter value, as bit patterns.
    func run(_ model: TrainableModel, _ x: Tensor, _ y: Tensor, steps: Int = 3) throws -> [UInt64] {
        let rng = RandomGenerator(seed: 42)
        let sgd = SGD(learningRate: 0.1)
        var bits: [UInt64] = []
        for _ in 0..<steps {
            bits.append(try model.lossAndGradients(x, y, rng: rng).bitPattern)
            sgd.step(model.parameters)
        }
        for p in model.parameters { bits += p.value.storage.map(\.bitPattern) }
        return bits
    }

    /// The same model built twice from one seed, trained fused and plain, compared bit for bit.
    func assertSameBits(_ name: String, _ x: Tensor, _ y: Tensor? = nil,
                        _ make: () throws -> TrainableModel, plain: (TrainableModel) -> Void) throws {
        let fused = try run(try make(), x, y ?? x)
        let model = try make()
        plain(model)
        let unfused = try run(model, x, y ?? x)
        XCTAssertEqual(fused.count, unfused.count, name)
        XCTAssertTrue(fused == unfused, "\(name): the fused and plain paths differ")
    }

    func testNetworksFusedAndPlainAgree() throws {
        let x = data(16, 6, seed: 1), y = data(16, 3, seed: 2)
        var onehot = Tensor(shape: [16, 3], storage: [Double](repeating: 0, count: 48))
        for r in 0..<16 { onehot.storage[r * 3 + r % 3] = 1 }
        let cases: [(Activation, Activation, Loss, Tensor)] = [
            (.tanh, .sigmoid, .mse, y), (.relu, .softmax, .crossEntropy, onehot), (.sigmoid, .sigmoid, .bce, y),
            (.gelu, .linear, .sse, y), (.sigmoid, .sigmoid, .sse, y),
        ]
        for (act, out, loss, target) in cases {
            for sizes in [[6, 4, 3], [6, 40, 30, 3]] {
                let name = "mlp \(sizes) \(act.name)/\(out.name) \(loss.name)"
                func train(fused: Bool) throws -> [UInt64] {
                    let net = try Network.mlp(sizes: sizes, activation: act, output: out, rng: RandomGenerator(seed: 7))
                    var pass = NetworkWorkspace()
                    pass.fused = fused
                    var bits: [UInt64] = []
                    for _ in 0..<3 {
                        bits.append(try pass.lossAndGradients(net, x, target, loss: loss).bitPattern)
                        SGD(learningRate: 0.1).step(net.parameters)
                    }
                    return bits + net.parameters.flatMap { $0.value.storage.map(\.bitPattern) }
                }
                XCTAssertTrue(try train(fused: true) == train(fused: false), "\(name): the fused and plain paths differ")
            }
        }
    }

    /// Every one-layer variant the contract allows, on a small batch (BLAS small-matrix kernels)
    /// and on a larger one (more than 2¹⁸ multiply-adds a product, OpenBLAS's blocked path).
    func testEveryAutoencoderVariantFusedAndPlainAgree() throws {
        let noises: [NoiseProcess?] = [nil, .gaussian(sigma: 0.2), .masking(p: 0.3), .saltPepper(p: 0.2)]
        let sparsities: [SparsityPenalty?] = [nil, .kl(rho: 0.1, beta: 2), .l1(lambda: 0.01), .topK(k: 2, alpha: 1.5)]
        var tried = 0
        for act in [Activation.sigmoid, .tanh, .relu, .linear] {
            for out in [Activation.sigmoid, .linear] {
                for loss in [Loss.mse, .sse, .bce] {
                    for sparsity in sparsities {
                        for contractive in [0, 0.1] {
                            for tied in [false, true] {
                                var o = AutoencoderOptions()
                                (o.act, o.out, o.loss, o.sparsity, o.contractive, o.tied) = (act, out, loss, sparsity, contractive, tied)
                                o.noise = noises[tried % noises.count]
                                guard (try? Autoencoder(inputs: 6, codes: 4, options: o, rng: RandomGenerator(seed: 0))) != nil else { continue }
                                tried += 1
                                for (rows, inputs, codes) in tried % 8 == 0 ? [(8, 6, 4), (128, 64, 48)] : [(8, 6, 4)] {
                                    let name = "autoencoder \(inputs)-\(codes) N=\(rows) \(o)"
                                    try assertSameBits(name, data(rows, inputs, seed: 3), nil, {
                                        try Autoencoder(inputs: inputs, codes: codes, options: o, rng: RandomGenerator(seed: 5))
                                    }, plain: { ($0 as? Autoencoder)?.pass.fused = false })
                                }
                            }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(tried, 150)
    }

    func testDeepAutoencodersFusedAndPlainAgree() throws {
        let cases: [(Activation, Activation, Loss, SparsityPenalty?, NoiseProcess?)] = [
            (.sigmoid, .sigmoid, .mse, nil, nil), (.tanh, .linear, .sse, .kl(rho: 0.2, beta: 1), .gaussian(sigma: 0.1)),
            (.relu, .sigmoid, .bce, .l1(lambda: 0.02), .masking(p: 0.2)), (.sigmoid, .sigmoid, .sse, nil, .saltPepper(p: 0.1)),
        ]
        for (act, out, loss, sparsity, noise) in cases {
            for (rows, inputs, hidden, codes) in [(8, 6, [5], 3), (8, 6, [5, 4], 3), (128, 64, [48], 32)] {
                var o = AutoencoderOptions()
                (o.act, o.out, o.loss, o.sparsity, o.noise) = (act, out, loss, sparsity, noise)
                try assertSameBits("deep \(hidden) N=\(rows) \(o)", data(rows, inputs, seed: 4), nil, {
                    try DeepAutoencoder(inputs: inputs, codes: codes, hidden: hidden, options: o, rng: RandomGenerator(seed: 6))
                }, plain: { ($0 as? DeepAutoencoder)?.pass.fused = false })
            }
        }
    }

    func testVAEFusedAndPlainAgree() throws {
        for act in [Activation.sigmoid, .tanh, .relu] {
            for loss in [Loss.bce.summedPerSample, .sse] {
                for (rows, inputs, hidden, latent) in [(8, 6, 5, 2), (128, 64, 48, 8)] {
                    try assertSameBits("vae \(inputs)-\(hidden)-\(latent) N=\(rows) \(act.name) \(loss.name)",
                                       data(rows, inputs, seed: 5), nil, {
                        try VAE(inputs: inputs, latent: latent, hidden: hidden, act: act, loss: loss, rng: RandomGenerator(seed: 8))
                    }, plain: { ($0 as? VAE)?.pass.setFused(false) })
                }
            }
        }
    }
}

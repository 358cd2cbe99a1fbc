// Autoencoders trained on the real digits (pixels/16) with the common trainer: reconstruction
// against PCA-16 (mse 0.01104), KL sparsity reaching ρ, denoising beating a plain autoencoder on
// masked inputs, a 2-D VAE whose loss falls and whose samples lie in (0, 1). Kept short for debug
// builds; Scripts/bench/autoencoder trains the full W2 workload in release builds.
import XCTest
import TensorKit
@testable import NeuralKit

final class AutoencoderQualityTests: XCTestCase {
    /// PCA-16's reconstruction mse on digits/16: the best any rank-16 linear code can do.
    static let pca16 = 0.01104

    /// The 1797×64 digits, pixels/16 (NeuralKit's data set; an empty tensor fails testDigitsLoaded).
    static let digits: Tensor = (try? DataSets.digits().x) ?? Tensor(shape: [0, 64], storage: [])

    func train(_ model: TrainableModel, epochs: Int, batch: Int, lr: Double, seed: UInt64 = 0) throws -> TrainingHistory {
        let trainer = Trainer(model: model, optimizer: Adam(learningRate: lr),
                              options: TrainingOptions(epochs: epochs, batchSize: batch, shuffle: true))
        return try trainer.fit(Self.digits, nil, rng: RandomGenerator(seed: seed))
    }

    func testDigitsLoaded() {
        XCTAssertEqual(Self.digits.shape, [1797, 64])
        XCTAssertEqual(Self.digits.storage.max(), 1)
    }

    func testSigmoidAutoencoderNearPCA() throws {
        let ae = try Autoencoder(inputs: 64, codes: 16, options: AutoencoderOptions(), rng: RandomGenerator(seed: 1))
        let h = try train(ae, epochs: 60, batch: 64, lr: 0.01)
        let mse = try ae.objective(Self.digits)
        XCTAssertLessThan(mse, 1.3 * Self.pca16, "sigmoid 64-16-64 after \(h.loss.count) epochs")
        XCTAssertLessThan(h.loss.last ?? 1, h.loss.first ?? 0)
    }

    func testLinearAutoencoderReachesPCA() throws {
        var o = AutoencoderOptions()
        o.act = .linear
        o.out = .linear
        let ae = try Autoencoder(inputs: 64, codes: 16, options: o, rng: RandomGenerator(seed: 1))
        // Adam's minibatch noise sets a floor; lowering the rate in stages brings it to PCA.
        _ = try train(ae, epochs: 150, batch: 128, lr: 0.02)
        _ = try train(ae, epochs: 30, batch: 128, lr: 0.002)
        let mse = try ae.objective(Self.digits)
        XCTAssertLessThan(mse, 1.01 * Self.pca16, "linear 64-16-64")
        XCTAssertGreaterThan(mse, 0.999 * Self.pca16, "no rank-16 code beats PCA")
    }

    func testKLSparsityReachesRho() throws {
        var o = AutoencoderOptions()
        o.sparsity = .kl(rho: 0.05, beta: 3)
        let ae = try Autoencoder(inputs: 64, codes: 32, options: o, rng: RandomGenerator(seed: 1))
        let before = try ae.terms(Self.digits).rhoHat
        _ = try train(ae, epochs: 30, batch: 64, lr: 0.01)
        let t = try ae.terms(Self.digits)
        let mean = t.rhoHat.reduce(0, +) / Double(t.rhoHat.count)
        XCTAssertGreaterThan(before.reduce(0, +) / Double(before.count), 0.2)
        XCTAssertEqual(mean, 0.05, accuracy: 0.02, "mean ρ̂ \(mean)")
        XCTAssertGreaterThan(t.penalty, 0)
    }

    func testDenoisingBeatsPlainOnMaskedInputs() throws {
        var o = AutoencoderOptions()
        let plain = try Autoencoder(inputs: 64, codes: 32, options: o, rng: RandomGenerator(seed: 1))
        o.noise = .masking(p: 0.3)
        let denoising = try Autoencoder(inputs: 64, codes: 32, options: o, rng: RandomGenerator(seed: 1))
        _ = try train(plain, epochs: 25, batch: 64, lr: 0.01)
        _ = try train(denoising, epochs: 25, batch: 64, lr: 0.01)
        let masked = NoiseProcess.masking(p: 0.3).corrupt(Self.digits, rng: RandomGenerator(seed: 7))
        func error(_ ae: Autoencoder) throws -> Double {
            let y = try ae.reconstruct(masked)
            return zip(y.storage, Self.digits.storage).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(y.count)
        }
        let ePlain = try error(plain), eDenoising = try error(denoising)
        XCTAssertLessThan(eDenoising, 0.9 * ePlain, "denoising \(eDenoising) vs plain \(ePlain)")
        // No noise at use time: the same input gives the same output twice.
        XCTAssertEqual(try denoising.reconstruct(Self.digits), try denoising.reconstruct(Self.digits))
    }

    func testVAELossFallsAndSamplesInUnitInterval() throws {
        let v = try VAE(inputs: 64, latent: 2, hidden: 32, act: .relu, loss: Loss.bce.summedPerSample, rng: RandomGenerator(seed: 1))
        let h = try train(v, epochs: 15, batch: 64, lr: 0.003)
        XCTAssertLessThan(try XCTUnwrap(h.loss.last), 0.9 * (try XCTUnwrap(h.loss.first)))
        let s = try v.sample(20, rng: RandomGenerator(seed: 3))
        XCTAssertEqual(s.shape, [20, 64])
        XCTAssertTrue(s.storage.allSatisfy { $0 > 0 && $0 < 1 })
        let t = try v.terms(Self.digits, eps: nil, rng: RandomGenerator(seed: 4))
        XCTAssertGreaterThan(t.kl, 0)
        XCTAssertEqual(t.elbo, -(t.reconstruction + t.kl), accuracy: 1e-9)
    }
}

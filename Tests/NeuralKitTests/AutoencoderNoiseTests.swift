// Noise processes (rates, draw order, determinism), option checks, and the shapes the autoencoder
// accepts and refuses.
import XCTest
import TensorKit
@testable import NeuralKit

final class AutoencoderNoiseTests: XCTestCase {
    let ones = Tensor(shape: [200, 50], storage: [Double](repeating: 0.5, count: 10_000))

    func testMaskingZeroesAboutP() {
        let y = NoiseProcess.masking(p: 0.3).corrupt(ones, rng: RandomGenerator(seed: 1))
        let zeros = Double(y.storage.filter { $0 == 0 }.count) / Double(y.count)
        XCTAssertEqual(zeros, 0.3, accuracy: 0.02)
        XCTAssertTrue(y.storage.allSatisfy { $0 == 0 || $0 == 0.5 })
    }

    func testSaltPepperFairCoin() {
        let y = NoiseProcess.saltPepper(p: 0.4).corrupt(ones, rng: RandomGenerator(seed: 2))
        let zeros = Double(y.storage.filter { $0 == 0 }.count) / Double(y.count)
        let full = Double(y.storage.filter { $0 == 1 }.count) / Double(y.count)
        XCTAssertEqual(zeros, 0.2, accuracy: 0.02)
        XCTAssertEqual(full, 0.2, accuracy: 0.02)
    }

    func testDrawOrderIsOneUniformPerElement() {
        // masking(p): element i is zeroed exactly when the i-th uniform draw is below p.
        let rng = RandomGenerator(seed: 3), copy = RandomGenerator(seed: 3)
        let y = NoiseProcess.masking(p: 0.5).corrupt(ones, rng: rng)
        for i in 0..<y.count {
            XCTAssertEqual(y.storage[i] == 0, copy.nextDouble() < 0.5)
        }
        XCTAssertEqual(rng.nextDouble(), copy.nextDouble(), "no extra draws")
    }

    func testGaussianSpread() {
        let y = NoiseProcess.gaussian(sigma: 0.2).corrupt(ones, rng: RandomGenerator(seed: 4))
        let d = y.storage.map { $0 - 0.5 }
        let mean = d.reduce(0, +) / Double(d.count)
        let sd = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(d.count)).squareRoot()
        XCTAssertEqual(mean, 0, accuracy: 0.01)
        XCTAssertEqual(sd, 0.2, accuracy: 0.01)
    }

    func testFreshCorruptionEachStep() throws {
        var o = AutoencoderOptions()
        o.noise = .gaussian(sigma: 0.5)
        let ae = try Autoencoder(inputs: 50, codes: 4, options: o, rng: RandomGenerator(seed: 5))
        let rng = RandomGenerator(seed: 6)
        let a = try ae.lossAndGradients(ones, ones, rng: rng)
        let b = try ae.lossAndGradients(ones, ones, rng: rng)
        XCTAssertNotEqual(a, b, "two steps, two corruptions")
        XCTAssertEqual(try ae.objective(ones), try ae.objective(ones), "no noise in loss(X)")
    }

    func testOptionChecks() {
        var o = AutoencoderOptions()
        o.sparsity = .topK(k: 2, alpha: 1)
        XCTAssertThrowsError(try Autoencoder(inputs: 6, codes: 3, options: o, rng: RandomGenerator(seed: 0))) {
            XCTAssertTrue(($0 as? NeuralError)?.message.contains("act: linear and tied: true") ?? false)
        }
        o.act = .linear
        o.tied = true
        XCTAssertNoThrow(try Autoencoder(inputs: 6, codes: 3, options: o, rng: RandomGenerator(seed: 0)))
        o.sparsity = .topK(k: 4, alpha: 1)
        XCTAssertThrowsError(try Autoencoder(inputs: 6, codes: 3, options: o, rng: RandomGenerator(seed: 0)))
        XCTAssertThrowsError(try NoiseProcess.masking(p: 1.5).validated())
        XCTAssertThrowsError(try SparsityPenalty.kl(rho: 0, beta: 1).validated())
        XCTAssertThrowsError(try Autoencoder(inputs: 0, codes: 3, options: AutoencoderOptions(), rng: RandomGenerator(seed: 0)))
    }

    func testShapes() throws {
        var o = AutoencoderOptions()
        o.tied = true
        let ae = try Autoencoder(inputs: 6, codes: 3, options: o, rng: RandomGenerator(seed: 0))
        XCTAssertEqual(try ae.encode(Tensor([1, 2, 3, 4, 5, 6])).shape, [3])
        XCTAssertEqual(try ae.reconstruct(Tensor(shape: [2, 6], repeating: 0.5)).shape, [2, 6])
        XCTAssertEqual(try ae.decode(Tensor(shape: [4, 3], repeating: 0)).shape, [4, 6])
        XCTAssertThrowsError(try ae.reconstruct(Tensor(shape: [2, 5], repeating: 0)))
        XCTAssertThrowsError(try ae.set("W", Tensor(shape: [6, 3], repeating: 0)))
        // Tied: setting W2 sets W to its transpose; W2 then reads back unchanged.
        let w2 = Tensor(shape: [6, 3], storage: (0..<18).map(Double.init))
        try ae.set("W2", w2)
        XCTAssertEqual(ae.decoderWeights, w2)
        XCTAssertEqual(ae.w.value.shape, [3, 6])
        XCTAssertEqual(ae.parameters.count, 3)
    }
}

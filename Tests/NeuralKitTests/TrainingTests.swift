// Training end to end at the library level: XOR with a 2-4-1 network, the history's semantics
// (a smaller last batch weighted by its size) against a hand computation, optimizers continuing.
import XCTest
import TensorKit
@testable import NeuralKit

final class TrainingTests: XCTestCase {
    static let xorX = Tensor(shape: [4, 2], storage: [0, 0, 0, 1, 1, 0, 1, 1])
    static let xorY = Tensor(shape: [4, 1], storage: [0, 1, 1, 0])

    /// The W1 benchmark's fixed start weights for XOR 2-4-1, stored (out, in) as Dense keeps W.
    static func w1Network() throws -> Network {
        let w1 = Tensor(shape: [4, 2], storage: [0.2739, 0.6265, -0.4604, 0.8255, -0.9181, 0.2133, -0.9669, 0.459])
        let b1 = Tensor([0.0872, 0.8701, 0.6317, -0.9945])
        let w2 = Tensor(shape: [1, 4], storage: [0.7148, -0.9328, 0.4593, -0.6487])
        let b2 = Tensor([0.7264])
        return try Network(layers: [try Dense(weight: w1, bias: b1, activation: .tanh),
                                    try Dense(weight: w2, bias: b2, activation: .sigmoid)])
    }

    func testXORReachesSmallLoss() throws {
        let net = try Network.mlp(sizes: [2, 4, 1], activation: .tanh, output: .sigmoid,
                                  rng: RandomGenerator(seed: 1))
        let trainer = Trainer(model: SupervisedObjective(network: net, loss: .mse),
                              optimizer: SGD(learningRate: 0.5),
                              options: TrainingOptions(epochs: 3000))
        let h = try trainer.fit(Self.xorX, Self.xorY, rng: RandomGenerator(seed: 2))
        XCTAssertEqual(h.loss.count, 3000)
        let final = try Loss.mse.value(try net.predict(Self.xorX), Self.xorY)
        XCTAssertLessThan(final, 0.02)
        XCTAssertGreaterThan(h.loss[0], 0.1)
    }

    func testW1FinalLossMatchesPyTorch() throws {
        let net = try Self.w1Network()
        let trainer = Trainer(model: SupervisedObjective(network: net, loss: .mse),
                              optimizer: SGD(learningRate: 0.5),
                              options: TrainingOptions(epochs: 10_000))
        let h = try trainer.fit(Self.xorX, Self.xorY, rng: RandomGenerator(seed: 0))
        let final = try Loss.mse.value(try net.predict(Self.xorX), Self.xorY)
        print("W1 last epoch loss", h.loss[h.loss.count - 1], "final", final)
    }
}

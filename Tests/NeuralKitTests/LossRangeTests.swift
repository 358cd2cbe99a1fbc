// bce takes probabilities and cross_entropy non-negative ones: other predictions are refused with
// a message naming the fix, as PyTorch refuses them, instead of a nan loss.
import XCTest
import TensorKit
@testable import NeuralKit

final class LossRangeTests: XCTestCase {
    func testBCERefusesPredictionsOutsideZeroOne() throws {
        XCTAssertThrowsError(try Loss.bce.value(Tensor([-0.5, 0.5]), Tensor([1, 0]))) { error in
            XCTAssertTrue("\(error)".contains("found -0.5 at element 0"), "\(error)")
            XCTAssertTrue("\(error)".contains("sigmoid"), "\(error)")
        }
        XCTAssertThrowsError(try Loss.bce.value(Tensor([1.5]), Tensor([1])))
        XCTAssertThrowsError(try Loss.crossEntropy.value(Tensor(shape: [1, 2], storage: [-0.1, 1.1]),
                                                         Tensor(shape: [1, 2], storage: [0, 1])))
        // The ends are fine (log is clamped at −100), and mse takes anything.
        XCTAssertNoThrow(try Loss.bce.value(Tensor([0, 1]), Tensor([1, 0])))
        XCTAssertNoThrow(try Loss.mse.value(Tensor([-5, 7]), Tensor([1, 0])))
    }

    func testTrainingALinearOutputWithBCEIsAnError() throws {
        let net = try Network.mlp(sizes: [2, 4, 1], activation: .tanh, output: .linear, rng: RandomGenerator(seed: 5))
        // Make sure one prediction is negative.
        net.layers[1].bias.value = Tensor([-3])
        let trainer = Trainer(model: SupervisedObjective(network: net, loss: .bce), optimizer: SGD(learningRate: 0.1),
                              options: TrainingOptions(epochs: 5))
        XCTAssertThrowsError(try trainer.fit(TrainingTests.xorX, TrainingTests.xorY, rng: RandomGenerator(seed: 1))) { error in
            XCTAssertTrue("\(error)".contains("bce: predictions must be probabilities"), "\(error)")
        }
    }

    func testAutoencoderWithBCENeedsABoundedOutput() throws {
        var o = AutoencoderOptions()
        o.out = .linear
        o.loss = .bce
        XCTAssertThrowsError(try Autoencoder(inputs: 4, codes: 2, options: o, rng: RandomGenerator(seed: 0))) { error in
            XCTAssertTrue("\(error)".contains("out: sigmoid"), "\(error)")
        }
        XCTAssertThrowsError(try DeepAutoencoder(inputs: 4, codes: 2, hidden: [3], options: o, rng: RandomGenerator(seed: 0)))
        o.out = .sigmoid
        XCTAssertNoThrow(try Autoencoder(inputs: 4, codes: 2, options: o, rng: RandomGenerator(seed: 0)))
    }
}

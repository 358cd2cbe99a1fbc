// SGD (with momentum and weight decay) and Adam against torch.optim: weights after each of three
// steps from the same start; state continuing across calls.
import XCTest
import TensorKit
@testable import NeuralKit

final class OptimizerTests: XCTestCase {
    func testThreeStepsMatchTorchOptim() throws {
        let fx = try NetworkFixtures.load()
        XCTAssertEqual(fx.optimizers.count, 5)
        for run in fx.optimizers {
            let o = run.options
            let opt: any Optimizer = run.optimizer == "sgd"
                ? SGD(learningRate: o["lr"] ?? 0, momentum: o["momentum"] ?? 0, weightDecay: o["weight_decay"] ?? 0)
                : Adam(learningRate: o["lr"] ?? 0, beta1: o["beta1"] ?? 0.9, beta2: o["beta2"] ?? 0.999,
                       epsilon: o["eps"] ?? 1e-8, weightDecay: o["weight_decay"] ?? 0)
            let net = try fixtureNetwork([run.start[0], run.start[2]], [run.start[1], run.start[3]],
                                         hidden: .tanh, output: .sigmoid)
            let model = SupervisedObjective(network: net, loss: .mse)
            for step in 0..<3 {
                let loss = try model.lossAndGradients(run.X.tensor, run.Y.tensor, rng: RandomGenerator(seed: 0))
                assertClose(loss, run.losses[step], rel: 1e-12, "\(opt.description) loss \(step)")
                opt.step(model.parameters)
                for (k, p) in model.parameters.enumerated() {
                    assertClose(p.value, run.after[step][k].tensor, rel: 1e-11, abs: 1e-14,
                                "\(opt.description) step \(step) parameter \(k)")
                }
            }
        }
    }

    /// Two train calls of 3 epochs with one optimizer equal one call of 6 epochs.
    func testOptimizerStateContinuesAcrossTrainCalls() throws {
        func run(_ split: Bool) throws -> Tensor {
            let net = try Network.mlp(sizes: [2, 3, 1], activation: .tanh, output: .sigmoid, rng: RandomGenerator(seed: 3))
            let model = SupervisedObjective(network: net, loss: .mse)
            let adam = Adam(learningRate: 0.05)
            let x = TrainingTests.xorX, y = TrainingTests.xorY
            if split {
                for _ in 0..<2 {
                    _ = try Trainer(model: model, optimizer: adam, options: TrainingOptions(epochs: 3)).fit(x, y, rng: RandomGenerator(seed: 0))
                }
            } else {
                _ = try Trainer(model: model, optimizer: adam, options: TrainingOptions(epochs: 6)).fit(x, y, rng: RandomGenerator(seed: 0))
            }
            XCTAssertEqual(adam.stepCount, 6)
            return net.layers[0].weight.value
        }
        XCTAssertEqual(try run(true), try run(false))
        // A fresh optimizer for the second call restarts Adam's bias correction: different weights.
        let net = try Network.mlp(sizes: [2, 3, 1], activation: .tanh, output: .sigmoid, rng: RandomGenerator(seed: 3))
        let model = SupervisedObjective(network: net, loss: .mse)
        for _ in 0..<2 {
            _ = try Trainer(model: model, optimizer: Adam(learningRate: 0.05), options: TrainingOptions(epochs: 3))
                .fit(TrainingTests.xorX, TrainingTests.xorY, rng: RandomGenerator(seed: 0))
        }
        XCTAssertNotEqual(net.layers[0].weight.value, try run(false))
    }
}

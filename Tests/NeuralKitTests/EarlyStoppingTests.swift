// Early stopping on a crafted validation curve (the stop epoch, the restored weights, ties not
// counting as progress), weight decay against torch.optim, and parameter snapshots put back exactly.
import XCTest
import Foundation
import TensorKit
@testable import NeuralKit

/// A model whose one weight grows by exactly 1 per step (gradient −1 under sgd(lr: 1)) and whose
/// validation loss follows a given curve, one entry per epoch.
private final class ScriptedModel: TrainableModel {
    let weight = Parameter(Tensor([0]))
    var curve: [Double]
    private var epoch = 0
    init(curve: [Double]) { self.curve = curve }
    var parameters: [Parameter] { [weight] }
    func lossAndGradients(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        weight.grad = Tensor([-1])
        return 1
    }
    func evaluationLoss(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        defer { epoch += 1 }
        return curve[min(epoch, curve.count - 1)]
    }
}

final class EarlyStoppingTests: XCTestCase {
    private func fit(_ curve: [Double], patience: Int?, epochs: Int = 20) throws -> (TrainingHistory, Double) {
        let model = ScriptedModel(curve: curve)
        let x = Tensor(shape: [2, 1], storage: [0, 1])
        let trainer = Trainer(model: model, optimizer: SGD(learningRate: 1),
                              options: TrainingOptions(epochs: epochs, patience: patience))
        let h = try trainer.fit(x, x, validation: (x, x), rng: RandomGenerator(seed: 0))
        return (h, model.weight.value.storage[0])
    }

    func testStopsAfterPatienceEpochsWithoutProgressAndRestoresTheBest() throws {
        // Best at epoch 2 (3.0); epochs 3, 4 (a tie: not below) and 5 do not improve → stop after 5.
        let (h, w) = try fit([5, 4, 3, 3.2, 3.0, 3.1, 2.0, 1.0], patience: 3)
        XCTAssertEqual(h.loss.count, 6)
        XCTAssertEqual(h.validationLoss, [5, 4, 3, 3.2, 3.0, 3.1])
        XCTAssertEqual(h.bestEpoch, 2)
        XCTAssertTrue(h.stopped)
        XCTAssertEqual(w, 3, "the weights after epoch 2 (three steps of +1) are put back")
    }

    func testRunningOutOfEpochsStillEndsWithTheBestWeights() throws {
        let (h, w) = try fit([3, 2, 1, 1.5, 1.7], patience: 5, epochs: 5)
        XCTAssertFalse(h.stopped)
        XCTAssertEqual(h.bestEpoch, 2)
        XCTAssertEqual(w, 3)
    }

    func testNanValidationNeverCountsAsBest() throws {
        let (h, w) = try fit([.nan, 2, .nan, .nan], patience: 2)
        XCTAssertEqual(h.bestEpoch, 1)
        XCTAssertEqual(h.loss.count, 4)
        XCTAssertEqual(w, 2)
    }

    func testWithoutPatienceEveryEpochRuns() throws {
        let (h, w) = try fit([1, 2, 3, 4], patience: nil, epochs: 4)
        XCTAssertNil(h.bestEpoch)
        XCTAssertFalse(h.stopped)
        XCTAssertEqual(w, 4)
    }

    func testPatienceNeedsValidationAndAPositiveCount() throws {
        let model = ScriptedModel(curve: [1])
        let x = Tensor(shape: [1, 1], storage: [0])
        let t = Trainer(model: model, optimizer: SGD(), options: TrainingOptions(epochs: 3, patience: 2))
        XCTAssertThrowsError(try t.fit(x, x, rng: RandomGenerator(seed: 0))) {
            XCTAssertTrue(($0 as? NeuralError)?.message.contains("validation") ?? false, "\($0)")
        }
        let zero = Trainer(model: model, optimizer: SGD(), options: TrainingOptions(epochs: 3, patience: 0))
        XCTAssertThrowsError(try zero.fit(x, x, validation: (x, x), rng: RandomGenerator(seed: 0)))
    }

    func testSnapshotRestoresBitForBit() throws {
        let net = try Network.mlp(sizes: [2, 5, 1], activation: .tanh, output: .sigmoid, rng: RandomGenerator(seed: 9))
        let before = net.parameters.map(\.value)
        let snapshot = ParameterSnapshot(net.parameters)
        let d = DataSets.xor
        let trainer = Trainer(model: SupervisedObjective(network: net, loss: .mse), optimizer: Adam(learningRate: 0.1),
                              options: TrainingOptions(epochs: 30))
        _ = try trainer.fit(d.x, d.y, rng: RandomGenerator(seed: 1))
        XCTAssertNotEqual(net.parameters.map(\.value), before)
        snapshot.restore()
        XCTAssertEqual(net.parameters.map(\.value), before)
        XCTAssertEqual(snapshot.count, net.parameterCount)
    }
}

/// torch.optim runs with weight_decay (Scripts/fixtures/torch_weight_decay_fixtures.py).
struct WeightDecayFixtures: Decodable {
    let steps: Int
    let runs: [OptimizerFixture]

    static func load() throws -> WeightDecayFixtures {
        guard let url = Bundle.module.url(forResource: "weight_decay_fixtures", withExtension: "json",
                                          subdirectory: "Fixtures") else {
            throw NeuralError("fixture weight_decay_fixtures.json missing")
        }
        return try JSONDecoder().decode(WeightDecayFixtures.self, from: Data(contentsOf: url))
    }
}

final class WeightDecayTests: XCTestCase {
    /// Five steps of SGD (with and without momentum) and Adam with weight decay equal torch.optim's
    /// weights to 1e-12, and differ from the runs without decay.
    func testWeightDecayMatchesTorchOptim() throws {
        let fx = try WeightDecayFixtures.load()
        XCTAssertEqual(fx.runs.count, 6)
        for run in fx.runs {
            let o = run.options
            let opt: any Optimizer = run.optimizer == "sgd"
                ? SGD(learningRate: o["lr"] ?? 0, momentum: o["momentum"] ?? 0, weightDecay: o["weight_decay"] ?? 0)
                : Adam(learningRate: o["lr"] ?? 0, beta1: o["beta1"] ?? 0.9, beta2: o["beta2"] ?? 0.999,
                       epsilon: o["eps"] ?? 1e-8, weightDecay: o["weight_decay"] ?? 0)
            let net = try fixtureNetwork([run.start[0], run.start[2]], [run.start[1], run.start[3]],
                                         hidden: .tanh, output: .sigmoid)
            let model = SupervisedObjective(network: net, loss: .mse)
            for step in 0..<fx.steps {
                let loss = try model.lossAndGradients(run.X.tensor, run.Y.tensor, rng: RandomGenerator(seed: 0))
                assertClose(loss, run.losses[step], rel: 0, abs: 1e-12, "\(opt.description) loss \(step)")
                opt.step(model.parameters)
                for (k, p) in model.parameters.enumerated() {
                    assertClose(p.value, run.after[step][k].tensor, rel: 0, abs: 1e-12,
                                "\(opt.description) step \(step) parameter \(k)")
                }
            }
        }
        // The decay made a difference far above the tolerance.
        let plain = fx.runs[2].after[fx.steps - 1][0].tensor, decayed = fx.runs[1].after[fx.steps - 1][0].tensor
        let gap = zip(plain.storage, decayed.storage).map { abs($0 - $1) }.max() ?? 0
        XCTAssertGreaterThan(gap, 1e-3)
    }
}

// The data sets (gates, digits from the package resource) and the training history's semantics:
// per-epoch means weighted by batch size, checked against a hand computation; validation loss;
// stop requests; divergence; the digits classifier.
import XCTest
import TensorKit
@testable import NeuralKit

final class DataAndHistoryTests: XCTestCase {
    func testGates() {
        XCTAssertEqual(DataSets.xor.x.storage, [0, 0, 0, 1, 1, 0, 1, 1])
        XCTAssertEqual(DataSets.xor.y.shape, [4, 1])
        XCTAssertEqual(DataSets.xor.y.storage, [0, 1, 1, 0])
        XCTAssertEqual(DataSets.and.y.storage, [0, 0, 0, 1])
        XCTAssertEqual(DataSets.or.y.storage, [0, 1, 1, 1])
    }

    func testDigitsLoadFromResource() throws {
        let d = try DataSets.digits()
        XCTAssertEqual(d.x.shape, [1797, 64])
        XCTAssertEqual(d.y.shape, [1797])
        XCTAssertEqual(d.onehot?.shape, [1797, 10])
        XCTAssertEqual(d.y.storage[0], 0)
        XCTAssertEqual(d.x.storage[2], 5.0 / 16)
        XCTAssertEqual(d.x.storage.max(), 1)
        XCTAssertEqual(d.onehot?.storage.reduce(0, +), 1797)
    }

    /// 5 rows, batch 2, no shuffle: steps of 2, 2, 1 rows. With lr 0 the weights never move, so
    /// each step's loss is the loss of its rows at the start weights: the epoch entry must be
    /// (2·C(rows 0,1) + 2·C(rows 2,3) + 1·C(row 4)) / 5, which equals the full-set mse.
    func testHistoryWeightsTheLastSmallerBatch() throws {
        let x = Tensor(shape: [5, 1], storage: [0, 1, 2, 3, 4])
        let y = Tensor(shape: [5, 1], storage: [1, 0, 2, 5, -3])
        let layer = try Dense(weight: Tensor(shape: [1, 1], storage: [0.5]), bias: Tensor([0.25]), activation: .linear)
        let net = try Network(layers: [layer])
        let model = SupervisedObjective(network: net, loss: .mse)
        let h = try Trainer(model: model, optimizer: SGD(learningRate: 0), options: TrainingOptions(epochs: 2, batchSize: 2, shuffle: false))
            .fit(x, y, rng: RandomGenerator(seed: 0))
        // predictions 0.25, 0.75, 1.25, 1.75, 2.25; squared errors by hand:
        let se = [0.5625, 0.5625, 0.5625, 10.5625, 27.5625]
        let batches = [(se[0] + se[1]) / 2, (se[2] + se[3]) / 2, se[4]]
        let expected = (2 * batches[0] + 2 * batches[1] + 1 * batches[2]) / 5
        XCTAssertEqual(h.loss.count, 2)
        XCTAssertEqual(h.loss[0], expected, accuracy: 1e-14)
        // The unweighted mean of the three batch losses differs, so the weighting is visible.
        XCTAssertNotEqual((batches[0] + batches[1] + batches[2]) / 3, expected, accuracy: 1e-3)
        XCTAssertEqual(h.steps, 6)

        // With a learning rate, the second step already sees updated weights: the entry is the
        // mean of pre-update losses, not the end-of-epoch loss.
        let net2 = try Network(layers: [try Dense(weight: Tensor(shape: [1, 1], storage: [0.5]), bias: Tensor([0.25]), activation: .linear)])
        let h2 = try Trainer(model: SupervisedObjective(network: net2, loss: .mse), optimizer: SGD(learningRate: 0.01),
                             options: TrainingOptions(epochs: 1, batchSize: 5, shuffle: false)).fit(x, y, rng: RandomGenerator(seed: 0))
        XCTAssertEqual(h2.loss[0], se.reduce(0, +) / 5, accuracy: 1e-14)
    }

    func testValidationStopAndDivergence() throws {
        let d = DataSets.xor
        let net = try Network.mlp(sizes: [2, 3, 1], activation: .tanh, output: .sigmoid, rng: RandomGenerator(seed: 1))
        let model = SupervisedObjective(network: net, loss: .mse)
        let h = try Trainer(model: model, optimizer: SGD(learningRate: 0.1), options: TrainingOptions(epochs: 5))
            .fit(d.x, d.y, validation: (d.x, d.y), rng: RandomGenerator(seed: 0))
        XCTAssertEqual(h.validationLoss.count, 5)
        XCTAssertEqual(h.validationLoss[4], try Loss.mse.value(try net.predict(d.x), d.y), accuracy: 1e-15)

        var calls = 0
        let stopped = try Trainer(model: model, optimizer: SGD(learningRate: 0.1), options: TrainingOptions(epochs: 50, batchSize: 1))
            .fit(d.x, d.y, rng: RandomGenerator(seed: 0), shouldStop: { calls += 1; return calls == 6 })
        XCTAssertTrue(stopped.interrupted)
        XCTAssertEqual(stopped.steps, 6)
        XCTAssertEqual(stopped.loss.count, 2)

        let lin = try Network(layers: [try Dense(weight: Tensor(shape: [1, 2], storage: [1, 1]), bias: Tensor([0]), activation: .linear)])
        XCTAssertThrowsError(try Trainer(model: SupervisedObjective(network: lin, loss: .mse), optimizer: SGD(learningRate: 1e6),
                                         options: TrainingOptions(epochs: 50)).fit(d.x, d.y, rng: RandomGenerator(seed: 0))) { e in
            XCTAssertTrue((e as? NeuralError)?.message.contains("smaller learning rate") ?? false)
        }
    }

    func testDigitsClassifierReaches95Percent() throws {
        let d = try DataSets.digits()
        guard let onehot = d.onehot else { return XCTFail("no onehot") }
        let rng = RandomGenerator(seed: 42)
        let net = try Network.mlp(sizes: [64, 32, 10], activation: .relu, output: .softmax, rng: rng)
        let h = try Trainer(model: SupervisedObjective(network: net, loss: .crossEntropy), optimizer: Adam(learningRate: 0.01),
                            options: TrainingOptions(epochs: 15, batchSize: 64)).fit(d.x, onehot, rng: rng)
        XCTAssertLessThan(h.loss[14], h.loss[0])
        let acc = try Metrics.accuracy(try net.predict(d.x), d.y)
        XCTAssertGreaterThanOrEqual(acc, 0.95)
    }
}

/// The trainer's documented draw order: one `permutation(N)` per epoch, batches taken in order
/// from it; no draws when a batch covers the whole set.
final class DrawOrderTests: XCTestCase {
    /// Records the first column of every batch it is given.
    final class Recorder: TrainableModel {
        let p = Parameter(Tensor([0]))
        var seen: [[Double]] = []
        var parameters: [Parameter] { [p] }
        func lossAndGradients(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
            seen.append((0..<x.shape[0]).map { x.storage[$0 * x.shape[1]] })
            p.grad = Tensor([0])
            return 0
        }
    }

    func testOnePermutationPerEpoch() throws {
        let x = Tensor(shape: [7, 2], storage: (0..<14).map { Double($0 / 2) })   // row i starts with i
        let model = Recorder()
        _ = try Trainer(model: model, optimizer: SGD(), options: TrainingOptions(epochs: 2, batchSize: 3))
            .fit(x, nil, rng: RandomGenerator(seed: 9))
        let reference = RandomGenerator(seed: 9)
        let p1 = reference.permutation(7).map(Double.init), p2 = reference.permutation(7).map(Double.init)
        XCTAssertEqual(model.seen, [Array(p1[0..<3]), Array(p1[3..<6]), [p1[6]], Array(p2[0..<3]), Array(p2[3..<6]), [p2[6]]])
        XCTAssertNotEqual(p1, p2)

        let full = Recorder(), rng = RandomGenerator(seed: 9)
        _ = try Trainer(model: full, optimizer: SGD(), options: TrainingOptions(epochs: 2)).fit(x, nil, rng: rng)
        XCTAssertEqual(full.seen, [(0..<7).map(Double.init), (0..<7).map(Double.init)])
        XCTAssertEqual(rng.nextDouble(), RandomGenerator(seed: 9).nextDouble(), "full-batch training draws nothing")
    }
}

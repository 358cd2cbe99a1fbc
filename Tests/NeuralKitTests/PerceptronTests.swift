// Rosenblatt's perceptron converges on AND and OR and never on XOR (Minsky–Papert); the neuron
// and Hebb's rule compute what the lecture writes.
import XCTest
import TensorKit
@testable import NeuralKit

final class PerceptronTests: XCTestCase {
    func testConvergesOnAndAndOr() throws {
        for data in [DataSets.and, DataSets.or] {
            let p = try Perceptron(inputs: 2, learningRate: 0.1)
            let r = try p.train(data.x, data.y, epochs: 100, shuffle: false, rng: RandomGenerator(seed: 0))
            XCTAssertTrue(r.converged)
            XCTAssertEqual(r.errors.count, r.epochs)
            XCTAssertEqual(r.errors.last, 0)
            XCTAssertGreaterThan(r.errors[0], 0)
            XCTAssertEqual(try p.predict(data.x).storage, data.y.storage)
        }
    }

    func testAndByHand() throws {
        // From w = 0, b = 0 with lr 0.1 the first pass errs on rows 0 and 3 only... computed by hand:
        // row [0,0]: y = 1, t = 0 → b = −0.1; [0,1]: u = −0.1 → y = 0 ok; [1,0]: ok; [1,1]: y = 0, t = 1
        // → w = [0.1, 0.1], b = 0.
        let p = try Perceptron(inputs: 2, learningRate: 0.1)
        let r = try p.train(DataSets.and.x, DataSets.and.y, epochs: 1, shuffle: false, rng: RandomGenerator(seed: 0))
        XCTAssertEqual(r.errors, [2])
        XCTAssertEqual(p.weights, [0.1, 0.1])
        XCTAssertEqual(p.bias, 0, accuracy: 1e-15)
    }

    func testNeverConvergesOnXOR() throws {
        let p = try Perceptron(inputs: 2, learningRate: 0.1)
        let r = try p.train(DataSets.xor.x, DataSets.xor.y, epochs: 200, shuffle: true, rng: RandomGenerator(seed: 5))
        XCTAssertFalse(r.converged)
        XCTAssertEqual(r.epochs, 200)
        XCTAssertTrue(r.errors.allSatisfy { $0 > 0 })
    }

    func testNeuronComputesWeightedSum() throws {
        let n = try Neuron(weights: Tensor([0.5, -1]), bias: 0.25, activation: .sigmoid)
        let y = try n(Tensor([2, 1]))
        XCTAssertEqual(y.rank, 0)
        XCTAssertEqual(y.storage[0], 1 / (1 + exp(-0.25)), accuracy: 1e-15)
        let batch = try n(Tensor(shape: [2, 2], storage: [2, 1, 0, 0]))
        XCTAssertEqual(batch.shape, [2])
        XCTAssertEqual(batch.storage[1], 1 / (1 + exp(-0.25)), accuracy: 1e-15)
    }

    func testHebbRule() throws {
        let h = try Hebbian(inputs: 2, learningRate: 0.5, rng: RandomGenerator(seed: 1))
        h.weights = [1, 0]
        // supervised: Δw = η x t
        _ = try h.train(Tensor(shape: [1, 2], storage: [1, 2]), Tensor([2]), epochs: 1)
        XCTAssertEqual(h.weights, [2, 2])
        // unsupervised: y = w·x = 2, Δw = η x y = [1, 0]
        _ = try h.train(Tensor(shape: [1, 2], storage: [1, 0]), nil, epochs: 1)
        XCTAssertEqual(h.weights, [3, 2])
    }
}

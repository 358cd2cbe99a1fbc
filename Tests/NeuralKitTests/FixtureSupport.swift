// Loading the PyTorch reference values (Fixtures/network_fixtures.json, written by
// Scripts/fixtures/torch_network_fixtures.py) and comparing tensors with a tolerance.
import Foundation
import XCTest
import TensorKit
@testable import NeuralKit

/// A tensor as the fixture script writes it.
struct FixtureTensor: Decodable {
    let shape: [Int]
    let data: [Double]
    var tensor: Tensor { Tensor(shape: shape, storage: data) }
}

struct ActivationFixture: Decodable {
    let u: FixtureTensor
    let f: FixtureTensor
    let df: FixtureTensor?
    let upstream: FixtureTensor?
    let vjp: FixtureTensor?
}

struct BackpropFixture: Decodable {
    let hidden: String
    let output: String
    let loss_name: String
    let X, Y: FixtureTensor
    let W, b, z, a, delta, dW, db: [FixtureTensor]
    let loss: Double
}

struct OptimizerFixture: Decodable {
    let optimizer: String
    let options: [String: Double]
    let X, Y: FixtureTensor
    let start: [FixtureTensor]
    let after: [[FixtureTensor]]
    let losses: [Double]
}

struct NetworkFixtures: Decodable {
    let activations: [String: ActivationFixture]
    let backprop: [BackpropFixture]
    let optimizers: [OptimizerFixture]

    static func load() throws -> NetworkFixtures {
        guard let url = Bundle.module.url(forResource: "network_fixtures", withExtension: "json",
                                          subdirectory: "Fixtures") else {
            throw NeuralError("fixture network_fixtures.json missing")
        }
        return try JSONDecoder().decode(NetworkFixtures.self, from: Data(contentsOf: url))
    }
}

/// Asserts equal shapes and |x − y| ≤ abs + rel·|y| elementwise.
func assertClose(_ x: Tensor, _ y: Tensor, rel: Double = 1e-12, abs: Double = 1e-14,
                 _ what: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(x.shape, y.shape, "shape of \(what())", file: file, line: line)
    guard x.count == y.count else { return }
    for i in 0..<x.count {
        let a = x.storage[i], b = y.storage[i]
        if a.isNaN || b.isNaN || Swift.abs(a - b) > abs + rel * Swift.abs(b) {
            XCTFail("\(what()) element \(i): \(a) vs \(b)", file: file, line: line)
            return
        }
    }
}

func assertClose(_ x: Double, _ y: Double, rel: Double = 1e-12, abs: Double = 1e-14,
                 _ what: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    if x.isNaN || y.isNaN || Swift.abs(x - y) > abs + rel * Swift.abs(y) {
        XCTFail("\(what()): \(x) vs \(y)", file: file, line: line)
    }
}

/// The fixture's network: W[i] (out, in), b[i], acts hidden/output.
func fixtureNetwork(_ w: [FixtureTensor], _ b: [FixtureTensor], hidden: Activation, output: Activation) throws -> Network {
    try Network(layers: [try Dense(weight: w[0].tensor, bias: b[0].tensor, activation: hidden),
                         try Dense(weight: w[1].tensor, bias: b[1].tensor, activation: output)])
}

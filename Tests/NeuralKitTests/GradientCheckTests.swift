// Finite-difference checks of every layer and loss backward: gradcheck below 1e-6 for every
// activation as hidden and output layer, with every loss it fits.
import XCTest
import TensorKit
@testable import NeuralKit

final class GradientCheckTests: XCTestCase {
    func testEveryActivationAndLossPassesGradcheck() throws {
        let rng = RandomGenerator(seed: 11)
        let x = Tensor(shape: [6, 3], storage: (0..<18).map { _ in 2 * rng.nextDouble() - 1 })
        let probs = Tensor(shape: [6, 2], storage: (0..<12).map { _ in 0.1 + 0.8 * rng.nextDouble() })
        let onehot = Tensor(shape: [6, 2], storage: [1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1])
        for hidden in Activation.allCases where hidden != .step {
            for output in Activation.allCases where output != .step {
                for loss in Loss.allCases {
                    if loss == .crossEntropy && output != .softmax { continue }
                    if loss == .bce && ![.sigmoid, .softmax].contains(output) { continue }
                    // keep every pre-activation away from the relu family's kink at 0, where
                    // a central difference straddling it is not a derivative
                    var net = try Network.mlp(sizes: [3, 4, 2], activation: hidden, output: output, rng: rng)
                    while try net.forwardPass(x).z.contains(where: { $0.storage.contains { abs($0) < 1e-3 } }) {
                        net = try Network.mlp(sizes: [3, 4, 2], activation: hidden, output: output, rng: rng)
                    }
                    let y = loss == .crossEntropy ? onehot : probs
                    let e = try GradientCheck.maxRelativeError(SupervisedObjective(network: net, loss: loss), x, y)
                    XCTAssertLessThan(e, 1e-6, "\(hidden.name)/\(output.name)/\(loss.name)")
                }
            }
        }
    }

    func testGradcheckDetectsAWrongGradient() throws {
        /// A model whose reported gradient is twice the true one.
        final class Wrong: TrainableModel {
            let p = Parameter(Tensor([0.3, -0.2]))
            var parameters: [Parameter] { [p] }
            func lossAndGradients(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
                let w = p.value.storage
                p.grad = Tensor([4 * w[0], 4 * w[1]])       // true gradient of w·w is 2w
                return w[0] * w[0] + w[1] * w[1]
            }
        }
        let e = try GradientCheck.maxRelativeError(Wrong(), Tensor(scalar: 0), Tensor(scalar: 0))
        XCTAssertGreaterThan(e, 0.3)
    }
}

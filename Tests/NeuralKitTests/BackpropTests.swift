// Backpropagation of the fixed 3-4-2 network against PyTorch autograd: forward z and a, the
// loss, every δ (z.grad), dW and db, for several activation/loss pairs (fused softmax +
// cross-entropy, softmax's full Jacobian with mse, bce, sse).
import XCTest
import TensorKit
@testable import NeuralKit

final class BackpropTests: XCTestCase {
    func testBackpropMatchesPyTorch() throws {
        let fx = try NetworkFixtures.load()
        XCTAssertGreaterThanOrEqual(fx.backprop.count, 5)
        for c in fx.backprop {
            let name = "\(c.hidden)/\(c.output)/\(c.loss_name)"
            guard let hid = Activation(name: c.hidden), let out = Activation(name: c.output),
                  let loss = Loss(name: c.loss_name) else { XCTFail("unknown names in \(name)"); continue }
            let net = try fixtureNetwork(c.W, c.b, hidden: hid, output: out)
            let r = try net.backprop(c.X.tensor, c.Y.tensor, loss: loss)
            assertClose(r.loss, c.loss, rel: 1e-13, "\(name) loss")
            XCTAssertEqual(r.a.count, 3)
            for i in 0..<2 {
                assertClose(r.z[i], c.z[i].tensor, rel: 1e-13, "\(name) z[\(i)]")
                assertClose(r.a[i + 1], c.a[i + 1].tensor, rel: 1e-13, "\(name) a[\(i + 1)]")
                assertClose(r.delta[i], c.delta[i].tensor, rel: 1e-11, abs: 1e-15, "\(name) delta[\(i)]")
                assertClose(r.dW[i], c.dW[i].tensor, rel: 1e-11, abs: 1e-15, "\(name) dW[\(i)]")
                assertClose(r.db[i], c.db[i].tensor, rel: 1e-11, abs: 1e-15, "\(name) db[\(i)]")
            }
            // The loss functions alone, as `loss(p, t)` computes them.
            assertClose(try loss.value(r.a[2], c.Y.tensor), c.loss, rel: 1e-13, "\(name) loss(p, t)")
        }
    }

    func testForwardListsAreIndexedLikeLayers() throws {
        let fx = try NetworkFixtures.load()
        let c = fx.backprop[0]
        let net = try fixtureNetwork(c.W, c.b, hidden: .tanh, output: .sigmoid)
        let (z, a) = try net.forwardPass(c.X.tensor)
        XCTAssertEqual(z.count, 2)
        XCTAssertEqual(a.count, 3)
        XCTAssertEqual(a[0], c.X.tensor)
        assertClose(try net.predict(c.X.tensor), c.a[2].tensor, rel: 1e-13, "predict")
    }

    func testShapeErrorsAreThrown() throws {
        let net = try Network.mlp(sizes: [3, 4, 2], activation: .tanh, output: .sigmoid, rng: RandomGenerator(seed: 1))
        XCTAssertThrowsError(try net.predict(Tensor(shape: [2, 5], storage: Array(repeating: 0, count: 10))))
        XCTAssertThrowsError(try net.backprop(Tensor(shape: [2, 3], storage: Array(repeating: 0, count: 6)),
                                              Tensor(shape: [2, 3], storage: Array(repeating: 0, count: 6)), loss: .mse))
    }
}

// Every transfer function and its derivative against PyTorch (autograd) at chosen points,
// kinks and large |u| included; softmax's forward and Jacobian-vector product.
import XCTest
import TensorKit
@testable import NeuralKit

final class ActivationTests: XCTestCase {
    func testEveryActivationAndDerivativeMatchesPyTorch() throws {
        let fx = try NetworkFixtures.load()
        for act in Activation.allCases where act != .softmax {
            guard let f = fx.activations[act.name], let df = f.df else {
                XCTFail("no fixture for \(act.name)"); continue
            }
            let u = f.u.tensor
            assertClose(act.apply(u), f.f.tensor, rel: 1e-13, abs: 1e-15, "\(act.name)(u)")
            assertClose(act.derivative(u), df.tensor, rel: 1e-12, abs: 1e-15, "d(\(act.name))(u)")
            for i in 0..<u.count {
                assertClose(act.apply(u.storage[i]), f.f.data[i], rel: 1e-13, abs: 1e-15, "\(act.name)(\(u.storage[i]))")
                assertClose(act.derivative(u.storage[i]), df.data[i], rel: 1e-12, abs: 1e-15, "d(\(act.name))(\(u.storage[i]))")
            }
        }
    }

    func testKinksFollowPyTorch() {
        XCTAssertEqual(Activation.relu.derivative(0), 0)
        XCTAssertEqual(Activation.step.derivative(0), 0)
        XCTAssertEqual(Activation.step.apply(0), 1)
        XCTAssertEqual(Activation.leakyRelu.derivative(0), 0.01)
        XCTAssertEqual(Activation.sigmoid.derivative(0), 0.25)
        XCTAssertEqual(Activation.sigmoid.apply(-1000), 0)
        XCTAssertEqual(Activation.softplus.apply(1000), 1000)
    }

    func testSoftmaxAndItsJacobianVectorProduct() throws {
        let fx = try NetworkFixtures.load()
        guard let f = fx.activations["softmax"], let up = f.upstream, let vjp = f.vjp else {
            return XCTFail("no softmax fixture")
        }
        let s = Activation.softmax.apply(f.u.tensor)
        assertClose(s, f.f.tensor, rel: 1e-13, abs: 1e-300, "softmax")
        var delta = s
        let u = f.u.tensor, g = up.tensor
        u.storage.withUnsafeBufferPointer { pz in
            s.storage.withUnsafeBufferPointer { pa in
                g.storage.withUnsafeBufferPointer { pg in
                    delta.storage.withUnsafeMutableBufferPointer { pd in
                        Activation.softmax.backward(z: pz, a: pa, upstream: pg, into: pd, rowLength: 3)
                    }
                }
            }
        }
        assertClose(delta, vjp.tensor, rel: 1e-12, abs: 1e-15, "softmax vjp")
    }

    /// Central differences of every φ against φ′ away from kinks.
    func testDerivativesAgainstFiniteDifferences() {
        let h = 1e-6
        for act in Activation.allCases where act != .step && act != .softmax {
            for u in stride(from: -3.05, through: 3.0, by: 0.5) {
                let numeric = (act.apply(u + h) - act.apply(u - h)) / (2 * h)
                assertClose(act.derivative(u), numeric, rel: 1e-7, abs: 1e-8, "\(act.name)′(\(u))")
            }
        }
    }
}

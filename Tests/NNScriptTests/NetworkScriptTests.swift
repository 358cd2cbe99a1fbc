// The network built-ins through the language: nns source run in a Session, checking printed
// output and errors as a user sees them.
import XCTest
import Foundation
import TensorKit
@testable import NNScript

final class NetworkScriptTests: XCTestCase {
    /// Runs `source` in a fresh session; returns stdout. Skips when the interpreter is missing.
    func run(_ source: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        var out = ""
        let ctx = ScriptContext(rng: RandomGenerator(seed: 0), write: { out += $0 }, writeError: { _ in })
        let session = Session(context: ctx)
        do {
            _ = try session.run(source, file: "test.nns")
        } catch {
            if error.message.contains("not built yet") { throw XCTSkip("interpreter not available") }
            XCTFail("\(error.message)\n--- output so far:\n\(out)", file: file, line: line)
        }
        return out
    }

    /// The error message `source` ends with (nil when it runs without error).
    func failure(_ source: String) throws -> String? {
        let ctx = ScriptContext(write: { _ in }, writeError: { _ in })
        do {
            _ = try Session(context: ctx).run(source, file: "test.nns")
            return nil
        } catch {
            if error.message.contains("not built yet") { throw XCTSkip("interpreter not available") }
            return error.message
        }
    }

    func testTransferFunctionsAndDerivatives() throws {
        let out = try run("""
        print(d(sigmoid)(0), d(relu)(0), d(step)(5), sigmoid(0))
        print(step(0.3, theta: 0.5), step([0, 1, -1]))
        """)
        XCTAssertEqual(out.split(separator: "\n").first, "0.25 0 0 0.5")
    }

    func testContractExamplesRun() throws {
        let out = try run("""
        seed(1)
        d = xor()
        net = mlp([2, 4, 1], act: tanh, out: sigmoid)
        h = train(net, d.x, d.y, loss: mse, opt: sgd(lr: 0.5), epochs: 3000)
        print(len(h.loss), mse(net(d.x), d.y) < 0.02)
        r = backprop(net, d.x, d.y, loss: mse)
        print(r.dW[0].shape, r.db[1].shape, r.delta[0].shape)
        f = forward(net, d.x)
        print(len(f.a), len(f.z))
        print(gradcheck(net, d.x, d.y, loss: mse) < 1e-6)
        p = perceptron(2, lr: 0.1)
        a = and_gate()
        r2 = train(p, a.x, a.y, epochs: 20)
        print(r2.converged, r2.epochs)
        l = net.layers[0]
        l.W = zeros(4, 2)
        print(net.layers[0].W[0, 0])
        """)
        let lines = out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 6, out)
        XCTAssertEqual(lines.first, "3000 true")
        XCTAssertEqual(lines[3], "true")
        XCTAssertTrue(lines[4].hasPrefix("true "), lines[4])
        XCTAssertEqual(lines[5], "0")
    }

    func testErrorsAreMessages() throws {
        XCTAssertEqual(try failure("dense(2, 3, act: mse)")?.contains("transfer function"), true)
        XCTAssertEqual(try failure("net = mlp([2, 3, 1])\nnet(zeros(4, 5))")?.contains("expected input rows of 2 features, got shape [4, 5]"), true)
        XCTAssertEqual(try failure("train(mlp([2, 1], out: linear), xor().x, xor().y, opt: sgd(lr: 1e12), epochs: 50)")?
            .contains("smaller learning rate"), true)
        XCTAssertEqual(try failure("load(\"/nonexistent/x.nnm\")")?.contains("cannot open"), true)
    }
}

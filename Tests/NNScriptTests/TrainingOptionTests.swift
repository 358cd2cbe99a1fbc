// The training options at the language level: weight_decay (and its older name l2) on sgd and
// adam equal to torch.optim's runs, early stopping with patience, undo, and their error messages.
import XCTest
import Foundation
@testable import NNScript

private struct Fixture: Decodable {
    struct T: Decodable { let shape: [Int]; let data: [Double] }
    struct Run: Decodable {
        let optimizer: String
        let options: [String: Double]
        let X, Y: T
        let start: [T]
        let after: [[T]]
    }
    let steps: Int
    let runs: [Run]
}

final class TrainingOptionTests: XCTestCase {
    static let fixtureURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("NeuralKitTests/Fixtures/weight_decay_fixtures.json")

    /// A tensor literal with every Double written so it reads back exactly.
    private func literal(_ t: Fixture.T) -> String {
        let text = t.data.map { "\($0)" }
        guard t.shape.count == 2 else { return "[" + text.joined(separator: ", ") + "]" }
        let cols = t.shape[1]
        let rows = (0..<t.shape[0]).map { r in "[" + text[(r * cols)..<((r + 1) * cols)].joined(separator: ", ") + "]" }
        return "[" + rows.joined(separator: ", ") + "]"
    }

    private func optimizerSource(_ run: Fixture.Run, decayName: String) -> String {
        let o = run.options
        var parts = ["lr: \(o["lr"] ?? 0)"]
        if run.optimizer == "sgd" {
            if let m = o["momentum"] { parts.append("momentum: \(m)") }
        } else {
            if let b1 = o["beta1"] { parts.append("beta1: \(b1)") }
            if let b2 = o["beta2"] { parts.append("beta2: \(b2)") }
            if let e = o["eps"] { parts.append("eps: \(e)") }
        }
        if let wd = o["weight_decay"] { parts.append("\(decayName): \(wd)") }
        return "\(run.optimizer)(\(parts.joined(separator: ", ")))"
    }

    /// sgd/adam with weight_decay: through `train` one epoch (one full-batch step) at a time, with
    /// the same optimizer value, equal torch.optim's weights after every step to 1e-12.
    func testWeightDecayThroughTrainMatchesTorchOptim() throws {
        let fx = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: TrainingOptionTests.fixtureURL))
        for run in fx.runs {
            for decayName in ["weight_decay", "l2"] {
                var source = """
                net = seq(dense(3, 4, act: tanh), dense(4, 2, act: sigmoid))
                net.layers[0].W = \(literal(run.start[0]))
                net.layers[0].b = \(literal(run.start[1]))
                net.layers[1].W = \(literal(run.start[2]))
                net.layers[1].b = \(literal(run.start[3]))
                X = \(literal(run.X))
                Y = \(literal(run.Y))
                opt = \(optimizerSource(run, decayName: decayName))

                """
                for _ in 0..<fx.steps {
                    source += "train(net, X, Y, loss: mse, opt: opt, epochs: 1, batch: 0);\n"
                }
                let (session, _) = makeSession()
                _ = try session.run(source, file: "t.nns")
                // Read the final weights back as numbers, exactly.
                for (k, name) in ["net.layers[0].W", "net.layers[0].b", "net.layers[1].W", "net.layers[1].b"].enumerated() {
                    guard case .tensor(let t)? = try session.run(name, file: "t.nns") else { return XCTFail("no tensor for \(name)") }
                    let want = run.after[fx.steps - 1][k].data
                    XCTAssertEqual(t.storage.count, want.count)
                    for (a, b) in zip(t.storage, want) {
                        XCTAssertEqual(a, b, accuracy: 1e-12, "\(optimizerSource(run, decayName: decayName)) \(name)")
                    }
                }
            }
        }
    }

    func testWeightDecayArgumentsAndPrinting() {
        XCTAssertEqual(value("adam(lr: 0.01, weight_decay: 0.5).weight_decay"), "0.5")
        XCTAssertEqual(value("sgd(l2: 0.25).weight_decay"), "0.25")
        XCTAssertEqual(value("str(adam(weight_decay: 0.1))"), "adam(lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-08, weight_decay: 0.1)")
        XCTAssertEqual(failure("sgd(weight_decay: 0.1, l2: 0.1)")?.message,
                       "sgd: give weight_decay: or its older name l2:, not both")
        XCTAssertEqual(failure("adam(weight_decay: -1)")?.message,
                       "bad argument 'weight_decay' to 'adam' (a finite number ≥ 0 expected, got -1)")
    }

    func testEarlyStoppingRestoresTheBestEpochsWeights() throws {
        // A wide net on few noisy points overfits: the validation loss turns up and training stops.
        let source = """
        seed(4)
        d = moons(n: 40, noise: 0.35)
        v = moons(n: 200, noise: 0.35)
        net = mlp([2, 64, 64, 1], act: relu, out: sigmoid)
        h = train(net, d.x, d.y, loss: bce, opt: adam(lr: 0.02), epochs: 3000, validation: v, patience: 25)
        print(h.stopped, h.epochs < 3000, h.epochs == h.best_epoch + 26)
        print(bce(net(v.x), reshape(v.y, 200, 1)) == h.val_loss[h.best_epoch])
        print(h.val_loss[h.best_epoch] == min(h.val_loss))
        undo(net)
        print(bce(net(v.x), reshape(v.y, 200, 1)) > h.val_loss[h.best_epoch])
        """
        XCTAssertEqual(output(source), "true true true\ntrue\ntrue\ntrue\n")
    }

    func testPatienceErrors() {
        XCTAssertEqual(failure("d = xor()\nnet = mlp([2, 2, 1])\ntrain(net, d.x, d.y, patience: 5)")?.message,
                       "train: patience: needs validation: (early stopping watches the validation loss), e.g. train(net, X, Y, validation: [Xv, Yv], patience: 10)")
        XCTAssertEqual(failure("d = xor()\nnet = mlp([2, 2, 1])\ntrain(net, d.x, d.y, validation: d, patience: 0)")?.message,
                       "train: patience must be a whole number of epochs ≥ 1, got 0")
        XCTAssertEqual(failure("d = xor()\np = perceptron(2)\ntrain(p, d.x, d.y, validation: d, patience: 2)")?.message,
                       "train: a perceptron learns by its own rule and takes no validation: (that is for networks and autoencoders)")
    }

    func testUndoPutsBackExactlyOneLevel() {
        let source = """
        seed(2)
        d = xor()
        net = mlp([2, 4, 1], act: tanh, out: sigmoid)
        opt = adam(lr: 0.05)
        train(net, d.x, d.y, opt: opt, epochs: 100);
        W100 = net.layers[0].W
        b100 = net.layers[1].b
        train(net, d.x, d.y, opt: opt, epochs: 100);
        print(norm(net.layers[0].W - W100) > 0)
        undo(net)
        print(norm(net.layers[0].W - W100) == 0, norm(net.layers[1].b - b100) == 0, opt.steps)
        undo(net)
        """
        XCTAssertEqual(output(source), """
            true
            true true 200
            t.nns:12:1: error: undo: the last train of this network was already undone (undo goes back one train call; train again to undo again)
                undo(net)
                ^

            """)
        XCTAssertEqual(failure("net = mlp([2, 2, 1])\nundo(net)")?.message,
                       "undo: this network has not been trained in this session, so there is nothing to undo")
        XCTAssertEqual(failure("undo(3)")?.message, "bad argument 'model' to 'undo' (trained model expected, got number)")
    }

    /// A run that diverges, an autoencoder, a perceptron and a layer trained on its own all go back.
    func testUndoAfterDivergenceAndForEveryModelKind() {
        let source = """
        seed(3)
        d = xor()
        net = mlp([2, 3, 1], act: relu)
        W = net.layers[0].W
        train(net, d.x, d.y * 1e200, opt: sgd(lr: 10), epochs: 50)
        """
        let (session, _) = makeSession()
        XCTAssertThrowsError(try session.run(source, file: "t.nns"))
        XCTAssertEqual(try session.run("undo(net)\nnorm(net.layers[0].W - W)", file: "t.nns").map(session.format), "0")
        XCTAssertEqual(output("""
            seed(1)
            X = rand(20, 6)
            ae = autoencoder(6, 3)
            W = ae.W
            train(ae, X, epochs: 5);
            undo(ae)
            v = vae(6, 2, hidden: 4)
            E = v.enc.W
            train(v, X, epochs: 3);
            undo(v)
            l = dense(2, 1, act: sigmoid)
            L = l.W
            train(l, [[0, 1], [1, 0]], [[1], [0]], epochs: 5);
            undo(l)
            p = perceptron(2)
            d = and_gate()
            train(p, d.x, d.y, epochs: 10);
            undo(p)
            print(norm(ae.W - W), norm(v.enc.W - E), norm(l.W - L), norm(p.w), p.bias)
            """), "0 0 0 0 0\n")
    }
}

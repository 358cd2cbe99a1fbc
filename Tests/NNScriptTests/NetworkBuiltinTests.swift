// The network built-ins called as the interpreter calls them (matched Arguments, a context),
// so they run without the interpreter: transfer values, d(f), losses, layers and networks,
// backprop records, train (networks, perceptrons, history), optimizers, save/load.
import XCTest
import Foundation
import TensorKit
import NeuralKit
@testable import NNScript

final class NetworkBuiltinTests: XCTestCase {
    var output = ""
    var errors = ""
    lazy var ctx: ScriptContext = ScriptContext(rng: RandomGenerator(seed: 42),
                                                write: { [unowned self] in self.output += $0 },
                                                writeError: { [unowned self] in self.errors += $0 })

    func builtin(_ name: String) throws -> Builtin {
        for lib in Libraries.all { if let b = lib.builtins.first(where: { $0.name == name }) { return b } }
        throw ScriptError.runtime("no built-in \(name)")
    }

    func call(_ name: String, _ positional: [Value] = [], _ named: [(String, Value)] = []) throws -> Value {
        let b = try builtin(name)
        return try b.body(try Arguments(function: name, parameters: b.parameters, positional: positional, named: named), ctx)
    }

    func callValue(_ f: Value, _ positional: [Value]) throws -> Value {
        switch f {
        case .function(let c as Builtin):
            return try c.body(try Arguments(function: c.name, parameters: c.parameters, positional: positional, named: []), ctx)
        case .object(let o):
            return try o.call(Arguments(function: o.kindName, values: [:], rest: positional), context: ctx)
        default: throw ScriptError.runtime("not callable")
        }
    }

    func number(_ v: Value, file: StaticString = #filePath, line: UInt = #line) -> Double {
        if case .number(let x) = v { return x }
        XCTFail("expected a number, got \(v.kindName)", file: file, line: line)
        return .nan
    }

    func tensor(_ v: Value?, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        if case .tensor(let t)? = v { return t }
        XCTFail("expected a tensor, got \(v?.kindName ?? "nothing")", file: file, line: line)
        return Tensor(scalar: .nan)
    }

    func field(_ v: Value, _ name: String) throws -> Value {
        switch v {
        case .record(let r): return r[name] ?? .none
        case .object(let o): return try o.field(name, context: ctx)
        default: throw ScriptError.runtime("no fields")
        }
    }

    func fn(_ name: String) throws -> Value { .function(try builtin(name)) }

    func testTransferValuesAndDerivatives() throws {
        XCTAssertEqual(number(try call("sigmoid", [.number(0)])), 0.5)
        XCTAssertEqual(number(try callValue(try call("d", [try fn("sigmoid")]), [.number(0)])), 0.25)
        XCTAssertEqual(number(try callValue(try call("d", [try fn("relu")]), [.number(0)])), 0)
        XCTAssertEqual(number(try callValue(try call("d", [try fn("step")]), [.number(3)])), 0)
        XCTAssertEqual(number(try call("step", [.number(0.3)], [("theta", .number(0.5))])), 0)
        XCTAssertEqual(number(try call("step", [.number(0.5)], [("theta", .number(0.5))])), 1)
        XCTAssertEqual(tensor(try call("relu", [.tensor(Tensor([-1, 2]))])).storage, [0, 2])
        let s = tensor(try call("softmax", [.tensor(Tensor(shape: [2, 2], storage: [0, 0, 1000, 0]))]))
        XCTAssertEqual(s.storage, [0.5, 0.5, 1, 0])
        XCTAssertEqual(number(try call("mse", [.tensor(Tensor([1, 2])), .tensor(Tensor([0, 0]))])), 2.5)
        XCTAssertEqual(number(try call("sse", [.tensor(Tensor(shape: [2, 2], storage: [1, 2, 0, 0])), .tensor(Tensor(shape: [2, 2], storage: [0, 0, 0, 0]))])), 2.5)
        XCTAssertEqual(number(try call("accuracy", [.tensor(Tensor(shape: [2, 2], storage: [0.9, 0.1, 0.2, 0.8])), .tensor(Tensor([0, 0]))])), 0.5)
        XCTAssertThrowsError(try call("dense", [.number(2), .number(3)], [("act", try fn("mse"))]))
        XCTAssertThrowsError(try call("mse", [.tensor(Tensor([1, 2])), .tensor(Tensor([1, 2, 3]))]))
    }

    func testLayersNetworksAndBackprop() throws {
        let l1 = try call("dense", [.number(2), .number(4)], [("act", try fn("tanh"))])
        let l2 = try call("dense", [.number(4), .number(1)], [("act", try fn("sigmoid"))])
        XCTAssertEqual(tensor(try field(l1, "W")).shape, [4, 2])
        let net = try call("seq", [l1, l2])
        guard case .object(let o) = net, case .list(let layers) = try o.field("layers", context: ctx),
              case .object(let first) = layers.items[0] else { return XCTFail("no layers") }
        // net.layers[0] is the very layer given to seq: writing W through it changes the network.
        try first.setField("W", .tensor(Tensor(shape: [4, 2], storage: Array(repeating: 0, count: 8))), context: ctx)
        XCTAssertEqual(tensor(try field(l1, "W")).storage, Array(repeating: 0, count: 8))
        XCTAssertThrowsError(try first.setField("W", .tensor(Tensor([1, 2])), context: ctx))
        let y = tensor(try callValue(net, [.tensor(Tensor([1, 1]))]))
        XCTAssertEqual(y.shape, [1])
        XCTAssertTrue(o.description.contains("total parameters: 17"), o.description)

        let d = try call("xor")
        let f = try call("forward", [net, try field(d, "x")])
        guard case .list(let a) = try field(f, "a") else { return XCTFail("no a") }
        XCTAssertEqual(a.items.count, 3)
        let r = try call("backprop", [net, try field(d, "x"), try field(d, "y")], [("loss", try fn("mse"))])
        guard case .list(let dW) = try field(r, "dW"), case .list(let delta) = try field(r, "delta") else { return XCTFail("no dW") }
        XCTAssertEqual(tensor(dW.items[0]).shape, [4, 2])
        XCTAssertEqual(tensor(delta.items[1]).shape, [4, 1])
        let fresh = try call("mlp", [.tensor(Tensor([2, 3, 1]))])
        XCTAssertLessThan(number(try call("gradcheck", [fresh, try field(d, "x"), try field(d, "y")], [("loss", try fn("bce"))])), 1e-6)
        _ = try call("explain", [r])
        XCTAssertTrue(output.contains("δ² = f′(z²) ∘ ∇_a C"), output)
        XCTAssertTrue(output.contains("∇W¹ = (δ¹)ᵀ a⁰"), output)
    }

    func testTrainNetworkHistoryAndOptimizerState() throws {
        let net = try call("mlp", [.tensor(Tensor([2, 4, 1]))], [("act", try fn("tanh")), ("out", try fn("sigmoid"))])
        let d = try call("xor")
        let opt = try call("sgd", [], [("lr", .number(0.5))])
        let h = try call("train", [net, try field(d, "x"), try field(d, "y")],
                         [("loss", try fn("mse")), ("opt", opt), ("epochs", .number(2000)),
                          ("validation", .list(ListBox([try field(d, "x"), try field(d, "y")])))])
        let loss = tensor(try field(h, "loss"))
        XCTAssertEqual(loss.shape, [2000])
        XCTAssertEqual(tensor(try field(h, "val_loss")).count, 2000)
        XCTAssertLessThan(loss.storage[1999], 0.05)
        XCTAssertEqual(output, "", "nothing on stdout when not a terminal")
        // a labels vector for cross_entropy becomes one-hot; a perceptron returns its record
        let p = try call("perceptron", [.number(2)], [("lr", .number(0.1))])
        let gate = try call("and_gate")
        let pr = try call("train", [p, try field(gate, "x"), try field(gate, "y")], [("epochs", .number(50))])
        XCTAssertEqual(try field(pr, "converged").kindName, "bool")
        if case .bool(let c) = try field(pr, "converged") { XCTAssertTrue(c) }
        let xr = try call("train", [try call("perceptron", [.number(2)]), try field(d, "x"), try field(d, "y")], [("epochs", .number(30))])
        if case .bool(let c) = try field(xr, "converged") { XCTAssertFalse(c) }
        XCTAssertEqual(number(try field(xr, "epochs")), 30)
        // Ctrl-C: stops after the current step, keeps the history so far, clears the flag
        ctx.interrupt.raise()
        let hi = try call("train", [net, try field(d, "x"), try field(d, "y")], [("epochs", .number(100))])
        XCTAssertEqual(tensor(try field(hi, "loss")).count, 1)
        XCTAssertFalse(ctx.interrupt.isRaised)
        XCTAssertTrue(errors.contains("interrupted"))
        // divergence is an error naming the epoch
        let lin = try call("mlp", [.tensor(Tensor([2, 1]))], [("act", try fn("linear")), ("out", try fn("linear"))])
        XCTAssertThrowsError(try call("train", [lin, try field(d, "x"), try field(d, "y")],
                                      [("opt", try call("sgd", [], [("lr", .number(1e9))]))])) { e in
            XCTAssertTrue("\(e)".contains("smaller learning rate"))
        }
    }

    func testSaveAndLoadModelsAndTensors() throws {
        let dir = NSTemporaryDirectory() + "nns-net-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let net = try call("mlp", [.tensor(Tensor([3, 5, 2]))], [("act", try fn("relu")), ("out", try fn("softmax"))])
        _ = try call("save", [net, .string(dir + "/m.nnm")])
        let back = try call("load", [.string(dir + "/m.nnm")])
        let x = Tensor(shape: [2, 3], storage: [0.1, 0.2, 0.3, -1, 2, 0.5])
        XCTAssertEqual(tensor(try callValue(back, [.tensor(x)])), tensor(try callValue(net, [.tensor(x)])))
        for (name, args) in [("perceptron", [Value.number(3)]), ("hebbian", [.number(2)])] {
            let m = try call(name, args)
            _ = try call("save", [m, .string(dir + "/u.nnm")])
            guard case .object(let o) = try call("load", [.string(dir + "/u.nnm")]) else { return XCTFail("no object") }
            XCTAssertEqual(o.kindName, name)
        }
        let n = try call("neuron", [.tensor(Tensor([0.5, -1]))], [("bias", .number(0.25)), ("act", try fn("sigmoid"))])
        _ = try call("save", [n, .string(dir + "/n.nnm")])
        let n2 = try call("load", [.string(dir + "/n.nnm")])
        XCTAssertEqual(number(try callValue(n2, [.tensor(Tensor([2, 1]))])), 1 / (1 + exp(-0.25)), accuracy: 1e-15)
        FileManager.default.createFile(atPath: dir + "/bad.nnm", contents: Data("NNSMODEL garbage".utf8))
        XCTAssertThrowsError(try call("load", [.string(dir + "/bad.nnm")]))
        XCTAssertThrowsError(try call("load", [.string(dir + "/missing.nnm")]))
        XCTAssertThrowsError(try call("save", [net, .string(dir + "/m.npy")]))
    }

    func testDigitsAndEveryExampleParses() throws {
        let d = try call("digits")
        XCTAssertEqual(tensor(try field(d, "x")).shape, [1797, 64])
        XCTAssertEqual(tensor(try field(d, "onehot")).shape, [1797, 10])
        for lib in [NetworkLibrary.library, TransferLibrary.library, TrainLibrary.library, ModelIOLibrary.library] {
            for b in lib.builtins {
                XCTAssertFalse(b.help.isEmpty, b.name)
            }
        }
    }
}

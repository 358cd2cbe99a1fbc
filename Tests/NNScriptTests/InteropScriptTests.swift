// save and load of .safetensors and .onnx through the language: networks, every autoencoder
// variant and VAEs back bit for bit, weights written elsewhere with act:/out:, and the errors a
// user meets, each as a message.
import XCTest
import Foundation
import TensorKit
@testable import NeuralKit
@testable import NNScript

final class InteropScriptTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "nns-interop-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Runs `source` (with `DIR` replaced by the test's folder) and gives the session.
    func run(_ source: String, file: StaticString = #filePath, line: UInt = #line) throws -> Session {
        let (session, _) = makeSession()
        do {
            _ = try session.run(source.replacingOccurrences(of: "DIR", with: dir), file: "t.nns")
        } catch {
            XCTFail(error.message, file: file, line: line)
        }
        return session
    }

    /// The model record of the global `name` (a network, autoencoder or VAE).
    func record(_ session: Session, _ name: String) throws -> ModelRecord {
        guard case .object(let o as any ModelScriptObject)? = session.global(name) else {
            XCTFail("\(name) is not a model")
            throw TensorError("\(name) is not a model")
        }
        return try o.modelRecord()
    }

    func testEveryModelKindComesBackBitForBit() throws {
        let models = [
            "mlp([4, 6, 3], act: tanh, out: softmax)",
            "seq(dense(4, 5, act: leaky_relu), dense(5, 5, act: gelu), dense(5, 2, act: step))",
            "autoencoder(4, 2)",
            "autoencoder(4, 2, act: relu, out: linear, loss: sse, tied: true)",
            "autoencoder(4, 2, noise: gaussian(0.3))",
            "autoencoder(4, 2, noise: masking(0.25), loss: bce)",
            "autoencoder(4, 2, noise: salt_pepper(0.1))",
            "autoencoder(4, 3, sparsity: kl(rho: 0.05, beta: 3))",
            "autoencoder(4, 3, sparsity: l1(0.001))",
            "autoencoder(4, 3, act: linear, tied: true, sparsity: topk(2))",
            "autoencoder(4, 2, contractive: 0.1)",
            "vae(4, 2, hidden: 5)",
            "vae(4, 2, hidden: 3, act: tanh, loss: sse)",
        ]
        for (k, model) in models.enumerated() {
            let train = model.hasPrefix("mlp") || model.hasPrefix("seq") ? "train(m, X, Y, epochs: 2)" : "train(m, X, epochs: 2)"
            let session = try run("""
            seed(\(k))
            X = rand(16, 4)
            Y = rand(16, \(model.hasPrefix("mlp") ? 3 : 2))
            m = \(model)
            \(train)
            save(m, "DIR/m\(k).safetensors")
            back = load("DIR/m\(k).safetensors")
            """)
            XCTAssertEqual(try record(session, "back"), try record(session, "m"), model)
        }
    }

    func testTheFileHoldsTorchNamesAndMetadata() throws {
        _ = try run("""
        seed(1)
        save(autoencoder(5, 2, tied: true, sparsity: kl(rho: 0.05, beta: 3)), "DIR/ae.safetensors")
        save(autoencoder(5, 2), "DIR/ae2.safetensors")
        save(vae(5, 2, hidden: 4), "DIR/v.safetensors")
        save(mlp([2, 3, 1], act: relu, out: sigmoid), "DIR/n.safetensors", dtype: "f32")
        """)
        let ae = try SafeTensors.read(dir + "/ae.safetensors")
        XCTAssertEqual(ae.tensors.map(\.name), ["W", "b", "b2"], "tied: no W2")
        XCTAssertEqual(ae.metadata("nns.kind"), "autoencoder")
        XCTAssertEqual(ae.metadata("nns.sparsity"), "kl")
        XCTAssertEqual(ae.metadata("nns.rho"), "0.05")
        XCTAssertEqual(ae.metadata("nns.tied"), "true")
        XCTAssertEqual(try SafeTensors.read(dir + "/ae2.safetensors").tensors.map(\.name), ["W", "b", "W2", "b2"])
        let v = try SafeTensors.read(dir + "/v.safetensors")
        XCTAssertEqual(v.tensors.map(\.name), ["enc.weight", "enc.bias", "mu.weight", "mu.bias", "logvar.weight", "logvar.bias",
                                               "dec.weight", "dec.bias", "out.weight", "out.bias"])
        XCTAssertEqual(v.tensor("enc.weight")?.shape, [4, 5])
        XCTAssertEqual(v.metadata("nns.kind"), "vae")
        let n = try SafeTensors.read(dir + "/n.safetensors")
        XCTAssertEqual(Set(n.tensors.map(\.dtype)), [.f32])
        XCTAssertEqual(n.metadata("nns.layers.1.act"), "sigmoid")
    }

    func testWeightsWrittenElsewhereTakeActAndOut() throws {
        // What safetensors.torch.save_file writes for nn.Sequential(Linear(2, 3), ReLU(), Linear(3, 2), Softmax(-1)).
        let w0 = try Tensor(shape: [3, 2], elements: [0.5, -1, 0.25, 2, -0.75, 1])
        let w2 = try Tensor(shape: [2, 3], elements: [1, 0.5, -0.5, -1, 0.25, 2])
        try SafeTensors.write([("2.weight", w2), ("2.bias", Tensor([0.1, -0.1])), ("0.weight", w0), ("0.bias", Tensor([0, 0.5, -0.5]))],
                              metadata: [("format", "pt")], dtype: .f32, to: dir + "/torch.safetensors")
        let session = try run("""
        net = load("DIR/torch.safetensors", act: relu, out: softmax)
        plain = load("DIR/torch.safetensors")
        y = net([1, 2])
        """)
        let r = try record(session, "net")
        XCTAssertEqual(try r.string("layers.0.act"), "relu")
        XCTAssertEqual(try r.string("layers.1.act"), "softmax")
        XCTAssertEqual(try r.tensor("layers.0.W").storage, w0.storage)
        XCTAssertEqual(try record(session, "plain").string("layers.1.act"), "linear", "act and out default to linear")
        // y = softmax(W2 relu(W0 x + b0) + b2) by hand.
        let h = [max(0, 0.5 - 2), max(0, 0.25 + 4 + 0.5), max(0, -0.75 + 2 - 0.5)]
        let z = [h[0] + 0.5 * h[1] - 0.5 * h[2] + Double(Float(0.1)), -h[0] + 0.25 * h[1] + 2 * h[2] + Double(Float(-0.1))]
        let e = z.map { exp($0 - max(z[0], z[1])) }
        guard case .tensor(let y)? = session.global("y") else { return XCTFail("y") }
        for (got, want) in zip(y.storage, e.map { $0 / e.reduce(0, +) }) { XCTAssertEqual(got, want, accuracy: 1e-15) }
    }

    func testSaveAndLoadErrors() throws {
        try SafeTensors.write([("0.weight", try Tensor(shape: [3, 2], repeating: 1)), ("1.weight", try Tensor(shape: [2, 2], repeating: 1))],
                              to: dir + "/bad.safetensors")
        let cases: [(String, String)] = [
            ("save(dense(2, 3), \"DIR/l.safetensors\")",
             "save: a .safetensors file holds a network, an autoencoder or a VAE, not a layer (save the layer as a network: save(seq(layer), ...)); use .nnm for any model"),
            ("save(autoencoder(4, 2), \"DIR/a.onnx\")", "save: an .onnx file holds a network (seq or mlp), not an autoencoder"),
            ("save(dense(2, 3), \"DIR/l.onnx\")", "save: an .onnx file holds a network (seq or mlp), not a layer (save the layer as a network: save(seq(layer), ...))"),
            ("save([1, 2], \"DIR/t.safetensors\")", "save: a .safetensors file holds a network, an autoencoder or a VAE, not a tensor (tensors are saved as .npy)"),
            ("save(mlp([2, 1]), \"DIR/n.onnx\", dtype: \"f16\")", "bad argument 'dtype' to 'save' (\"f64\" or \"f32\" expected, got \"f16\")"),
            ("save(mlp([2, 1]), \"DIR/n.onnx\", dtype: 32)", "bad argument 'dtype' to 'save' (\"f64\" or \"f32\" expected, got number)"),
            ("save(mlp([2, 1]), \"DIR/n.nnm\", dtype: \"f32\")", "save: dtype: applies to .safetensors and .onnx files (.npy and .nnm keep Float64)"),
            ("save(mlp([2, 2], out: gelu), \"DIR/g.onnx\")",
             "save: layer 0 uses gelu, which onnxruntime cannot run in DOUBLE (its Erf operator has only a FLOAT kernel); save with dtype: \"f32\" for a FLOAT model"),
            ("save(mlp([2, 1]), \"DIR/n.nnm\"); load(\"DIR/n.nnm\", act: relu)", "load: act: and out: apply to .safetensors weights written elsewhere, not to DIR/n.nnm"),
            ("save(mlp([2, 1]), \"DIR/n.onnx\"); load(\"DIR/n.onnx\")",
             "load: nns writes .onnx models but does not read them; load the network from its .safetensors or .nnm file"),
            ("load(\"DIR/bad.safetensors\", act: tanh)",
             "load: 'DIR/bad.safetensors' does not hold the dense layers of a network ('0.weight' gives 3 outputs but '1.weight' of shape [2, 2] takes 2 inputs; the layers do not chain)"),
            ("load(\"DIR/bad.safetensors\", act: \"swoosh\")",
             "bad argument 'act' to 'load' (unknown transfer function \"swoosh\"; known: step, linear, sigmoid, tanh, relu, leaky_relu, softplus, gelu, swish, softmax)"),
        ]
        for (source, message) in cases {
            let error = failure(source.replacingOccurrences(of: "DIR", with: dir))
            XCTAssertEqual(error?.message, message.replacingOccurrences(of: "DIR", with: dir), source)
        }
        // A file nns wrote, with a tensor taken out: the model's check names the file and the key.
        try SafeTensors.write([("layers.0.weight", try Tensor(shape: [1, 2], repeating: 1))],
                              metadata: [("nns.kind", "network"), ("nns.layers", "1"), ("nns.layers.0.act", "tanh")], to: dir + "/cut.safetensors")
        XCTAssertEqual(failure("load(\"\(dir)/cut.safetensors\")")?.message,
                       "load: '\(dir)/cut.safetensors': the network in this file has no tensor 'layers.0.bias'")
        // A VAE claiming n_in 2²⁰ with a 2 × 2 weight: refused before anything of that size is built.
        try SafeTensors.write([("enc.weight", try Tensor(shape: [2, 2], repeating: 1))],
                              metadata: [("nns.kind", "vae"), ("nns.n_in", "1048576"), ("nns.n_latent", "2"), ("nns.hidden", "256"),
                                         ("nns.act", "relu"), ("nns.loss", "bce")], to: dir + "/liar.safetensors")
        XCTAssertEqual(failure("load(\"\(dir)/liar.safetensors\")")?.message,
                       "load: '\(dir)/liar.safetensors': the vae in this file has 'enc.weight' of shape [2, 2], where its sizes need [256, 1048576]")
        // A hostile file: the error carries the script's line and column.
        try Data([9, 0, 0, 0, 0, 0, 0, 0, 0x7B]).write(to: URL(fileURLWithPath: dir + "/h.safetensors"))
        let out = output("x = 1\nnet = load(\"\(dir)/h.safetensors\")")
        XCTAssertTrue(out.hasPrefix("t.nns:2:7: error: load: '\(dir)/h.safetensors' is not a valid safetensors file (the header length 9 runs past the end of the file (9 bytes))"), out)
    }

    func testSavingIsAtomic() throws {
        _ = try run("""
        save(mlp([2, 3, 1]), "DIR/n.safetensors")
        save(mlp([2, 3, 1]), "DIR/n.onnx")
        save(mlp([2, 3, 1]), "DIR/n.safetensors")
        """)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        XCTAssertEqual(names, ["n.onnx", "n.safetensors"], "no temporary files left behind")
        XCTAssertNotNil(failure("save(mlp([2, 1]), \"\(dir)/no/such/folder/n.onnx\")"))
        XCTAssertNotNil(failure("save(mlp([2, 1]), \"\(dir)/no/such/folder/n.safetensors\")"))
    }
}

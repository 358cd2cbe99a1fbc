// Autoencoder and VAE numbers against PyTorch float64 autograd (fixtures written by
// Scripts/fixtures/torch_autoencoder_fixtures.py): every variant's objective, one SGD step's
// weights (contractive through autograd Jacobians), k-sparse codes, and a VAE with fixed ε.
import XCTest
import TensorKit
@testable import NeuralKit

final class AutoencoderFixtureTests: XCTestCase {
    struct Sparsity: Decodable { let kind: String; let rho: Double?; let beta: Double?; let lambda: Double?; let k: Int? }
    struct Options: Decodable {
        let act: String, out: String, loss: String
        let tied: Bool?, contractive: Double?, sparsity: Sparsity?
    }
    struct Case: Decodable {
        let name: String, options: Options
        let loss: Double, reconstruction: Double, penalty: Double, step_loss: Double
        let after: [String: AnyMatrix]
        let Xtilde: [[Double]]?
    }
    /// A JSON number list of depth 1 or 2, flattened.
    struct AnyMatrix: Decodable {
        let values: [Double]
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let m = try? c.decode([[Double]].self) { values = m.flatMap { $0 } } else { values = try c.decode([Double].self) }
        }
    }
    struct TopK: Decodable { let W: [[Double]], b: [Double], k: Int, alpha: Double, encode: [[Double]], train_code: [[Double]] }
    struct VAECase: Decodable {
        let name: String, act: String, loss_kind: String
        let layers: [String: [AnyMatrix]]
        let eps: [[Double]], reconstruction: Double, kl: Double, loss: Double
        let mu: [[Double]], logvar: [[Double]], reconstruct: [[Double]]
        let after: [String: [AnyMatrix]]
    }
    struct Deep: Decodable {
        let layers: [[AnyMatrix]], kl: [String: Double]
        let loss: Double, reconstruction: Double, penalty: Double, step_loss: Double
        let Xtilde: [[Double]], after: [[AnyMatrix]]
    }
    struct Fixture: Decodable {
        let lr: Double, X: [[Double]], start: [String: AnyMatrix], cases: [Case], topk: TopK, vae: [VAECase], deep: Deep
    }

    func fixture() throws -> Fixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "autoencoder_fixtures", withExtension: "json",
                                                  subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    func matrix(_ rows: [[Double]]) -> Tensor {
        Tensor(shape: [rows.count, rows.first?.count ?? 0], storage: rows.flatMap { $0 })
    }

    func activation(_ name: String) throws -> Activation {
        try XCTUnwrap(Activation(rawValue: name), name)
    }

    func assertClose(_ a: [Double], _ b: [Double], _ what: String, tol: Double = 1e-10,
                     file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        for (x, y) in zip(a, b) where !(abs(x - y) <= tol * max(1, abs(y))) {
            XCTFail("\(what): \(x) ≠ \(y)", file: file, line: line)
            return
        }
    }

    func makeAutoencoder(_ o: Options, start: [String: AnyMatrix]) throws -> Autoencoder {
        var options = AutoencoderOptions()
        options.act = try activation(o.act)
        options.out = try activation(o.out)
        options.loss = try XCTUnwrap(Loss(name: o.loss))
        options.tied = o.tied ?? false
        options.contractive = o.contractive ?? 0
        if let s = o.sparsity {
            switch s.kind {
            case "kl": options.sparsity = .kl(rho: s.rho ?? 0, beta: s.beta ?? 0)
            case "l1": options.sparsity = .l1(lambda: s.lambda ?? 0)
            default: options.sparsity = .topK(k: s.k ?? 0, alpha: 1)
            }
        }
        let ae = try Autoencoder(inputs: 6, codes: 3, options: options, rng: RandomGenerator(seed: 1))
        try ae.set("W", Tensor(shape: [3, 6], storage: try XCTUnwrap(start["W"]).values))
        try ae.set("b", Tensor(try XCTUnwrap(start["b"]).values))
        if !options.tied { try ae.set("W2", Tensor(shape: [6, 3], storage: try XCTUnwrap(start["W2"]).values)) }
        try ae.set("b2", Tensor(try XCTUnwrap(start["b2"]).values))
        return ae
    }

    func testEveryVariantMatchesPyTorch() throws {
        let f = try fixture()
        let x = matrix(f.X)
        XCTAssertGreaterThanOrEqual(f.cases.count, 20)
        for c in f.cases {
            let ae = try makeAutoencoder(c.options, start: f.start)
            let t = try ae.terms(x)
            assertClose([t.loss, t.reconstruction, t.penalty], [c.loss, c.reconstruction, c.penalty], "\(c.name) loss(X)")
            let input = c.Xtilde.map { $0.flatMap { $0 } } ?? x.storage
            let s = try ae.trainingStep(input: Tensor(shape: x.shape, storage: input), target: x)
            assertClose([s], [c.step_loss], "\(c.name) step loss")
            var names = ["W", "b", "W2", "b2"]
            if ae.w2 == nil { names.remove(at: 2) }
            XCTAssertEqual(Set(names), Set(c.after.keys), c.name)
            for (name, p) in zip(names, ae.parameters) {
                let stepped = zip(p.value.storage, p.grad.storage).map { $0 - f.lr * $1 }
                assertClose(stepped, try XCTUnwrap(c.after[name]).values, "\(c.name) \(name) after one SGD step")
            }
        }
    }

    func testKSparseEncodings() throws {
        let f = try fixture()
        var o = AutoencoderOptions()
        o.act = .linear
        o.tied = true
        o.sparsity = .topK(k: f.topk.k, alpha: f.topk.alpha)
        let ae = try Autoencoder(inputs: 6, codes: 5, options: o, rng: RandomGenerator(seed: 1))
        try ae.set("W", matrix(f.topk.W))
        try ae.set("b", Tensor(f.topk.b))
        let x = matrix(f.X)
        // encode keeps αk = 3 units, training and reconstruction keep k = 2.
        assertClose(try ae.encode(x).storage, f.topk.encode.flatMap { $0 }, "encode with alpha")
        let train = try ae.code(x, keep: ae.kept(encoding: false)).storage
        assertClose(train, f.topk.train_code.flatMap { $0 }, "training code")
        XCTAssertEqual(train.filter { $0 != 0 }.count, 10)
        // W2 reads as Wᵀ.
        XCTAssertEqual(ae.decoderWeights, matrix(f.topk.W).transposed())
    }

    func testVAEMatchesPyTorch() throws {
        let f = try fixture()
        let x = matrix(f.X)
        for c in f.vae {
            let v = try VAE(inputs: 6, latent: 2, hidden: 4, act: try activation(c.act),
                            loss: c.loss_kind == "bce" ? Loss.bce.summedPerSample : .sse, rng: RandomGenerator(seed: 1))
            for (name, layer) in zip(["enc", "mu", "logvar", "dec", "out"], v.layers) {
                let wb = try XCTUnwrap(c.layers[name])
                try layer.setWeight(Tensor(shape: [layer.outputs, layer.inputs], storage: wb[0].values))
                try layer.setBias(Tensor(wb[1].values))
            }
            let e = try v.encode(x)
            assertClose(e.mu.storage, c.mu.flatMap { $0 }, "\(c.name) mu")
            assertClose(e.logvar.storage, c.logvar.flatMap { $0 }, "\(c.name) logvar")
            assertClose(try v.reconstruct(x).storage, c.reconstruct.flatMap { $0 }, "\(c.name) v(X)")
            let t = try v.terms(x, eps: matrix(c.eps), rng: RandomGenerator(seed: 1))
            assertClose([t.reconstruction, t.kl, t.loss], [c.reconstruction, c.kl, c.loss], "\(c.name) terms")
            _ = try v.step(x, eps: c.eps.flatMap { $0 }, gradients: true, &v.pass)
            for (name, layer) in zip(["enc", "mu", "logvar", "dec", "out"], v.layers) {
                let wb = try XCTUnwrap(c.after[name])
                assertClose(zip(layer.weight.value.storage, layer.weight.grad.storage).map { $0 - f.lr * $1 }, wb[0].values, "\(c.name) \(name).W")
                assertClose(zip(layer.bias.value.storage, layer.bias.grad.storage).map { $0 - f.lr * $1 }, wb[1].values, "\(c.name) \(name).b")
            }
        }
    }

    func testDeepAutoencoderMatchesPyTorch() throws {
        let f = try fixture()
        let x = matrix(f.X)
        var o = AutoencoderOptions()
        o.out = .linear
        o.sparsity = .kl(rho: try XCTUnwrap(f.deep.kl["rho"]), beta: try XCTUnwrap(f.deep.kl["beta"]))
        let ae = try DeepAutoencoder(inputs: 6, codes: 3, hidden: [4], options: o, rng: RandomGenerator(seed: 1))
        let layers = ae.encoder + ae.decoder
        XCTAssertEqual(layers.map(\.outputs), [4, 3, 4, 6])
        for (layer, wb) in zip(layers, f.deep.layers) {
            try layer.setWeight(Tensor(shape: [layer.outputs, layer.inputs], storage: wb[0].values))
            try layer.setBias(Tensor(wb[1].values))
        }
        let t = try ae.terms(x)
        assertClose([t.loss, t.reconstruction, t.penalty], [f.deep.loss, f.deep.reconstruction, f.deep.penalty], "deep loss(X)")
        let s = try ae.trainingStep(input: Tensor(shape: x.shape, storage: f.deep.Xtilde.flatMap { $0 }), target: x)
        assertClose([s], [f.deep.step_loss], "deep step loss")
        for (i, (layer, wb)) in zip(layers, f.deep.after).enumerated() {
            assertClose(zip(layer.weight.value.storage, layer.weight.grad.storage).map { $0 - f.lr * $1 }, wb[0].values, "deep layer \(i) W")
            assertClose(zip(layer.bias.value.storage, layer.bias.grad.storage).map { $0 - f.lr * $1 }, wb[1].values, "deep layer \(i) b")
        }
        let back = try Autoencoder.decodeAny(try ModelFile.decode(ModelFile.encode(ae.modelRecord)))
        XCTAssertEqual(back.hidden, [4])
        XCTAssertEqual(try back.reconstruct(x), try ae.reconstruct(x))
    }
}

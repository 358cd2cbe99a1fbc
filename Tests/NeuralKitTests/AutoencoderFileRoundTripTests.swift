// Every autoencoder variant, deep ones and VAEs, trained a few steps, written as .nnm and as
// .safetensors and read back: kind, options and every weight's bits kept, and the model read
// back computes the same bits. And .nnm files written by nns before its autoencoders were layer
// sequences (Fixtures/OldModelFiles, made by the release build of 57fe6b4) still load, and
// write back byte for byte.
import Foundation
import XCTest
import TensorKit
@testable import NeuralKit

final class AutoencoderFileRoundTripTests: XCTestCase {
    let x = Tensor(shape: [6, 7], storage: (0..<42).map { Double(($0 * 37) % 11) / 11 })

    /// Trains `model` two SGD steps so that no weight is its initial value (and biases are not 0).
    func trained<M: TrainableModel>(_ model: M) throws -> M {
        for _ in 0..<2 {
            _ = try model.lossAndGradients(x, x, rng: RandomGenerator(seed: 1))
            SGD(learningRate: 0.5).step(model.parameters)
        }
        return model
    }

    /// The record through .nnm bytes and through a .safetensors file.
    func throughFiles(_ record: ModelRecord) throws -> [ModelRecord] {
        let nnm = try ModelFile.decode(ModelFile.encode(record))
        let path = NSTemporaryDirectory() + "nns-ae-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SafeTensorsModel.write(record, to: path)
        let st = try XCTUnwrap(SafeTensorsModel.record(from: try SafeTensors.read(path)))
        return [nnm, st]
    }

    func testEveryAutoencoderVariantRoundTrips() throws {
        var variants: [AutoencoderOptions] = []
        for act in [Activation.sigmoid, .tanh, .linear] {
            for (sparsity, tied) in [(SparsityPenalty?.none, false), (.kl(rho: 0.1, beta: 2), false),
                                     (.l1(lambda: 0.01), true), (.topK(k: 2, alpha: 1.5), true)] {
                var o = AutoencoderOptions()
                (o.act, o.sparsity, o.tied) = (act, sparsity, tied)
                o.noise = [NoiseProcess.gaussian(sigma: 0.1), .masking(p: 0.2), .saltPepper(p: 0.1)][variants.count % 3]
                o.contractive = variants.count % 2 == 0 ? 0 : 0.05
                o.loss = variants.count % 4 == 1 ? .bce : .sse
                variants.append(o)
            }
        }
        var tried = 0
        for o in variants {
            guard let made = try? Autoencoder(inputs: 7, codes: 3, options: o, rng: RandomGenerator(seed: 4)) else { continue }
            tried += 1
            let ae = try trained(made)
            for record in try throughFiles(ae.modelRecord) {
                let back = try Autoencoder.decodeAny(record)
                XCTAssertEqual(back.options, ae.options, "\(o)")
                XCTAssertEqual(back.parameters.map(\.value), ae.parameters.map(\.value), "\(o)")
                XCTAssertEqual(try back.reconstruct(x).storage.map(\.bitPattern), try ae.reconstruct(x).storage.map(\.bitPattern))
                XCTAssertEqual(try back.objective(x).bitPattern, try ae.objective(x).bitPattern, "\(o)")
            }
        }
        XCTAssertGreaterThanOrEqual(tried, 8)
    }

    func testDeepAutoencodersAndVAEsRoundTrip() throws {
        for (hidden, act) in [([5], Activation.sigmoid), ([5, 4], .tanh)] {
            var o = AutoencoderOptions()
            o.act = act
            o.sparsity = .kl(rho: 0.2, beta: 1)
            o.noise = .masking(p: 0.1)
            let ae = try trained(try DeepAutoencoder(inputs: 7, codes: 3, hidden: hidden, options: o, rng: RandomGenerator(seed: 2)))
            for record in try throughFiles(ae.modelRecord) {
                let back = try Autoencoder.decodeAny(record)
                XCTAssertEqual(back.hidden, hidden)
                XCTAssertEqual(back.parameters.map(\.value), ae.parameters.map(\.value))
                XCTAssertEqual(try back.reconstruct(x).storage.map(\.bitPattern), try ae.reconstruct(x).storage.map(\.bitPattern))
            }
        }
        for (act, loss) in [(Activation.relu, Loss.bce.summedPerSample), (.tanh, .sse)] {
            let v = try trained(try VAE(inputs: 7, latent: 2, hidden: 5, act: act, loss: loss, rng: RandomGenerator(seed: 3)))
            for record in try throughFiles(v.modelRecord) {
                let back = try VAE.decode(record)
                XCTAssertEqual(back.loss, v.loss)
                XCTAssertEqual(back.parameters.map(\.value), v.parameters.map(\.value))
                XCTAssertEqual(try back.reconstruct(x).storage.map(\.bitPattern), try v.reconstruct(x).storage.map(\.bitPattern))
            }
        }
    }

    func testFilesOfTheOldCodeStillLoad() throws {
        let names = ["plain", "tanh_kl_gaussian", "relu_l1_contractive", "tied_topk", "deep_masking", "vae"]
        for name in names {
            let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "nnm",
                                                      subdirectory: "Fixtures/OldModelFiles"), name)
            let bytes = [UInt8](try Data(contentsOf: url))
            let record = try ModelFile.decode(bytes)
            let written: ModelRecord
            if record.kind == "vae" {
                written = try VAE.decode(record).modelRecord
            } else {
                written = try Autoencoder.decodeAny(record).modelRecord
            }
            XCTAssertEqual(ModelFile.encode(written), bytes, "\(name): written back byte for byte")
        }
    }
}

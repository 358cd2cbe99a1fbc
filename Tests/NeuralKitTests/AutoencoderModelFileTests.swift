// Autoencoders and VAEs written to .nnm bytes and read back: every option and every Double kept.
import XCTest
import TensorKit
@testable import NeuralKit

final class AutoencoderModelFileTests: XCTestCase {
    func testAutoencoderRoundTrip() throws {
        var o = AutoencoderOptions()
        o.act = .tanh
        o.noise = .saltPepper(p: 0.2)
        o.sparsity = .kl(rho: 0.05, beta: 3)
        o.contractive = 0.1
        let ae = try Autoencoder(inputs: 7, codes: 3, options: o, rng: RandomGenerator(seed: 9))
        let back = try Autoencoder.decode(try ModelFile.decode(ModelFile.encode(ae.modelRecord)))
        XCTAssertEqual(back.options, ae.options)
        XCTAssertEqual(back.parameters.map(\.value), ae.parameters.map(\.value))
        XCTAssertEqual(back.modelRecord, ae.modelRecord)
    }

    func testTiedKSparseRoundTrip() throws {
        var o = AutoencoderOptions()
        o.act = .linear
        o.tied = true
        o.sparsity = .topK(k: 2, alpha: 1.5)
        let ae = try Autoencoder(inputs: 5, codes: 4, options: o, rng: RandomGenerator(seed: 2))
        let back = try Autoencoder.decode(try ModelFile.decode(ModelFile.encode(ae.modelRecord)))
        XCTAssertEqual(back.options, o)
        XCTAssertNil(back.w2)
        XCTAssertEqual(back.decoderWeights, ae.decoderWeights)
    }

    func testVAERoundTripAndBadRecord() throws {
        let v = try VAE(inputs: 6, latent: 2, hidden: 4, act: .tanh, loss: .sse, rng: RandomGenerator(seed: 3))
        let back = try VAE.decode(try ModelFile.decode(ModelFile.encode(v.modelRecord)))
        XCTAssertEqual(back.parameters.map(\.value), v.parameters.map(\.value))
        XCTAssertEqual(back.loss, .sse)
        var r = v.modelRecord
        r.tensors[0].1 = try Tensor(shape: [3, 3], repeating: 0)
        XCTAssertThrowsError(try VAE.decode(r))
    }
}

// Models in safetensors files: torch.nn's key names, nns.* metadata, bit-exact round trips of a
// network's record, and PyTorch state dicts as networks (natural order, exact F32 widening,
// and each error naming the keys).
import XCTest
import Foundation
import TensorKit
@testable import NeuralKit

final class SafeTensorsModelTests: XCTestCase {
    func sampleNetwork() throws -> Network {
        let net = try Network.mlp(sizes: [3, 5, 4, 2], activation: .tanh, output: .softmax, rng: RandomGenerator(seed: 4))
        net.layers[0].weight.value.storage[0] = 0.1 + 0.2
        net.layers[0].weight.value.storage[1] = -0.0
        net.layers[1].bias.value.storage[0] = .leastNonzeroMagnitude
        net.layers[2].bias.value.storage[1] = Double(bitPattern: 0x7FF8_0000_0000_0042)
        return net
    }

    func testNetworksKeepTorchNamesAndEveryBit() throws {
        let net = try sampleNetwork()
        let (tensors, metadata) = SafeTensorsModel.contents(of: net.modelRecord)
        XCTAssertEqual(tensors.map(\.name), ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias",
                                             "layers.2.weight", "layers.2.bias"])
        XCTAssertEqual(tensors[2].tensor.shape, [4, 5], "out × in, as torch.nn.Linear.weight")
        XCTAssertEqual(metadata.map(\.key), ["nns.kind", "nns.version", "nns.layers", "nns.layers.0.act", "nns.layers.1.act", "nns.layers.2.act"])
        XCTAssertEqual(metadata.map(\.value), ["network", NNSRelease.version, "3", "tanh", "tanh", "softmax"])

        let path = NSTemporaryDirectory() + "nns-stmodel-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SafeTensorsModel.write(net.modelRecord, to: path)
        let record = try XCTUnwrap(SafeTensorsModel.record(from: try SafeTensors.read(path)))
        XCTAssertEqual(record, net.modelRecord, "kind, options and every bit pattern")
        XCTAssertEqual(try Network.decode(record).modelRecord, net.modelRecord)

        // F32: the same structure, each weight rounded to the nearest Float.
        try SafeTensorsModel.write(net.modelRecord, to: path, dtype: .f32)
        let narrow = try SafeTensors.read(path)
        XCTAssertEqual(Set(narrow.tensors.map(\.dtype)), [.f32])
        let back = try Network.decode(try XCTUnwrap(SafeTensorsModel.record(from: narrow)))
        XCTAssertEqual(back.layers[1].weight.value.storage, net.layers[1].weight.value.storage.map { Double(Float($0)) })
    }

    func testLayerNamesOfOtherModels() {
        XCTAssertEqual(SafeTensorsModel.fileName("enc.W"), "enc.weight")
        XCTAssertEqual(SafeTensorsModel.fileName("logvar.b"), "logvar.bias")
        XCTAssertEqual(SafeTensorsModel.fileName("layers.3.W"), "layers.3.weight")
        for bare in ["W", "b", "W2", "b2"] { XCTAssertEqual(SafeTensorsModel.fileName(bare), bare) }
        for name in ["enc.W", "out.b", "layers.10.W", "W2", "b"] {
            XCTAssertEqual(SafeTensorsModel.recordName(SafeTensorsModel.fileName(name)), name)
        }
    }

    func testMetadataNumbersReadBackExactly() {
        let rng = RandomGenerator(seed: 11)
        var values: [Double] = [0, -0.0, 1, 64, 0.05, 1e-05, 1e300, -2.5e-320, .infinity, -.infinity, 0.1 + 0.2]
        for _ in 0..<2000 { values.append(Double(bitPattern: UInt64(rng.nextDouble() * 0x1p53) << 11 | 0x3)) }
        for x in values where !x.isNaN {
            guard case .number(let y) = SafeTensorsModel.option(Tensor.numberText(x)) else { return XCTFail("\(x)") }
            XCTAssertEqual(y.bitPattern, x.bitPattern, "\(x)")
        }
        guard case .number(let n) = SafeTensorsModel.option("nan") else { return XCTFail("nan") }
        XCTAssertTrue(n.isNaN)
        XCTAssertEqual(SafeTensorsModel.option("true"), .bool(true))
        XCTAssertEqual(SafeTensorsModel.option("leaky_relu"), .string("leaky_relu"))
        XCTAssertEqual(SafeTensorsModel.option("none"), .string("none"))
    }

    func testAFileWithoutNNSMetadataIsNotTakenForAModel() throws {
        let c = try SafeTensors.decode(try SafeTensors.encode([("0.weight", try Tensor(shape: [1, 1], elements: [1]))], metadata: [("format", "pt")]), name: "w")
        XCTAssertNil(SafeTensorsModel.record(from: c))
    }

    func testSizesAFileLiesAboutAreRefusedBeforeTheModelIsBuilt() throws {
        // A few bytes claiming an autoencoder of 2²⁸ weights (2 GiB), a deep one, a VAE: each is
        // refused at once, before any weight is allocated (the same decoders read .nnm files).
        let w = try Tensor(shape: [2, 2], repeating: 0.5)
        let records = [
            ModelRecord(kind: "autoencoder", options: Autoencoder.optionRecord(inputs: 1 << 16, codes: 1 << 12, options: AutoencoderOptions()).options,
                        tensors: [("W", w), ("b", Tensor([0, 0])), ("W2", w), ("b2", Tensor([0, 0]))]),
            ModelRecord(kind: "autoencoder", options: Autoencoder.optionRecord(inputs: 2, codes: 2, options: AutoencoderOptions()).options
                            + [("hidden", .number(1)), ("hidden.0", .number(16_777_216))],
                        tensors: [("layers.0.W", w)]),
            ModelRecord(kind: "vae", options: [("n_in", .number(1_048_576)), ("n_latent", .number(2)), ("hidden", .number(256)),
                                               ("act", .string("relu")), ("loss", .string("bce"))],
                        tensors: [("enc.W", w)]),
        ]
        let messages = [
            "load: the autoencoder in this file has 'W' of shape [2, 2], where its sizes need [4096, 65536]",
            "load: the autoencoder in this file has 'layers.0.W' of shape [2, 2], where its sizes need [16777216, 2]",
            "load: the vae in this file has 'enc.W' of shape [2, 2], where its sizes need [256, 1048576]",
        ]
        let start = Date()
        for (record, message) in zip(records, messages) {
            let read = try ModelFile.decode(ModelFile.encode(record))
            func rebuild() throws {
                if read.kind == "vae" { _ = try VAE.decode(read) } else { _ = try Autoencoder.decodeAny(read) }
            }
            XCTAssertThrowsError(try rebuild()) {
                XCTAssertEqual(($0 as? NeuralError)?.message, message)
            }
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1, "no gigabytes drawn at random first")
    }

    // MARK: PyTorch state dicts

    func testNaturalOrder() {
        let names = ["10", "2", "0", "layers.10", "layers.9", "layers.1", "fc2", "fc10", "fc1", "", "a", "007", "7"]
        XCTAssertEqual(names.sorted(by: Network.naturalOrder),
                       ["", "0", "2", "7", "007", "10", "a", "fc1", "fc2", "fc10", "layers.1", "layers.9", "layers.10"])
    }

    func testStateDictBecomesANetworkInNaturalOrder() throws {
        // nn.Sequential(Linear(3, 4), ReLU(), Linear(4, 5), ReLU(), ..., Linear(6, 2), Softmax):
        // modules 0, 2, ..., 10; alphabetical order would put 10 before 2.
        let rng = RandomGenerator(seed: 2)
        let sizes = [3, 4, 5, 6, 7, 6, 2]
        var tensors: [(name: String, tensor: Tensor)] = []
        for i in 0..<(sizes.count - 1) {
            let w = (0..<(sizes[i + 1] * sizes[i])).map { _ in Double(Float(rng.nextDouble() - 0.5)) }
            tensors.append(("\(2 * i).weight", try Tensor(shape: [sizes[i + 1], sizes[i]], elements: w)))
            tensors.append(("\(2 * i).bias", Tensor((0..<sizes[i + 1]).map { _ in Double(Float(rng.nextDouble())) })))
        }
        let bytes = try SafeTensors.encode(tensors.reversed(), dtype: .f32)
        let read = try SafeTensors.decode(bytes, name: "w.safetensors")
        let net = try Network.fromStateDict(read.tensors.map { ($0.name, $0.tensor) }, hidden: .relu, output: .softmax, file: "w.safetensors")
        XCTAssertEqual(net.layers.map(\.inputs), Array(sizes.dropLast()))
        XCTAssertEqual(net.layers.map(\.activation), [.relu, .relu, .relu, .relu, .relu, .softmax])
        for i in 0..<(sizes.count - 1) {
            XCTAssertEqual(net.layers[i].weight.value.storage, tensors[2 * i].tensor.storage, "F32 widened exactly")
            XCTAssertEqual(net.layers[i].bias.value.storage, tensors[2 * i + 1].tensor.storage)
        }
        // nn.Linear(bias=False): the bias is zero; a bare nn.Linear has keys weight and bias.
        let noBias = try Network.fromStateDict([("0.weight", try Tensor(shape: [1, 2], elements: [1, 2]))], hidden: .linear, output: .sigmoid, file: "w")
        XCTAssertEqual(noBias.layers[0].bias.value.storage, [0])
        let bare = try Network.fromStateDict([("weight", try Tensor(shape: [1, 2], elements: [1, 2])), ("bias", Tensor([3]))], hidden: .linear, output: .linear, file: "w")
        XCTAssertEqual(bare.layers[0].bias.value.storage, [3])
    }

    func testStateDictErrorsNameTheKeys() throws {
        let start = "load: 'w.safetensors' does not hold the dense layers of a network ("
        let cases: [([(String, Tensor)], String)] = [
            ([("0.weight", try Tensor(shape: [4, 3], repeating: 0)), ("2.weight", try Tensor(shape: [2, 5], repeating: 0))],
             "'0.weight' gives 4 outputs but '2.weight' of shape [2, 5] takes 5 inputs; the layers do not chain)"),
            ([("0.weight", try Tensor(shape: [4, 3], repeating: 0)), ("1.running_mean", try Tensor(shape: [4], repeating: 0))],
             "the tensor '1.running_mean' is neither a weight nor a bias; nns reads the nn.Linear layers of an nn.Sequential, saved as P.weight and P.bias)"),
            ([("0.weight", try Tensor(shape: [4, 3], repeating: 0)), ("2.bias", try Tensor(shape: [4], repeating: 0))],
             "'2.bias' has no matching '2.weight')"),
            ([("0.weight", try Tensor(shape: [4, 3], repeating: 0)), ("0.bias", try Tensor(shape: [3], repeating: 0))],
             "'0.bias' has shape [3] but '0.weight' of shape [4, 3] needs a bias of shape [4])"),
            ([("0.weight", try Tensor(shape: [4], repeating: 0))],
             "'0.weight' has shape [4]; a weight must be a non-empty matrix, outputs × inputs)"),
            ([("0.weight", try Tensor(shape: [0, 3], repeating: 0))],
             "'0.weight' has shape [0, 3]; a weight must be a non-empty matrix, outputs × inputs)"),
            ([], "it has no tensor named P.weight)"),
        ]
        for (tensors, detail) in cases {
            XCTAssertThrowsError(try Network.fromStateDict(tensors.map { (name: $0.0, tensor: $0.1) }, hidden: .relu, output: .linear, file: "w.safetensors")) {
                XCTAssertEqual(($0 as? NeuralError)?.message, start + detail)
            }
        }
    }
}

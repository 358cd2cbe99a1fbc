// The .nnm model file: exact round trips of every model kind, and corrupt files (truncated,
// bit-flipped, random, wrong version) always rejected with an error, never a crash.
import XCTest
import TensorKit
@testable import NeuralKit

final class ModelFileTests: XCTestCase {
    func sampleNetwork() throws -> Network {
        let net = try Network.mlp(sizes: [3, 5, 2], activation: .gelu, output: .softmax, rng: RandomGenerator(seed: 9))
        // values that a decimal format would round: subnormals, −0, huge, non-terminating
        net.layers[0].weight.value.storage[0] = 0.1 + 0.2
        net.layers[0].weight.value.storage[1] = -0.0
        net.layers[0].weight.value.storage[2] = Double.leastNonzeroMagnitude
        net.layers[1].bias.value.storage[0] = 1.7976931348623157e308
        return net
    }

    func testRoundTripsAreBitExact() throws {
        let net = try sampleNetwork()
        let path = NSTemporaryDirectory() + "nns-modelfile-\(UUID().uuidString).nnm"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.write(net.modelRecord, to: path)
        let back = try Network.decode(try ModelFile.read(path))
        XCTAssertEqual(back.modelRecord, net.modelRecord)
        XCTAssertEqual(back.layers.map(\.activation), [.gelu, .softmax])
        XCTAssertEqual(back.layers[0].weight.value.storage[1].sign, .minus)
        // no temporary files left next to it
        let dir = (path as NSString).deletingLastPathComponent
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") && $0.contains((path as NSString).lastPathComponent) }
        XCTAssertEqual(leftovers, [])

        for record in [net.layers[0].modelRecord,
                       try Neuron(weights: Tensor([0.1, 0.7]), bias: -0.3, activation: .step).modelRecord,
                       try Perceptron(inputs: 3).modelRecord,
                       try Hebbian(inputs: 2, rng: RandomGenerator(seed: 1)).modelRecord] {
            XCTAssertEqual(try ModelFile.decode(ModelFile.encode(record)), record)
        }
        XCTAssertEqual(try Dense.decode(net.layers[1].modelRecord).modelRecord, net.layers[1].modelRecord)
    }

    func testCorruptFilesAreErrors() throws {
        let good = ModelFile.encode(try sampleNetwork().modelRecord)
        XCTAssertNoThrow(try ModelFile.decode(good))
        // every truncation
        for n in 0..<good.count {
            XCTAssertThrowsError(try ModelFile.decode(Array(good[0..<n])), "truncated to \(n)")
        }
        // single bit flips everywhere (the checksum catches them)
        var rng = SplitMix(seed: 1)
        for _ in 0..<2000 {
            var bad = good
            let i = Int(rng.next() % UInt64(bad.count))
            bad[i] ^= UInt8(1 << (rng.next() % 8))
            XCTAssertThrowsError(try ModelFile.decode(bad))
        }
        // random garbage, with and without the magic
        for k in 0..<500 {
            var junk = (0..<Int(rng.next() % 300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            if k % 2 == 0 { junk = Array("NNSMODEL".utf8) + junk }
            XCTAssertThrowsError(try ModelFile.decode(junk))
        }
        // a valid checksum over a lying header: huge lengths, counts, ranks and shapes must be
        // refused before anything is allocated. Layout of this record: magic 0–7, version 8–11,
        // kind length 12–15, kind 16, option count 17–20, tensor count 21–24, name length 25–28,
        // name 29, rank 30–33, dimension 34–41, data 42–57.
        let small = ModelFile.encode(ModelRecord(kind: "k", tensors: [("t", Tensor([1, 2]))]))
        XCTAssertEqual(try ModelFile.decode(small).tensors[0].1, Tensor([1, 2]))
        for (start, width) in [(8, 4), (12, 4), (17, 4), (21, 4), (25, 4), (30, 4), (34, 8), (38, 4)] {
            var body = Array(small.dropLast(8))
            for i in start..<(start + width) { body[i] = 0xff }
            body.append(u64: ModelFile.fnv1a(body[...]))
            XCTAssertThrowsError(try ModelFile.decode(body), "field at \(start)")
        }
        // a well-formed file of the wrong shapes is refused by the decoder
        var r = try sampleNetwork().modelRecord
        r.tensors[0].1 = Tensor([1, 2, 3])
        XCTAssertThrowsError(try Network.decode(try ModelFile.decode(ModelFile.encode(r))))
    }

    /// A small deterministic generator for fuzzing.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

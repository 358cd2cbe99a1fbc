// The ONNX writer: the protobuf wire format byte for byte, and the model it writes read back by a
// small wire-format reader — IR and opset, producer, doc string, the symbolic batch dimension,
// weights bit for bit, one Gemm (transB = 1) per layer and each transfer function's operators.
// (onnx.checker and onnxruntime check the same files in Tests/interop.)
import XCTest
import TensorKit
@testable import NeuralKit

/// A decoded protobuf message: each field number's values, varints as numbers, the rest as bytes.
struct WireMessage {
    var varints: [Int: [UInt64]] = [:]
    var bytes: [Int: [[UInt8]]] = [:]

    init(_ data: [UInt8]) throws {
        var i = 0
        func varint() throws -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard i < data.count, shift < 64 else { throw TensorError("bad varint") }
                let b = data[i]; i += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }
        while i < data.count {
            let key = try varint()
            let field = Int(key >> 3)
            switch key & 7 {
            case 0: varints[field, default: []].append(try varint())
            case 2:
                let n = Int(try varint())
                guard i + n <= data.count else { throw TensorError("bad length") }
                bytes[field, default: []].append(Array(data[i..<(i + n)]))
                i += n
            default: throw TensorError("unexpected wire type \(key & 7)")
            }
        }
    }

    func int(_ f: Int) -> Int? { varints[f]?.first.map { Int(Int64(bitPattern: $0)) } }
    func string(_ f: Int) -> String? { bytes[f]?.first.map { String(decoding: $0, as: UTF8.self) } }
    func strings(_ f: Int) -> [String] { (bytes[f] ?? []).map { String(decoding: $0, as: UTF8.self) } }
    func messages(_ f: Int) throws -> [WireMessage] { try (bytes[f] ?? []).map(WireMessage.init) }
}

final class ONNXExportTests: XCTestCase {
    func testWireFormat() {
        var m = ProtobufMessage()
        m.int(1, 300)
        XCTAssertEqual(m.bytes, [0x08, 0xAC, 0x02])
        m = ProtobufMessage()
        m.int(20, -1)
        XCTAssertEqual(m.bytes, [0xA0, 0x01] + [UInt8](repeating: 0xFF, count: 9) + [0x01], "negatives are ten-byte two's complement")
        m = ProtobufMessage()
        m.string(2, "hi")
        XCTAssertEqual(m.bytes, [0x12, 0x02, 0x68, 0x69])
        var outer = ProtobufMessage()
        outer.message(7, m)
        XCTAssertEqual(outer.bytes, [0x3A, 0x04, 0x12, 0x02, 0x68, 0x69])
    }

    /// The op types of each layer's nodes, the graph and the model of `acts` exported as `type`.
    func export(_ acts: [Activation], type: ONNXElementType) throws -> (model: WireMessage, graph: WireMessage, ops: [String]) {
        let sizes = [3] + acts.map { _ in 4 }
        let layers = try (0..<acts.count).map { i in
            try Dense(inputs: sizes[i], outputs: sizes[i + 1], activation: acts[i], rng: RandomGenerator(seed: UInt64(i)))
        }
        let model = try WireMessage(try ONNXExport.encode(try Network(layers: layers), type: type))
        let graph = try XCTUnwrap(try model.messages(7).first)
        return (model, graph, try graph.messages(1).map { $0.string(4) ?? "?" })
    }

    func testModelHeaderInputsAndWeights() throws {
        let net = try Network.mlp(sizes: [2, 3, 1], activation: .tanh, output: .sigmoid, rng: RandomGenerator(seed: 5))
        let model = try WireMessage(try ONNXExport.encode(net, type: .double))
        XCTAssertEqual(model.int(1), 7, "IR version")
        XCTAssertEqual(try model.messages(8).first?.int(2), 13, "opset")
        XCTAssertNil(try model.messages(8).first?.string(1), "the default ONNX domain")
        XCTAssertEqual(model.string(2), "nns")
        XCTAssertEqual(model.string(3), NNSRelease.version)
        XCTAssertEqual(model.string(6), "Written by nns \(NNSRelease.version): a network 2 → 3 → 1 (tanh, sigmoid); input x [batch, 2], output y [batch, 1], DOUBLE.")
        let props = try model.messages(14).map { "\($0.string(1) ?? "")=\($0.string(2) ?? "")" }
        XCTAssertEqual(props, ["nns.layers.0.act=tanh", "nns.layers.1.act=sigmoid"])

        let graph = try XCTUnwrap(try model.messages(7).first)
        for (field, name, width) in [(11, "x", 2), (12, "y", 1)] {
            let info = try XCTUnwrap(try graph.messages(field).first)
            XCTAssertEqual(info.string(1), name)
            let tensorType = try XCTUnwrap(try info.messages(2).first?.messages(1).first)
            XCTAssertEqual(tensorType.int(1), 11, "DOUBLE")
            let dims = try XCTUnwrap(try tensorType.messages(2).first?.messages(1))
            XCTAssertEqual(dims.count, 2)
            XCTAssertEqual(dims[0].string(2), "batch", "a symbolic batch size")
            XCTAssertEqual(dims[1].int(1), width)
        }
        let inits = try graph.messages(5)
        XCTAssertEqual(inits.map { $0.string(8) ?? "" }, ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
        let w = inits[0]
        XCTAssertEqual(w.varints[1]?.map(Int.init), [3, 2], "W stays out × in")
        XCTAssertEqual(w.int(2), 11)
        let raw = try XCTUnwrap(w.bytes[9]?.first)
        let values = stride(from: 0, to: raw.count, by: 8).map { k in
            Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(raw[k + $1]) << (8 * UInt64($1)) })
        }
        XCTAssertEqual(values.map(\.bitPattern), net.layers[0].weight.value.storage.map(\.bitPattern))

        let gemm = try XCTUnwrap(try graph.messages(1).first)
        XCTAssertEqual(gemm.string(4), "Gemm")
        XCTAssertEqual(gemm.strings(1), ["x", "layers.0.weight", "layers.0.bias"])
        let attribute = try XCTUnwrap(try gemm.messages(5).first)
        XCTAssertEqual(attribute.string(1), "transB")
        XCTAssertEqual(attribute.int(3), 1)
        XCTAssertEqual(attribute.int(20), 2, "type INT")
        let last = try XCTUnwrap(try graph.messages(1).last)
        XCTAssertEqual(last.strings(2), ["y"])
    }

    func testEachTransferFunctionsOperators() throws {
        let expected: [(Activation, [String])] = [
            (.linear, ["Gemm"]),
            (.sigmoid, ["Gemm", "Sigmoid"]),
            (.tanh, ["Gemm", "Tanh"]),
            (.relu, ["Gemm", "Relu"]),
            (.leakyRelu, ["Gemm", "Mul", "Max"]),
            (.softmax, ["Gemm", "Softmax"]),
            (.softplus, ["Gemm", "Abs", "Neg", "Exp", "Add", "Log", "Max", "Add"]),
            (.swish, ["Gemm", "Sigmoid", "Mul"]),
            (.step, ["Gemm", "GreaterOrEqual", "Cast"]),
        ]
        for (act, ops) in expected {
            for type in [ONNXElementType.double, .float] {
                XCTAssertEqual(try export([act], type: type).ops, ops, "\(act) in \(type.name)")
            }
        }
        XCTAssertEqual(try export([.gelu], type: .float).ops, ["Gemm", "Mul", "Erf", "Add", "Mul", "Mul"])
        // A hidden linear layer adds no node: the next Gemm reads its z.
        let (_, graph, ops) = try export([.linear, .sigmoid], type: .double)
        XCTAssertEqual(ops, ["Gemm", "Gemm", "Sigmoid"])
        XCTAssertEqual(try graph.messages(1)[1].strings(1).first, "layers.0.z")
    }

    func testConstantsAreTensorsOfTheGraphsType() throws {
        for (type, code, bytes) in [(ONNXElementType.double, 11, withUnsafeBytes(of: (0.01).bitPattern.littleEndian, Array.init)),
                                    (.float, 1, withUnsafeBytes(of: Float(0.01).bitPattern.littleEndian, Array.init))] {
            let (_, graph, _) = try export([.leakyRelu, .leakyRelu], type: type)
            let slopes = try graph.messages(5).filter { $0.string(8) == "const.leaky_relu_slope" }
            XCTAssertEqual(slopes.count, 1, "one shared constant")
            XCTAssertEqual(slopes[0].int(2), code)
            XCTAssertNil(slopes[0].varints[1], "a scalar: no dims")
            XCTAssertEqual(slopes[0].bytes[9]?.first, bytes)
            let cast = try export([.step], type: type).graph.messages(1).last
            XCTAssertEqual(try cast?.messages(5).first?.int(3), code, "Cast to the graph's type")
        }
    }

    func testGeluInDoubleIsAnErrorThatSuggestsFloat() throws {
        XCTAssertThrowsError(try export([.tanh, .gelu], type: .double)) {
            XCTAssertEqual(($0 as? NeuralError)?.message,
                           "save: layer 1 uses gelu, which onnxruntime cannot run in DOUBLE (its Erf operator has only a FLOAT kernel); save with dtype: \"f32\" for a FLOAT model")
        }
    }
}

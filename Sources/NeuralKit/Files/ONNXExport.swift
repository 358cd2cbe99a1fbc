// A network as an ONNX model (docs/interop.md), for onnxruntime, Netron and the tools after them:
// input `x` of shape [batch, n_in] (a symbolic batch size), per layer one Gemm with transB = 1 —
// z = x Wᵀ + b with W kept out × in, as nns and torch.nn.Linear store it — and the layer's
// transfer function as standard operators (ONNXTransfer.swift), output `y` of shape
// [batch, n_out]. Opset 13, IR version 7; DOUBLE by default, FLOAT on request.
import TensorKit

/// Writing networks as ONNX models.
public enum ONNXExport {
    /// The ONNX operator set the graph is written against.
    public static let opset = 13
    /// The IR version that goes with opset 13.
    public static let irVersion = 7
    /// A protobuf message must stay under 2 GiB.
    static let maxBytes = Int(Int32.max)

    /// The bytes of an ONNX model computing `network` in `type`.
    public static func encode(_ network: Network, type: ONNXElementType) throws -> [UInt8] {
        let size = type == .double ? 8 : 4
        guard network.parameterCount <= (maxBytes - 65536) / size else {
            throw NeuralError.onnxTooLarge(parameters: network.parameterCount, type: type)
        }
        var graph = ONNXGraphBuilder(type: type)
        var current = "x"
        let last = network.layers.count - 1
        for (i, layer) in network.layers.enumerated() {
            let w = graph.initializer("layers.\(i).weight", layer.weight.value)
            let b = graph.initializer("layers.\(i).bias", layer.bias.value)
            let z = i == last && layer.activation == .linear ? "y" : "layers.\(i).z"
            graph.node("Gemm", "layers.\(i).gemm", [current, w, b], z, attributes: [("transB", 1)])
            current = try graph.transfer(layer.activation, layer: i, input: z, output: i == last ? "y" : "layers.\(i).a")
        }
        let acts = network.layers.map(\.activation.name)
        let sizes = ([network.inputs] + network.layers.map(\.outputs)).map(String.init).joined(separator: " → ")
        let doc = "Written by nns \(NNSRelease.version): a network \(sizes) (\(acts.joined(separator: ", "))); "
            + "input x [batch, \(network.inputs)], output y [batch, \(network.outputs)], \(type.name)."
        let proto = ONNXProto.graph(
            name: "nns network", nodes: graph.nodes, initializers: graph.initializers,
            inputs: [ONNXProto.valueInfo("x", type: type, shape: [.symbol("batch"), .value(network.inputs)])],
            outputs: [ONNXProto.valueInfo("y", type: type, shape: [.symbol("batch"), .value(network.outputs)])],
            doc: doc)
        let metadata = acts.enumerated().map { ("nns.layers.\($0.offset).act", $0.element) }
        let model = ONNXProto.model(irVersion: irVersion, opset: opset, producer: "nns", version: NNSRelease.version,
                                    doc: doc, graph: proto, metadata: metadata)
        guard model.bytes.count <= maxBytes else {
            throw NeuralError.onnxTooLarge(parameters: network.parameterCount, type: type)
        }
        return model.bytes
    }

    /// Writes `network` to `path` as an ONNX model of `type`, atomically.
    public static func write(_ network: Network, to path: String, type: ONNXElementType) throws {
        try ModelFile.writeAtomically(try encode(network, type: type), to: path)
    }
}

extension NeuralError {
    /// A network whose weights would pass protobuf's 2 GiB limit on one message.
    static func onnxTooLarge(parameters: Int, type: ONNXElementType) -> NeuralError {
        NeuralError("save: a network of \(parameters) parameters is too large for an ONNX file in \(type.name) (protobuf's 2 GiB limit); save it as .safetensors")
    }
    /// A transfer function that onnxruntime has no DOUBLE kernel for.
    static func onnxNoDouble(_ act: Activation, layer: Int, missing op: String) -> NeuralError {
        NeuralError("save: layer \(layer) uses \(act.name), which onnxruntime cannot run in DOUBLE (its \(op) operator has only a FLOAT kernel); save with dtype: \"f32\" for a FLOAT model")
    }
}

/// The nodes and initializers of a graph being built, with its shared scalar constants.
struct ONNXGraphBuilder {
    let type: ONNXElementType
    private(set) var nodes: [ProtobufMessage] = []
    private(set) var initializers: [ProtobufMessage] = []
    private var constants: [String: String] = [:]

    init(type: ONNXElementType) { self.type = type }

    /// Adds a weight tensor; gives its name.
    mutating func initializer(_ name: String, _ t: Tensor) -> String {
        initializers.append(ONNXProto.tensor(name, shape: t.shape, values: t.storage, type: type))
        return name
    }

    /// The name of a scalar constant `value` of the graph's element type, added on first use.
    mutating func constant(_ name: String, _ value: Double) -> String {
        if let existing = constants[name] { return existing }
        let full = "const.\(name)"
        initializers.append(ONNXProto.tensor(full, shape: [], values: [value], type: type))
        constants[name] = full
        return full
    }

    /// Adds a node with one output.
    mutating func node(_ op: String, _ name: String, _ inputs: [String], _ output: String,
                       attributes: [(String, Int)] = []) {
        nodes.append(ONNXProto.node(op, name: name, inputs: inputs, outputs: [output], attributes: attributes))
    }
}

// The ONNX messages (onnx.proto) that an exported network uses, each built from its fields by
// number: ModelProto → GraphProto → NodeProto (with AttributeProto), TensorProto for weights
// and constants, ValueInfoProto (TypeProto.Tensor with a TensorShapeProto) for input and output.
import TensorKit

/// ONNX element types (TensorProto.DataType).
public enum ONNXElementType: Sendable {
    /// FLOAT: 32-bit, what most ONNX tools expect.
    case float
    /// DOUBLE: 64-bit, nns's own precision.
    case double

    /// The DataType number.
    var code: Int {
        switch self {
        case .float: return 1
        case .double: return 11
        }
    }

    /// The name ONNX tools show.
    public var name: String {
        switch self {
        case .float: return "FLOAT"
        case .double: return "DOUBLE"
        }
    }
}

/// Builders for the ONNX messages, field numbers from onnx.proto.
enum ONNXProto {
    /// A dimension of a tensor shape: a size, or a name standing for any size (`batch`).
    enum Dimension {
        case value(Int)
        case symbol(String)
    }


    /// TensorProto: dims (1), data_type (2), name (8), raw_data (9, little-endian elements).
    static func tensor(_ name: String, shape: [Int], values: [Double], type: ONNXElementType) -> ProtobufMessage {
        var m = ProtobufMessage()
        for d in shape { m.int(1, d) }
        m.int(2, type.code)
        m.string(8, name)
        m.data(9, Tensor.littleEndianBytes(values, float32: type == .float))
        return m
    }

    /// NodeProto: input (1), output (2), name (3), op_type (4), attribute (5), integer-valued.
    static func node(_ op: String, name: String, inputs: [String], outputs: [String],
                     attributes: [(String, Int)] = []) -> ProtobufMessage {
        var m = ProtobufMessage()
        for i in inputs { m.string(1, i) }
        for o in outputs { m.string(2, o) }
        m.string(3, name)
        m.string(4, op)
        for (key, value) in attributes {
            // AttributeProto: name (1), i (3), type (20) = INT (2). Only integer attributes are
            // written: ONNX's float attributes are 32-bit, so constants go in as tensors instead.
            var a = ProtobufMessage()
            a.string(1, key)
            a.int(3, value)
            a.int(20, 2)
            m.message(5, a)
        }
        return m
    }

    /// ValueInfoProto name (1), type (2) → TypeProto tensor_type (1) → elem_type (1), shape (2)
    /// → TensorShapeProto dim (1) → dim_value (1) | dim_param (2).
    static func valueInfo(_ name: String, type: ONNXElementType, shape: [Dimension]) -> ProtobufMessage {
        var dims = ProtobufMessage()
        for d in shape {
            var dim = ProtobufMessage()
            switch d {
            case .value(let n): dim.int(1, n)
            case .symbol(let s): dim.string(2, s)
            }
            dims.message(1, dim)
        }
        var tensorType = ProtobufMessage()
        tensorType.int(1, type.code)
        tensorType.message(2, dims)
        var typeProto = ProtobufMessage()
        typeProto.message(1, tensorType)
        var m = ProtobufMessage()
        m.string(1, name)
        m.message(2, typeProto)
        return m
    }

    /// GraphProto: node (1), name (2), initializer (5), doc_string (10), input (11), output (12).
    static func graph(name: String, nodes: [ProtobufMessage], initializers: [ProtobufMessage],
                      inputs: [ProtobufMessage], outputs: [ProtobufMessage], doc: String) -> ProtobufMessage {
        var m = ProtobufMessage()
        for n in nodes { m.message(1, n) }
        m.string(2, name)
        for t in initializers { m.message(5, t) }
        m.string(10, doc)
        for i in inputs { m.message(11, i) }
        for o in outputs { m.message(12, o) }
        return m
    }

    /// ModelProto: ir_version (1), producer_name (2), producer_version (3), doc_string (6),
    /// graph (7), opset_import (8) → OperatorSetIdProto version (2) of the default domain,
    /// metadata_props (14) → StringStringEntryProto key (1), value (2).
    static func model(irVersion: Int, opset: Int, producer: String, version: String, doc: String,
                      graph: ProtobufMessage, metadata: [(String, String)]) -> ProtobufMessage {
        var m = ProtobufMessage()
        m.int(1, irVersion)
        m.string(2, producer)
        m.string(3, version)
        m.string(6, doc)
        m.message(7, graph)
        var opsetID = ProtobufMessage()
        opsetID.int(2, opset)
        m.message(8, opsetID)
        for (key, value) in metadata {
            var entry = ProtobufMessage()
            entry.string(1, key)
            entry.string(2, value)
            m.message(14, entry)
        }
        return m
    }
}

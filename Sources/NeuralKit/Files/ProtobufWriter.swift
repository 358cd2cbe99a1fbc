// The Protocol Buffers wire format, the few parts an ONNX file needs, written directly: each
// field is a key — (field number << 3) | wire type, as a varint — then its value: a varint
// (wire type 0: ints, enums) or a length-delimited run (type 2: strings, bytes, nested messages)
// whose byte count is a varint before it.

/// One protobuf message being written, field by field.
struct ProtobufMessage {
    /// The encoded fields so far.
    private(set) var bytes: [UInt8] = []

    /// The wire types used here.
    private enum WireType: UInt64 {
        case varint = 0, lengthDelimited = 2
    }

    private mutating func key(_ field: Int, _ type: WireType) {
        appendVarint(UInt64(field) << 3 | type.rawValue)
    }

    /// Seven bits at a time, low bits first, the high bit of each byte set while more follow.
    private mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// An int64, int32 or enum field; negative values take ten bytes (two's complement), as
    /// protobuf encodes them.
    mutating func int(_ field: Int, _ value: Int) {
        key(field, .varint)
        appendVarint(UInt64(bitPattern: Int64(value)))
    }

    /// A string field (UTF-8).
    mutating func string(_ field: Int, _ value: String) {
        data(field, Array(value.utf8))
    }

    /// A bytes field.
    mutating func data(_ field: Int, _ value: [UInt8]) {
        key(field, .lengthDelimited)
        appendVarint(UInt64(value.count))
        bytes += value
    }

    /// A nested message field.
    mutating func message(_ field: Int, _ value: ProtobufMessage) {
        data(field, value.bytes)
    }
}

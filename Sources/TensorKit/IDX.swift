// The IDX format of the MNIST files: two zero bytes, a type byte (0x08 ubyte, 0x09 byte,
// 0x0B short, 0x0C int, 0x0D float, 0x0E double), the number of dimensions, each dimension as a
// big-endian 32-bit number, then the big-endian elements.

/// Reading IDX (MNIST-style) files.
public enum IDX {
    /// Reads a tensor from an IDX file; malformed files are errors, never crashes.
    public static func read(_ path: String) throws -> Tensor {
        try decode(FileIO.read(path, "load_idx"), name: path)
    }

    /// A tensor from IDX bytes; `name` is used in messages.
    public static func decode(_ bytes: [UInt8], name: String) throws -> Tensor {
        func bad(_ why: String) -> TensorError { TensorError("load_idx: '\(name)' is not a valid IDX file (\(why))") }
        guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 else { throw bad("it does not start with two zero bytes") }
        let format: ElementFormat
        switch bytes[2] {
        case 0x08: format = ElementFormat(kind: .unsigned, size: 1, bigEndian: true)
        case 0x09: format = ElementFormat(kind: .signed, size: 1, bigEndian: true)
        case 0x0B: format = ElementFormat(kind: .signed, size: 2, bigEndian: true)
        case 0x0C: format = ElementFormat(kind: .signed, size: 4, bigEndian: true)
        case 0x0D: format = ElementFormat(kind: .float, size: 4, bigEndian: true)
        case 0x0E: format = ElementFormat(kind: .float, size: 8, bigEndian: true)
        default: throw bad("unknown element type 0x\(String(bytes[2], radix: 16))")
        }
        let rank = Int(bytes[3])
        let dataStart = 4 + 4 * rank
        guard bytes.count >= dataStart else { throw bad("the header is truncated") }
        let shape = (0..<rank).map { d in
            (0..<4).reduce(0) { $0 << 8 | Int(bytes[4 + 4 * d + $1]) }
        }
        // The bytes must be there before the size limit is even considered.
        var count = 1
        for d in shape {
            let (c, o) = count.multipliedReportingOverflow(by: d)
            guard !o else { throw bad("the shape \(shape) is impossibly large") }
            count = c
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: format.size)
        guard !overflow, needed <= bytes.count - dataStart else {
            throw bad("the data is truncated: \(shape) needs \(needed) bytes, the file has \(bytes.count - dataStart)")
        }
        _ = try Tensor.checkedCount(shape)
        let values = bytes.withUnsafeBytes { p in
            format.decode(p.baseAddress.unsafelyUnwrapped + dataStart, count: count)
        }
        return Tensor(shape: shape, storage: values)
    }

    /// IDX bytes of a tensor as doubles (type 0x0E), for tests and for writing data sets.
    public static func encode(_ tensor: Tensor) throws -> [UInt8] {
        guard tensor.rank <= 255, tensor.shape.allSatisfy({ $0 <= Int(UInt32.max) }) else {
            throw TensorError("save_idx: the shape \(tensor.shape) cannot be stored in an IDX file")
        }
        var out: [UInt8] = [0, 0, 0x0E, UInt8(tensor.rank)]
        for d in tensor.shape { out += (0..<4).map { UInt8(truncatingIfNeeded: d >> (8 * (3 - $0))) } }
        for x in tensor.storage { out += (0..<8).map { UInt8(truncatingIfNeeded: x.bitPattern >> (8 * (7 - $0))) } }
        return out
    }
}

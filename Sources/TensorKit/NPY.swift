// NumPy's .npy format: a magic string, a version, a Python-dict header
// (`{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`) padded to 64 bytes, then the
// raw elements. Writes `<f8` in C order; reads f8 f4 i8 i4 i2 i1 u8 u4 u2 u1 b1 in either byte
// order and either memory order. Every size is checked against the file before allocating.

import Foundation

/// Reading and writing NumPy .npy files.
public enum NPY {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"

    /// Writes `tensor` to `path` atomically (temporary file, then rename).
    public static func write(_ tensor: Tensor, to path: String) throws {
        try FileIO.write(encode(tensor), to: path, "save")
    }

    /// Reads a tensor from `path`; malformed files are errors, never crashes. Little-endian
    /// float64 data in C order (what `numpy.save` and nns write) goes straight from the file into
    /// the tensor's storage, so loading a data set holds one copy of it, not two.
    public static func read(_ path: String) throws -> Tensor {
        let file = try FileIO.Reader(path, "load")
        let prefix = try file.bytes(at: 0, count: min(file.size, 12))
        let headerEnd = try headerLength(prefix, name: path)
        let head = try file.bytes(at: 0, count: headerEnd)
        let layout = try parseHeader(head, fileSize: file.size, name: path)
        guard layout.format.kind == .float, layout.format.size == 8, !layout.format.bigEndian,
              !(layout.fortranOrder && layout.shape.count > 1) else {
            return try decode(file.bytes(at: 0, count: file.size), name: path)
        }
        var values = [Double](repeating: 0, count: layout.count)
        try values.withUnsafeMutableBytes { raw in
            try file.read(into: raw, at: layout.dataStart)
        }
        #if _endian(big)
        for i in values.indices { values[i] = Double(bitPattern: UInt64(littleEndian: values[i].bitPattern)) }
        #endif
        return Tensor(shape: layout.shape, storage: values)
    }

    /// The .npy bytes of a tensor (version 1.0, or 2.0 for a header past 64 KiB).
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        let dims = tensor.shape.map(String.init)
        let shapeText = dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.joined(separator: ", ") + ")"
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shapeText), }"
        // magic (6) + version (2) + length (2 or 4) + header + "\n" is a multiple of 64.
        var lengthBytes = 2
        if header.utf8.count + 11 > 65535 { lengthBytes = 4 }
        let unpadded = 8 + lengthBytes + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out = magic
        out += lengthBytes == 2 ? [1, 0] : [2, 0]
        let n = header.utf8.count
        for i in 0..<lengthBytes { out.append(UInt8(truncatingIfNeeded: n >> (8 * i))) }
        out += Array(header.utf8)
        out.reserveCapacity(out.count + 8 * tensor.count)
        for x in tensor.storage {
            let bits = x.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { out += $0 }
        }
        return out
    }

    /// Where an .npy file's data starts, given at least its first 12 bytes.
    static func headerLength(_ bytes: [UInt8], name: String) throws -> Int {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw bad("no NumPy magic string", name) }
        switch bytes[6] {
        case 1:
            return 10 + (Int(bytes[8]) | Int(bytes[9]) << 8)
        case 2, 3:
            guard bytes.count >= 12 else { throw bad("truncated header", name) }
            return 12 + (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        default:
            throw bad("unknown version \(bytes[6])", name)
        }
    }

    /// What an .npy header says, checked against the file's size before anything is allocated.
    struct Layout {
        var format: ElementFormat
        var fortranOrder: Bool
        var shape: [Int]
        var count: Int
        var dataStart: Int
    }

    /// Parses the header in `bytes` (the file's first `headerLength` bytes or more).
    static func parseHeader(_ bytes: [UInt8], fileSize: Int, name: String) throws -> Layout {
        let dataStart = try headerLength(bytes, name: name)
        let start = bytes[6] == 1 ? 10 : 12
        guard dataStart <= bytes.count, dataStart <= fileSize else { throw bad("truncated header", name) }
        guard let header = String(bytes: bytes[start..<dataStart], encoding: .utf8) else {
            throw bad("header is not text", name)
        }
        let fields = try NPYHeader.parse(header) { bad($0, name) }
        let format = try ElementFormat(descr: fields.descr, name: name)
        // The bytes must be there before the size limit is even considered.
        var count = 1
        for d in fields.shape {
            let (c, o) = count.multipliedReportingOverflow(by: d)
            guard !o else { throw bad("the shape \(fields.shape) is impossibly large", name) }
            count = c
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: format.size)
        guard !overflow, needed <= fileSize - dataStart else {
            throw bad("the data is truncated: \(fields.shape) needs \(needed) bytes, the file has \(fileSize - dataStart)", name)
        }
        _ = try Tensor.checkedCount(fields.shape)
        return Layout(format: format, fortranOrder: fields.fortranOrder, shape: fields.shape,
                      count: count, dataStart: dataStart)
    }

    /// A tensor from .npy bytes; `name` is used in messages.
    public static func decode(_ bytes: [UInt8], name: String) throws -> Tensor {
        let layout = try parseHeader(bytes, fileSize: bytes.count, name: name)
        let values = bytes.withUnsafeBufferPointer { p in
            layout.format.decode(UnsafeRawBufferPointer(p).baseAddress.unsafelyUnwrapped + layout.dataStart,
                                 count: layout.count)
        }
        if layout.fortranOrder && layout.shape.count > 1 {
            // Column-major data is the row-major data of the reversed shape, transposed.
            let reversed = Tensor(shape: layout.shape.reversed(), storage: values)
            return reversed.transposed()
        }
        return Tensor(shape: layout.shape, storage: values)
    }

    private static func bad(_ why: String, _ name: String) -> TensorError {
        TensorError("load: '\(name)' is not a valid .npy file (\(why))")
    }
}

/// The three fields of an .npy header.
struct NPYHeader {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    /// Parses `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }` (any key order).
    static func parse(_ text: String, _ bad: (String) -> TensorError) throws -> NPYHeader {
        func value(of key: String) throws -> Substring {
            guard let k = text.range(of: "'\(key)'") ?? text.range(of: "\"\(key)\""),
                  let colon = text[k.upperBound...].firstIndex(of: ":") else {
                throw bad("the header has no '\(key)'")
            }
            return text[text.index(after: colon)...].drop { $0 == " " }
        }
        let d = try value(of: "descr")
        guard let quote = d.first, quote == "'" || quote == "\"",
              let end = d.dropFirst().firstIndex(of: quote) else { throw bad("bad 'descr'") }
        let descr = String(d[d.index(after: d.startIndex)..<end])
        let f = try value(of: "fortran_order")
        let fortran: Bool
        if f.hasPrefix("True") { fortran = true } else if f.hasPrefix("False") { fortran = false } else {
            throw bad("bad 'fortran_order'")
        }
        let s = try value(of: "shape")
        guard s.first == "(", let close = s.firstIndex(of: ")") else { throw bad("bad 'shape'") }
        let inner = s[s.index(after: s.startIndex)..<close]
        var shape: [Int] = []
        for part in inner.split(separator: ",") {
            let t = part.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "L", with: "")
            if t.isEmpty { continue }
            guard let n = Int(t), n >= 0 else { throw bad("bad dimension '\(t)' in 'shape'") }
            shape.append(n)
        }
        guard shape.count <= 64 else { throw bad("too many dimensions") }
        return NPYHeader(descr: descr, fortranOrder: fortran, shape: shape)
    }
}

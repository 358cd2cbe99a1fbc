// The binary element types the file readers understand (NumPy descr codes and IDX type bytes),
// decoded from raw bytes in either byte order into Doubles.

/// A binary element type: kind, size in bytes and byte order.
struct ElementFormat {
    enum Kind { case float, signed, unsigned, bool }
    let kind: Kind
    let size: Int
    let bigEndian: Bool

    init(kind: Kind, size: Int, bigEndian: Bool) {
        self.kind = kind
        self.size = size
        self.bigEndian = bigEndian
    }

    /// From a NumPy descr such as `<f8`, `>i4`, `|u1`, `|b1`.
    init(descr: String, name: String) throws {
        let chars = Array(descr)
        func unsupported() -> TensorError {
            TensorError("load: '\(name)' holds elements of type '\(descr)', which nns cannot read (it reads float, int, uint and bool of 1 to 8 bytes)")
        }
        guard chars.count == 3, let size = Int(String(chars[2])) else { throw unsupported() }
        let big: Bool
        switch chars[0] {
        case "<", "=": big = false
        case ">": big = true
        case "|": guard size == 1 else { throw unsupported() }; big = false
        default: throw unsupported()
        }
        switch (chars[1], size) {
        case ("f", 4), ("f", 8): kind = .float
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
        case ("b", 1): kind = .bool
        default: throw unsupported()
        }
        self.size = size
        self.bigEndian = big
    }

    /// `count` elements starting at `base` (the caller checked the bytes are there).
    func decode(_ base: UnsafeRawPointer, count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        #if _endian(little)
        if kind == .float && size == 8 && !bigEndian {
            // Native doubles: one copy.
            out.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: count * 8)) }
            return out
        }
        #endif
        for i in 0..<count {
            // Assemble the element's bits as an unsigned integer in the file's byte order.
            var bits: UInt64 = 0
            let p = base + i * size
            if bigEndian {
                for b in 0..<size { bits = bits << 8 | UInt64(p.load(fromByteOffset: b, as: UInt8.self)) }
            } else {
                for b in stride(from: size - 1, through: 0, by: -1) {
                    bits = bits << 8 | UInt64(p.load(fromByteOffset: b, as: UInt8.self))
                }
            }
            out[i] = value(bits)
        }
        return out
    }

    private func value(_ bits: UInt64) -> Double {
        switch kind {
        case .float:
            return size == 8 ? Double(bitPattern: bits) : Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .unsigned:
            return Double(bits)
        case .bool:
            return bits != 0 ? 1 : 0
        case .signed:
            // Sign-extend from `size` bytes.
            let shift = UInt64(64 - 8 * size)
            return Double(Int64(bitPattern: bits << shift) >> Int64(shift))
        }
    }
}

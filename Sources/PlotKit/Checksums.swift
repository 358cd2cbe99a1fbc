// The two checksums a PNG file needs: CRC-32 (ISO-HDLC, polynomial 0xEDB88320 reflected) over
// each chunk, and Adler-32 over the uncompressed bytes of the zlib stream.

/// CRC-32 as PNG and zlib define it.
public enum CRC32 {
    /// table[n] = the CRC of the single byte n, by eight shift-and-xor steps.
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 {
            c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1
        }
        return c
    }

    /// The CRC of `bytes`, continuing from `crc` (start: 0).
    public static func checksum<S: Sequence>(_ bytes: S, continuing crc: UInt32 = 0) -> UInt32 where S.Element == UInt8 {
        var c = crc ^ 0xFFFF_FFFF
        for b in bytes {
            c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8)
        }
        return c ^ 0xFFFF_FFFF
    }
}

/// Adler-32: a = 1 + Σ bytes, b = Σ a after each byte, both mod 65521; the sum is b·2¹⁶ + a.
public enum Adler32 {
    /// The Adler-32 of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        let modulus: UInt32 = 65521
        var a: UInt32 = 1, b: UInt32 = 0
        // 5552 bytes is the most that can be summed before b could overflow 32 bits.
        var i = 0
        bytes.withUnsafeBufferPointer { p in
            while i < p.count {
                let end = min(p.count, i + 5552)
                while i < end {
                    a &+= UInt32(p[i])
                    b &+= a
                    i += 1
                }
                a %= modulus
                b %= modulus
            }
        }
        return (b << 16) | a
    }
}

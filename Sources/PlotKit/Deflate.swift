// Deflate (RFC 1951) and its zlib wrapper (RFC 1950), written for PNG: LZ77 matching with a hash
// chain, coded with the fixed Huffman table — no zlib dependency. Plots are mostly background, so
// long matches make the files small; stored (uncompressed) blocks are kept for tests.

/// The deflate encoder.
public enum Deflate {
    /// How the data is coded.
    public enum Mode { case stored, fixedHuffman }

    /// A zlib stream: header 78 01, the deflate blocks, the Adler-32 of `data` (big-endian).
    public static func zlib(_ data: [UInt8], mode: Mode = .fixedHuffman) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        switch mode {
        case .stored: out += stored(data)
        case .fixedHuffman: out += fixedHuffman(data)
        }
        let adler = Adler32.checksum(data)
        out += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return out
    }

    /// Stored blocks of at most 65,535 bytes: BFINAL/BTYPE=00 byte, LEN, ~LEN, the bytes.
    public static func stored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 65535 * 5 + 5)
        var start = 0
        repeat {
            let end = min(data.count, start + 65535)
            let length = UInt16(end - start)
            out.append(end == data.count ? 1 : 0)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            out += data[start..<end]
            start = end
        } while start < data.count
        return out
    }

    // Length codes 257…285: base lengths and extra bits (RFC 1951 §3.2.5).
    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
                                    59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
                                     5, 5, 5, 5, 0]
    // Distance codes 0…29.
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
                                      513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
                                       10, 11, 11, 12, 12, 13, 13]

    /// One final block coded with the fixed Huffman table; matches found by a hash chain over
    /// 3-byte prefixes (window 32 KiB, up to 32 candidates, greedy).
    public static func fixedHuffman(_ data: [UInt8]) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)   // BFINAL
        bits.write(1, count: 2)   // BTYPE = 01, fixed Huffman
        let window = 32768, maxChain = 32, hashSize = 1 << 15
        var head = [Int](repeating: -1, count: hashSize)
        var previous = [Int](repeating: -1, count: window)
        data.withUnsafeBufferPointer { p in
            let n = p.count
            func hash(_ i: Int) -> Int {
                (Int(p[i]) << 10 ^ Int(p[i + 1]) << 5 ^ Int(p[i + 2])) & (hashSize - 1)
            }
            func insert(_ i: Int) {
                guard i + 2 < n else { return }
                let h = hash(i)
                previous[i % window] = head[h]
                head[h] = i
            }
            var i = 0
            while i < n {
                var bestLength = 0, bestDistance = 0
                if i + 2 < n {
                    var candidate = head[hash(i)]
                    var chain = 0
                    let limit = min(258, n - i)
                    while candidate >= 0, i - candidate <= window - 1, chain < maxChain {
                        var length = 0
                        while length < limit && p[candidate + length] == p[i + length] { length += 1 }
                        if length > bestLength {
                            bestLength = length
                            bestDistance = i - candidate
                            if length == limit { break }
                        }
                        let next = previous[candidate % window]
                        // Older entries only: a slot overwritten by a newer position ends the chain.
                        guard next < candidate else { break }
                        candidate = next
                        chain += 1
                    }
                }
                if bestLength >= 3 {
                    writeLength(bestLength, &bits)
                    writeDistance(bestDistance, &bits)
                    for j in i..<(i + bestLength) { insert(j) }
                    i += bestLength
                } else {
                    writeSymbol(Int(p[i]), &bits)
                    insert(i)
                    i += 1
                }
            }
        }
        writeSymbol(256, &bits)
        return bits.finish()
    }

    /// The fixed Huffman code of literal/length symbol s: 0–143 → 8 bits from 0x30, 144–255 →
    /// 9 bits from 0x190, 256–279 → 7 bits from 0, 280–287 → 8 bits from 0xC0.
    static func writeSymbol(_ s: Int, _ bits: inout BitWriter) {
        switch s {
        case 0...143: bits.writeCode(UInt32(0x30 + s), count: 8)
        case 144...255: bits.writeCode(UInt32(0x190 + s - 144), count: 9)
        case 256...279: bits.writeCode(UInt32(s - 256), count: 7)
        default: bits.writeCode(UInt32(0xC0 + s - 280), count: 8)
        }
    }

    static func writeLength(_ length: Int, _ bits: inout BitWriter) {
        var code = lengthBase.count - 1
        while lengthBase[code] > length { code -= 1 }
        writeSymbol(257 + code, &bits)
        bits.write(UInt32(length - lengthBase[code]), count: lengthExtra[code])
    }

    static func writeDistance(_ distance: Int, _ bits: inout BitWriter) {
        var code = distanceBase.count - 1
        while distanceBase[code] > distance { code -= 1 }
        bits.writeCode(UInt32(code), count: 5)
        bits.write(UInt32(distance - distanceBase[code]), count: distanceExtra[code])
    }
}

/// Packs bits least-significant first, as deflate stores them.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt32 = 0
    private var used = 0

    /// Writes the low `count` bits of `value`, least significant first (extra bits, headers).
    mutating func write(_ value: UInt32, count: Int) {
        guard count > 0 else { return }
        buffer |= (value & ((1 << UInt32(count)) - 1)) << UInt32(used)
        used += count
        while used >= 8 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer >>= 8
            used -= 8
        }
    }

    /// Writes a Huffman code, whose bits go most significant first.
    mutating func writeCode(_ code: UInt32, count: Int) {
        var reversed: UInt32 = 0
        for k in 0..<count where code & (1 << UInt32(count - 1 - k)) != 0 {
            reversed |= 1 << UInt32(k)
        }
        write(reversed, count: count)
    }

    /// The bytes, the last one padded with zero bits.
    mutating func finish() -> [UInt8] {
        if used > 0 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer = 0
            used = 0
        }
        return bytes
    }
}

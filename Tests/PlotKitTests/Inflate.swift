// A small inflater for the tests: decodes the zlib streams PlotKit writes (stored and fixed-Huffman
// blocks) so PNG pixels can be compared without any outside library.
@testable import PlotKit

struct InflateError: Error { let message: String }

/// Decodes a zlib stream; checks the header and the Adler-32.
func zlibDecode(_ data: [UInt8]) throws -> [UInt8] {
    guard data.count >= 6, data[0] & 0x0F == 8, (Int(data[0]) << 8 | Int(data[1])) % 31 == 0 else {
        throw InflateError(message: "bad zlib header")
    }
    var reader = BitReader(bytes: Array(data[2..<(data.count - 4)]))
    let out = try inflate(&reader)
    let tail = data.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    guard tail == Adler32.checksum(out) else { throw InflateError(message: "Adler-32 mismatch") }
    return out
}

struct BitReader {
    let bytes: [UInt8]
    var position = 0   // in bits
    mutating func bit() throws -> Int {
        guard position / 8 < bytes.count else { throw InflateError(message: "out of data") }
        let b = Int(bytes[position / 8] >> UInt8(position % 8)) & 1
        position += 1
        return b
    }
    mutating func bits(_ n: Int) throws -> Int {
        var v = 0
        for k in 0..<n { v |= try bit() << k }
        return v
    }
    mutating func alignToByte() { position = (position + 7) / 8 * 8 }
}

/// Reads one fixed-Huffman literal/length symbol, code bits most significant first.
private func fixedSymbol(_ r: inout BitReader) throws -> Int {
    var code = 0
    for length in 1...9 {
        code = code << 1 | (try r.bit())
        switch length {
        case 7 where code <= 0b0010111: return 256 + code
        case 8 where (0x30...0xBF).contains(code): return code - 0x30
        case 8 where (0xC0...0xC7).contains(code): return 280 + code - 0xC0
        case 9 where (0x190...0x1FF).contains(code): return 144 + code - 0x190
        default: continue
        }
    }
    throw InflateError(message: "bad fixed code")
}

func inflate(_ r: inout BitReader) throws -> [UInt8] {
    var out: [UInt8] = []
    var final = 0
    repeat {
        final = try r.bit()
        let type = try r.bits(2)
        switch type {
        case 0:
            r.alignToByte()
            let len = try r.bits(16), nlen = try r.bits(16)
            guard len ^ 0xFFFF == nlen else { throw InflateError(message: "bad LEN/NLEN") }
            for _ in 0..<len { out.append(UInt8(try r.bits(8))) }
        case 1:
            while true {
                let s = try fixedSymbol(&r)
                if s < 256 { out.append(UInt8(s)); continue }
                if s == 256 { break }
                let li = s - 257
                guard li < Deflate.lengthBase.count else { throw InflateError(message: "bad length code") }
                let length = Deflate.lengthBase[li] + (try r.bits(Deflate.lengthExtra[li]))
                var dcode = 0
                for _ in 0..<5 { dcode = dcode << 1 | (try r.bit()) }
                guard dcode < 30 else { throw InflateError(message: "bad distance code") }
                let distance = Deflate.distanceBase[dcode] + (try r.bits(Deflate.distanceExtra[dcode]))
                guard distance <= out.count else { throw InflateError(message: "distance too far") }
                for _ in 0..<length { out.append(out[out.count - distance]) }
            }
        default:
            throw InflateError(message: "unsupported block type \(type)")
        }
    } while final == 0
    return out
}

/// The chunks of a PNG file: (type, data), each CRC checked.
func pngChunks(_ file: [UInt8]) throws -> [(String, [UInt8])] {
    guard Array(file.prefix(8)) == PNG.signature else { throw InflateError(message: "bad signature") }
    var chunks: [(String, [UInt8])] = []
    var i = 8
    func u32(_ at: Int) -> Int { Int(file[at]) << 24 | Int(file[at + 1]) << 16 | Int(file[at + 2]) << 8 | Int(file[at + 3]) }
    while i + 12 <= file.count {
        let length = u32(i)
        guard i + 12 + length <= file.count else { throw InflateError(message: "chunk overruns file") }
        let typeBytes = Array(file[(i + 4)..<(i + 8)])
        let data = Array(file[(i + 8)..<(i + 8 + length)])
        let crc = UInt32(u32(i + 8 + length))
        guard crc == CRC32.checksum(typeBytes + data) else { throw InflateError(message: "CRC mismatch") }
        chunks.append((String(decoding: typeBytes, as: UTF8.self), data))
        i += 12 + length
    }
    guard i == file.count else { throw InflateError(message: "trailing bytes") }
    return chunks
}

/// Decodes a PLotKit PNG (filter 0 rows) into (width, height, channels, pixels).
func decodePNG(_ file: [UInt8]) throws -> (width: Int, height: Int, channels: Int, pixels: [UInt8]) {
    let chunks = try pngChunks(file)
    guard let ihdr = chunks.first, ihdr.0 == "IHDR", chunks.last?.0 == "IEND" else {
        throw InflateError(message: "IHDR first and IEND last expected")
    }
    let d = ihdr.1
    let width = Int(d[0]) << 24 | Int(d[1]) << 16 | Int(d[2]) << 8 | Int(d[3])
    let height = Int(d[4]) << 24 | Int(d[5]) << 16 | Int(d[6]) << 8 | Int(d[7])
    let channels = d[9] == 2 ? 3 : 1
    let raw = try zlibDecode(chunks.filter { $0.0 == "IDAT" }.flatMap { $0.1 })
    let stride = width * channels
    guard raw.count == (stride + 1) * height else { throw InflateError(message: "wrong data size") }
    var pixels: [UInt8] = []
    for y in 0..<height {
        guard raw[y * (stride + 1)] == 0 else { throw InflateError(message: "unexpected filter") }
        pixels += raw[(y * (stride + 1) + 1)..<((y + 1) * (stride + 1))]
    }
    return (width, height, channels, pixels)
}

// PNG encoding (8-bit grey or RGB, no interlace): signature, IHDR, one IDAT holding the zlib
// stream of the scanlines (each prefixed by filter type 0), IEND; every chunk with its CRC-32.

/// A PNG encoder for 8-bit images.
public enum PNG {
    /// The eight bytes every PNG file starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The channel layout of the pixels.
    public enum ColorType: UInt8 {
        case grey = 0
        case rgb = 2
        /// Bytes per pixel.
        public var channels: Int {
            switch self {
            case .grey: return 1
            case .rgb: return 3
            }
        }
    }

    /// The PNG file of a `width × height` image whose `pixels` are row-major, `channels` bytes each.
    public static func encode(width: Int, height: Int, colorType: ColorType, pixels: [UInt8],
                              mode: Deflate.Mode = .fixedHuffman) throws -> [UInt8] {
        guard width > 0, height > 0, width <= maximumPictureSide, height <= maximumPictureSide,
              width * height <= maximumPicturePixels else {
            throw PlotError("PNG: image size \(width)×\(height) is outside 1…\(maximumPictureSide) pixels a side")
        }
        let stride = width * colorType.channels
        guard pixels.count == stride * height else {
            throw PlotError("PNG: \(width)×\(height) needs \(stride * height) bytes, got \(pixels.count)")
        }
        var raw = [UInt8]()
        raw.reserveCapacity((stride + 1) * height)
        for y in 0..<height {
            raw.append(0)   // filter type 0: the row as it is
            raw += pixels[(y * stride)..<((y + 1) * stride)]
        }
        var ihdr: [UInt8] = []
        appendBigEndian(UInt32(width), to: &ihdr)
        appendBigEndian(UInt32(height), to: &ihdr)
        ihdr += [8, colorType.rawValue, 0, 0, 0]   // depth, colour type, deflate, filter set 0, no interlace
        var file = signature
        appendChunk("IHDR", ihdr, to: &file)
        appendChunk("IDAT", Deflate.zlib(raw, mode: mode), to: &file)
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// Length, type, data, CRC-32 of type and data.
    static func appendChunk(_ type: String, _ data: [UInt8], to file: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        appendBigEndian(UInt32(data.count), to: &file)
        file += typeBytes
        file += data
        appendBigEndian(CRC32.checksum(data, continuing: CRC32.checksum(typeBytes)), to: &file)
    }

    static func appendBigEndian(_ v: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}

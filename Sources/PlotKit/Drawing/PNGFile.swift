// PNGFile: 8-bit RGB pixels to and from PNG bytes through libpng's simplified API. Cairo's own
// PNG writer leaves libpng at its defaults (each row tried with every filter, zlib's default
// level), which took two thirds of a 640×400 plot's instructions; charts of flat colours and
// thin lines compress almost as well unfiltered at zlib level 3 (PNG_IMAGE_FLAG_FAST), far faster.
import CCairo

/// PNG encoding and decoding of RGB images.
public enum PNGFile {
    /// The PNG file of a `width × height` image whose `rgb` bytes are row-major, three a pixel.
    public static func encode(rgb: [UInt8], width: Int, height: Int) throws -> [UInt8] {
        try PictureLibraries.open()
        guard width > 0, height > 0, width <= maximumPictureSide, height <= maximumPictureSide,
              rgb.count == 3 * width * height else {
            throw PlotError("PNG: a \(width)×\(height) image needs \(3 * max(width, 0) * max(height, 0)) bytes, got \(rgb.count)")
        }
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(width)
        image.height = png_uint_32(height)
        image.format = png_uint_32(PNG_FORMAT_RGB)
        image.flags = png_uint_32(PNG_IMAGE_FLAG_FAST)
        // Room for the worst case (incompressible rows) plus the chunks; grown if libpng says so.
        var capacity = (3 * width + 1) * height + (3 * width + 1) * height / 100 + 4096
        for _ in 0..<2 {
            var out = [UInt8](repeating: 0, count: capacity)
            var size = png_alloc_size_t(capacity)
            let ok = out.withUnsafeMutableBytes { buffer in
                rgb.withUnsafeBytes { pixels in
                    png_image_write_to_memory(&image, buffer.baseAddress, &size, 0, pixels.baseAddress, 0, nil)
                }
            }
            if ok != 0 {
                out.removeLast(capacity - Int(size))
                return out
            }
            guard Int(size) > capacity else { break }
            capacity = Int(size)
            image.opaque = nil
            image.warning_or_error = 0
        }
        throw PlotError("PNG: cannot encode the picture: \(message(image))")
    }

    /// The pixels of a PNG file, converted to 8-bit RGB whatever its colour type (grey, palette,
    /// alpha composed on white). A damaged file is an error.
    public static func decode(_ bytes: [UInt8]) throws -> RGBImage {
        try PictureLibraries.open()
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw PlotError("PNG: cannot read the file: \(message(image))") }
        defer { png_image_free(&image) }
        let width = Int(image.width), height = Int(image.height)
        guard width > 0, height > 0, width <= maximumPictureSide, height <= maximumPictureSide else {
            throw PlotError("PNG: image size \(width)×\(height) is outside 1…\(maximumPictureSide) pixels a side")
        }
        image.format = png_uint_32(PNG_FORMAT_RGB)
        var result = RGBImage(width: width, height: height)
        var white = png_color(red: 255, green: 255, blue: 255)
        let finished = result.bytes.withUnsafeMutableBytes {
            png_image_finish_read(&image, &white, $0.baseAddress, 0, nil)
        }
        guard finished != 0 else { throw PlotError("PNG: cannot read the file: \(message(image))") }
        return result
    }

    /// libpng's message for the last failure.
    private static func message(_ image: png_image) -> String {
        var text = image.message
        return withUnsafeBytes(of: &text) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

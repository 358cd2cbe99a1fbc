// Raster: an RGB pixel image to draw charts on — pixels, rectangles, thick lines, small marks and
// text in the pixel font — and its PNG encoding.

/// An 8-bit RGB image, row-major, top row first.
public struct Raster {
    /// The size in pixels.
    public let width: Int
    public let height: Int
    /// r, g, b bytes of each pixel.
    public private(set) var bytes: [UInt8]

    /// An image filled with `background`; the size must be within PlotKit's limits.
    public init(width: Int, height: Int, background: RGB = .white) throws {
        guard width > 0, height > 0, width <= maximumPictureSide, height <= maximumPictureSide,
              width * height <= maximumPicturePixels else {
            throw PlotError("picture size \(width)×\(height) is outside 1…\(maximumPictureSide) pixels a side")
        }
        self.width = width
        self.height = height
        bytes = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            bytes[3 * i] = background.r
            bytes[3 * i + 1] = background.g
            bytes[3 * i + 2] = background.b
        }
    }

    /// The colour at (x, y); callers stay inside the image.
    public func pixel(_ x: Int, _ y: Int) -> RGB {
        let i = 3 * (y * width + x)
        return RGB(bytes[i], bytes[i + 1], bytes[i + 2])
    }

    /// Sets one pixel; outside the image nothing happens.
    public mutating func set(_ x: Int, _ y: Int, _ c: RGB) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = 3 * (y * width + x)
        bytes[i] = c.r
        bytes[i + 1] = c.g
        bytes[i + 2] = c.b
    }

    /// Fills the rectangle [x, x + w) × [y, y + h), clipped to the image.
    public mutating func fill(x: Int, y: Int, w: Int, h: Int, _ c: RGB) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for yy in y0..<y1 { for xx in x0..<x1 { set(xx, yy, c) } }
    }

    /// A line `thickness` pixels wide between two points (any finite coordinates; clipped).
    public mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double,
                              _ c: RGB, thickness: Int = 2) {
        let pad = Double(thickness)
        guard let (a, b) = clipSegment(x0 + pad, y0 + pad, x1 + pad, y1 + pad,
                                       xMax: Double(width - 1) + 2 * pad,
                                       yMax: Double(height - 1) + 2 * pad) else { return }
        var x = safeInt(a.0) - thickness, y = safeInt(a.1) - thickness
        let xe = safeInt(b.0) - thickness, ye = safeInt(b.1) - thickness
        let dx = abs(xe - x), dy = -abs(ye - y)
        let sx = x < xe ? 1 : -1, sy = y < ye ? 1 : -1
        var err = dx + dy
        let lo = -(thickness - 1) / 2
        while true {
            fill(x: x + lo, y: y + lo, w: thickness, h: thickness, c)
            if x == xe && y == ye { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// `text` in the pixel font with its top-left corner at (x, y), each font pixel `scale` wide.
    public mutating func text(_ text: String, x: Int, y: Int, _ c: RGB, scale: Int = 2) {
        var left = x
        for ch in text {
            let rows = PixelFont.glyph(ch)
            for (r, row) in rows.enumerated() {
                for (k, cell) in row.enumerated() where cell == "#" {
                    fill(x: left + k * scale, y: y + r * scale, w: scale, h: scale, c)
                }
            }
            left += (PixelFont.width + 1) * scale
        }
    }

    /// The image as a PNG file.
    public func png() throws -> [UInt8] {
        try PNG.encode(width: width, height: height, colorType: .rgb, pixels: bytes)
    }
}

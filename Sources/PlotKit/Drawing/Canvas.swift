// Canvas: the drawing surface every PNG picture is drawn on — antialiased lines, polylines,
// rectangles, circles, text in installed fonts, RGB images — drawn by Cairo, written as PNG by libpng.
// Coordinates are pixels from the top-left corner; a pixel's centre is at (x + 0.5, y + 0.5).
import CCairo

/// Where a text's anchor point sits along the text.
public enum TextAnchor: Sendable {
    case start, middle, end
}

/// Where a text's anchor point sits across the text.
public enum TextBaseline: Sendable {
    /// The anchor is at the top of the font's tallest letters.
    case top
    /// The anchor is halfway between the font's ascent and descent.
    case middle
    /// The anchor is on the baseline (letters stand on it).
    case alphabetic
    /// The anchor is at the font's descent (below the lowest letters).
    case bottom
}

/// An image of 8-bit RGB pixels, row-major, top row first, to draw on a canvas.
public struct RGBImage: Equatable, Sendable {
    /// The size in pixels.
    public let width: Int
    public let height: Int
    /// r, g, b bytes of each pixel (`3 × width × height` of them).
    public var bytes: [UInt8]
    /// An image filled with one colour; each side is kept within 0…`maximumPictureSide`.
    public init(width: Int, height: Int, fill: RGB = .white) {
        self.width = min(max(width, 0), maximumPictureSide)
        self.height = min(max(height, 0), maximumPictureSide)
        bytes = [UInt8](repeating: 0, count: 3 * self.width * self.height)
        for i in 0..<(self.width * self.height) {
            bytes[3 * i] = fill.r
            bytes[3 * i + 1] = fill.g
            bytes[3 * i + 2] = fill.b
        }
    }
    /// An image of these r, g, b bytes (`3 × width × height` of them; otherwise it stays white).
    public init(width: Int, height: Int, bytes: [UInt8]) {
        self.init(width: width, height: height)
        if bytes.count == self.bytes.count { self.bytes = bytes }
    }
    /// The colour of pixel (x, y) (white outside the image).
    public func pixel(_ x: Int, _ y: Int) -> RGB {
        guard x >= 0, y >= 0, x < width, y < height else { return .white }
        let i = 3 * (y * width + x)
        return RGB(bytes[i], bytes[i + 1], bytes[i + 2])
    }
    /// Sets pixel (x, y); outside the image nothing happens.
    public mutating func set(_ x: Int, _ y: Int, _ c: RGB) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = 3 * (y * width + x)
        bytes[i] = c.r
        bytes[i + 1] = c.g
        bytes[i + 2] = c.b
    }
}

/// A picture being drawn: a Cairo image surface and its drawing context.
public final class Canvas {
    /// The size in pixels.
    public let width: Int
    public let height: Int
    /// Characters of the labels drawn so far that no installed font has (drawn as boxes).
    public private(set) var charactersWithoutFont: [Character] = []
    /// True when some text was left out because fontconfig found no font at all.
    public private(set) var textLeftOut = false

    let surface: OpaquePointer
    let cr: OpaquePointer
    private let fonts = FontLibrary.shared

    /// A blank canvas of `background`; the size must be within PlotKit's limits.
    public init(width: Int, height: Int, background: RGB = .white) throws {
        guard width > 0, height > 0, width <= maximumPictureSide, height <= maximumPictureSide,
              width * height <= maximumPicturePixels else {
            throw PlotError("picture size \(width)×\(height) is outside 1…\(maximumPictureSide) pixels a side")
        }
        try PictureLibraries.open()
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw PlotError("cannot draw a \(width)×\(height) picture: out of memory")
        }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface),
              cairo_status(cr) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw PlotError("cannot draw a \(width)×\(height) picture: out of memory")
        }
        self.width = width
        self.height = height
        self.surface = surface
        self.cr = cr
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_GRAY)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        if let options = fonts.options { cairo_set_font_options(cr, options) }
        setColor(background)
        cairo_paint(cr)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    // MARK: shapes

    /// A straight line `width` pixels wide (round ends).
    public func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, color: RGB,
                     width: Double = 1, alpha: Double = 1) {
        polyline([(x0, y0), (x1, y1)], color: color, width: width, alpha: alpha)
    }

    /// Lines through `points` in order, with round joins; non-finite points are skipped over.
    public func polyline(_ points: [(Double, Double)], color: RGB, width: Double = 2, alpha: Double = 1) {
        guard !points.isEmpty else { return }
        cairo_new_path(cr)
        let (lo, hi) = safeBox
        if points.allSatisfy({ $0.0 >= lo && $0.0 <= hi && $0.1 >= lo && $0.1 <= hi }) {
            cairo_move_to(cr, points[0].0, points[0].1)
            // A lone point still shows: a zero-length segment with round caps is a dot.
            if points.count == 1 { cairo_line_to(cr, points[0].0, points[0].1) }
            for p in points.dropFirst() { cairo_line_to(cr, p.0, p.1) }
        } else {
            // Far-off or infinite points: each segment clipped to a box around the canvas, so
            // Cairo's fixed-point coordinates never overflow.
            var open = false
            for (p, q) in zip(points, points.dropFirst()) {
                guard let (a, b) = clipSegment(p.0 - lo, p.1 - lo, q.0 - lo, q.1 - lo,
                                               xMax: hi - lo, yMax: hi - lo) else { open = false; continue }
                if !open { cairo_move_to(cr, a.0 + lo, a.1 + lo) }
                cairo_line_to(cr, b.0 + lo, b.1 + lo)
                open = b.0 + lo == q.0 && b.1 + lo == q.1
            }
        }
        stroke(color, width: width, alpha: alpha)
    }

    /// Fills the rectangle with corner (x, y) and size w × h.
    public func fillRect(x: Double, y: Double, w: Double, h: Double, color: RGB, alpha: Double = 1) {
        guard let (x, y, w, h) = safeRect(x, y, w, h) else { return }
        cairo_new_path(cr)
        cairo_rectangle(cr, x, y, w, h)
        setColor(color, alpha: alpha)
        cairo_fill(cr)
    }

    /// Outlines the rectangle along its edges, as SVG strokes do (half the line inside, half
    /// outside): a 1-pixel outline of a rectangle at half-pixel coordinates covers whole pixels.
    public func strokeRect(x: Double, y: Double, w: Double, h: Double, color: RGB, width: Double = 1) {
        guard let (x, y, w, h) = safeRect(x, y, w, h) else { return }
        cairo_new_path(cr)
        cairo_rectangle(cr, x, y, w, h)
        // Square corners: a round join would leave the corner pixels partly covered.
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER)
        stroke(color, width: width, alpha: 1, cap: CAIRO_LINE_CAP_SQUARE)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
    }

    /// Many separate straight pieces of one colour (a contour line) stroked as one path.
    public func segments(_ pieces: [(Double, Double, Double, Double)], color: RGB, width: Double = 1, alpha: Double = 1) {
        guard !pieces.isEmpty else { return }
        let (lo, hi) = safeBox
        cairo_new_path(cr)
        for (x0, y0, x1, y1) in pieces {
            guard let (a, b) = clipSegment(x0 - lo, y0 - lo, x1 - lo, y1 - lo, xMax: hi - lo, yMax: hi - lo) else { continue }
            cairo_move_to(cr, a.0 + lo, a.1 + lo)
            cairo_line_to(cr, b.0 + lo, b.1 + lo)
        }
        stroke(color, width: width, alpha: alpha)
    }

    /// A circle (a marker or a network node), filled and/or outlined.
    public func circle(_ cx: Double, _ cy: Double, radius: Double, fill: RGB?, stroke outline: RGB? = nil,
                       strokeWidth: Double = 1, alpha: Double = 1) {
        let (lo, hi) = safeBox
        guard cx >= lo, cx <= hi, cy >= lo, cy <= hi, radius.isFinite, radius > 0 else { return }
        cairo_new_path(cr)
        cairo_arc(cr, cx, cy, min(radius, hi), 0, 2 * Double.pi)
        if let fill {
            setColor(fill, alpha: alpha)
            if outline != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
        }
        if let outline { stroke(outline, width: strokeWidth, alpha: alpha) }
    }

    /// Draws an RGB image into the rectangle (x, y, w, h): scaled by repeating pixels (sharp
    /// squares, for data images) or, with `smooth`, by interpolating between them.
    public func image(_ img: RGBImage, x: Double, y: Double, w: Double, h: Double, smooth: Bool = false) throws {
        guard img.width > 0, img.height > 0, img.bytes.count == 3 * img.width * img.height,
              let (x, y, w, h) = safeRect(x, y, w, h), w > 0, h > 0 else { return }
        guard let source = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(img.width), Int32(img.height)),
              cairo_surface_status(source) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(source) else {
            throw PlotError("cannot draw a \(img.width)×\(img.height) image: out of memory")
        }
        defer { cairo_surface_destroy(source) }
        let stride = Int(cairo_image_surface_get_stride(source))
        // RGB24 keeps each pixel as a native-endian 32-bit 0x00RRGGBB.
        img.bytes.withUnsafeBufferPointer { src in
            for row in 0..<img.height {
                let out = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
                let base = 3 * row * img.width
                for col in 0..<img.width {
                    let i = base + 3 * col
                    out[col] = UInt32(src[i]) << 16 | UInt32(src[i + 1]) << 8 | UInt32(src[i + 2])
                }
            }
        }
        cairo_surface_mark_dirty(source)
        cairo_save(cr)
        cairo_new_path(cr)
        cairo_rectangle(cr, x, y, w, h)
        cairo_clip(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, w / Double(img.width), h / Double(img.height))
        cairo_set_source_surface(cr, source, 0, 0)
        if let pattern = cairo_get_source(cr) {
            cairo_pattern_set_filter(pattern, smooth ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_NEAREST)
            cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        }
        cairo_paint(cr)
        cairo_restore(cr)
    }

    /// Draws `body` with everything outside the rectangle left untouched.
    public func clipped(x: Double, y: Double, w: Double, h: Double, _ body: () throws -> Void) rethrows {
        cairo_save(cr)
        if let (x, y, w, h) = safeRect(x, y, w, h) {
            cairo_new_path(cr)
            cairo_rectangle(cr, x, y, w, h)
            cairo_clip(cr)
        }
        defer { cairo_restore(cr) }
        try body()
    }

    // MARK: output

    /// The colour of pixel (x, y) (white outside the canvas).
    public func pixel(_ x: Int, _ y: Int) -> RGB {
        guard x >= 0, y >= 0, x < width, y < height else { return .white }
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return .white }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let v = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)[x]
        return RGB(UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v))
    }

    /// The picture as a PNG file's bytes (8-bit RGB).
    public func png() throws -> [UInt8] {
        try PNGFile.encode(rgb: rgbBytes(), width: width, height: height)
    }

    /// The pixels as r, g, b bytes, row-major.
    public func rgbBytes() -> [UInt8] {
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return [] }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let w = width, h = height
        return [UInt8](unsafeUninitializedCapacity: 3 * w * h) { out, count in
            for y in 0..<h {
                // RGB24: each pixel a native-endian 32-bit 0x00RRGGBB.
                let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                var i = 3 * y * w
                for x in 0..<w {
                    let v = row[x]
                    out[i] = UInt8(truncatingIfNeeded: v >> 16)
                    out[i + 1] = UInt8(truncatingIfNeeded: v >> 8)
                    out[i + 2] = UInt8(truncatingIfNeeded: v)
                    i += 3
                }
            }
            count = 3 * w * h
        }
    }

    // MARK: shared

    /// Coordinates Cairo takes safely (its fixed-point numbers hold about ±8 million).
    var safeBox: (Double, Double) {
        let margin = Double(max(width, height)) * 4 + 1000
        return (-margin, margin)
    }

    /// A rectangle clipped to the safe box, nil when it has non-finite edges.
    private func safeRect(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> (Double, Double, Double, Double)? {
        guard x.isFinite, y.isFinite, w.isFinite, h.isFinite else { return nil }
        let (lo, hi) = safeBox
        let x0 = min(max(x, lo), hi), y0 = min(max(y, lo), hi)
        let x1 = min(max(x + w, lo), hi), y1 = min(max(y + h, lo), hi)
        return (x0, y0, x1 - x0, y1 - y0)
    }

    func setColor(_ c: RGB, alpha: Double = 1) {
        let a = alpha.isFinite ? min(max(alpha, 0), 1) : 1
        cairo_set_source_rgba(cr, Double(c.r) / 255, Double(c.g) / 255, Double(c.b) / 255, a)
    }

    private func stroke(_ c: RGB, width: Double, alpha: Double, cap: cairo_line_cap_t = CAIRO_LINE_CAP_ROUND) {
        setColor(c, alpha: alpha)
        cairo_set_line_width(cr, width.isFinite ? min(max(width, 0.05), 1000) : 1)
        cairo_set_line_cap(cr, cap)
        cairo_stroke(cr)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
    }

    /// Notes what a label lost to missing fonts.
    func noteText(missing: [Character], leftOut: Bool) {
        for c in missing where !charactersWithoutFont.contains(c) { charactersWithoutFont.append(c) }
        if leftOut { textLeftOut = true }
    }
}

// A scene drawn on pixels for PNG files: rectangles, lines, filled circles, pixel images scaled
// without smoothing and text in the pixel font.
import Foundation

extension Scene {
    /// The scene as an RGB raster.
    public func raster() throws -> Raster {
        var img = try Raster(width: width, height: height)
        for shape in shapes {
            switch shape {
            case let .rect(x, y, w, h, fill, stroke, strokeWidth):
                if let fill { img.fill(x: safeInt(x), y: safeInt(y), w: safeInt(w), h: safeInt(h), fill) }
                if let stroke {
                    let t = max(1, safeInt(strokeWidth))
                    let x0 = safeInt(x), y0 = safeInt(y), x1 = safeInt(x + w), y1 = safeInt(y + h)
                    img.fill(x: x0, y: y0, w: x1 - x0 + 1, h: t, stroke)
                    img.fill(x: x0, y: y1, w: x1 - x0 + 1, h: t, stroke)
                    img.fill(x: x0, y: y0, w: t, h: y1 - y0 + 1, stroke)
                    img.fill(x: x1, y: y0, w: t, h: y1 - y0 + 1, stroke)
                }
            case let .line(x0, y0, x1, y1, color, width, opacity):
                let c = opacity < 1 ? RegionPalette.mix(.white, color, opacity) : color
                img.line(x0, y0, x1, y1, c, thickness: max(1, safeInt(width)))
            case let .segments(segments, color, width):
                for g in segments { img.line(g.x0, g.y0, g.x1, g.y1, color, thickness: max(1, safeInt(width))) }
            case let .circle(cx, cy, r, fill, stroke, strokeWidth):
                let rr = r + (stroke == nil ? 0 : strokeWidth)
                for dy in -safeInt(rr.rounded(.up))...safeInt(rr.rounded(.up)) {
                    for dx in -safeInt(rr.rounded(.up))...safeInt(rr.rounded(.up)) {
                        let d = (Double(dx * dx + dy * dy)).squareRoot()
                        let px = safeInt(cx) + dx, py = safeInt(cy) + dy
                        if d <= r, let fill { img.set(px, py, fill) } else if d <= rr, let stroke { img.set(px, py, stroke) }
                    }
                }
            case let .text(text, x, y, size, color, anchor, _):
                let scale = max(1, safeInt(size / 6))
                let w = PixelFont.textWidth(text, scale: scale)
                let left: Int
                switch anchor {
                case .start: left = safeInt(x)
                case .middle: left = safeInt(x) - w / 2
                case .end: left = safeInt(x) - w
                }
                img.text(text, x: left, y: safeInt(y) - PixelFont.height * scale, color, scale: scale)
            case let .image(pixels, x, y, w, h):
                guard pixels.width > 0, pixels.height > 0 else { continue }
                let x0 = safeInt(x), y0 = safeInt(y), x1 = safeInt(x + w), y1 = safeInt(y + h)
                guard x1 > x0, y1 > y0 else { continue }
                for py in y0..<y1 {
                    let sy = min(pixels.height - 1, (py - y0) * pixels.height / (y1 - y0))
                    for px in x0..<x1 {
                        let sx = min(pixels.width - 1, (px - x0) * pixels.width / (x1 - x0))
                        img.set(px, py, pixels.pixel(sx, sy))
                    }
                }
            }
        }
        return img
    }

    /// The scene as a PNG file's bytes.
    public func png() throws -> [UInt8] {
        try raster().png()
    }
}

// A scene drawn on a Canvas for PNG files: every shape with Cairo's antialiasing, pixel images
// scaled without smoothing (each grid cell a crisp square), text in the installed fonts.

extension Scene {
    /// The scene drawn on a new canvas of its size.
    public func canvas() throws -> Canvas {
        let c = try Canvas(width: width, height: height)
        for shape in shapes {
            switch shape {
            case let .rect(x, y, w, h, fill, stroke, strokeWidth):
                if let fill { c.fillRect(x: x, y: y, w: w, h: h, color: fill) }
                if let stroke { c.strokeRect(x: x, y: y, w: w, h: h, color: stroke, width: strokeWidth) }
            case let .line(x0, y0, x1, y1, color, width, opacity):
                c.line(x0, y0, x1, y1, color: color, width: width, alpha: opacity)
            case let .segments(segments, color, width):
                for g in segments { c.line(g.x0, g.y0, g.x1, g.y1, color: color, width: width) }
            case let .circle(cx, cy, r, fill, stroke, strokeWidth):
                c.circle(cx, cy, radius: r, fill: fill, stroke: stroke, strokeWidth: strokeWidth)
            case let .text(text, x, y, size, color, anchor, _):
                let a: TextAnchor
                switch anchor {
                case .start: a = .start
                case .middle: a = .middle
                case .end: a = .end
                }
                c.text(text, x: x, y: y, size: size, color: color, anchor: a, baseline: .alphabetic)
            case let .image(img, x, y, w, h):
                try c.image(img, x: x, y: y, w: w, h: h, smooth: false)
            }
        }
        return c
    }
}

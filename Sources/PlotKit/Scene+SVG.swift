// A scene as an SVG document: one element per shape, in order; pixel images are embedded as PNG
// data (drawn without smoothing, so each grid cell stays a crisp square), text escaped for XML.
import Foundation
import TensorKit

extension Scene {
    /// The scene as SVG text, `width × height` user units.
    public func svg() throws -> String {
        var s = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="\(svgFontFamilies)" font-size="12">
        <title>\(markupEscaped(title))</title>
        <rect x="0" y="0" width="\(width)" height="\(height)" fill="white"/>

        """
        for shape in shapes {
            switch shape {
            case let .rect(x, y, w, h, fill, stroke, strokeWidth):
                s += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"\(fill?.hex ?? "none")\""
                if let stroke { s += " stroke=\"\(stroke.hex)\" stroke-width=\"\(n(strokeWidth))\"" }
                s += "/>\n"
            case let .line(x0, y0, x1, y1, color, width, opacity):
                s += "<line x1=\"\(n(x0))\" y1=\"\(n(y0))\" x2=\"\(n(x1))\" y2=\"\(n(y1))\" stroke=\"\(color.hex)\" stroke-width=\"\(n(width))\" stroke-linecap=\"round\""
                if opacity < 1 { s += " stroke-opacity=\"\(n(opacity))\"" }
                s += "/>\n"
            case let .segments(segments, color, width):
                guard !segments.isEmpty else { continue }
                var d = ""
                for g in segments { d += "M\(n(g.x0)) \(n(g.y0))L\(n(g.x1)) \(n(g.y1))" }
                s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"\(n(width))\" stroke-linecap=\"round\"/>\n"
            case let .circle(cx, cy, r, fill, stroke, strokeWidth):
                s += "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"\(fill?.hex ?? "none")\""
                if let stroke { s += " stroke=\"\(stroke.hex)\" stroke-width=\"\(n(strokeWidth))\"" }
                s += "/>\n"
            case let .text(text, x, y, size, color, anchor, bold):
                let a: String
                switch anchor {
                case .start: a = "start"
                case .middle: a = "middle"
                case .end: a = "end"
                }
                s += "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(color.hex)\" text-anchor=\"\(a)\"\(bold ? " font-weight=\"bold\"" : "")>\(markupEscaped(text))</text>\n"
            case let .image(img, x, y, w, h):
                let data = Data(try PNGFile.encode(rgb: img.bytes, width: img.width, height: img.height)).base64EncodedString()
                s += "<image x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" preserveAspectRatio=\"none\" image-rendering=\"pixelated\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,\(data)\"/>\n"
            }
        }
        return s + "</svg>\n"
    }

    /// A coordinate with at most two decimals and no trailing zeros.
    private func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 100).rounded() / 100
        return r == r.rounded() && abs(r) < 1e9 ? String(Int(r)) : String(r)
    }
}

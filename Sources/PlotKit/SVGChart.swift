// A chart as an SVG document: grid lines, the axes box, tick labels, title and axis titles, one
// polyline (or a group of circles) per series and a legend. Text stays text (escaped for XML),
// in a font list that reaches CJK fonts on Linux, macOS and Windows, so browsers show Chinese.
import TensorKit

/// The font families SVG pictures ask for, first match wins: the Latin face PNGs use, then
/// common CJK faces (Debian's WenQuanYi and Noto CJK, macOS's PingFang, Windows's YaHei).
public let svgFontFamilies = "'DejaVu Sans', Verdana, 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', "
    + "'Source Han Sans SC', 'Droid Sans Fallback', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif"

extension Chart {
    /// The chart as SVG text, `width × height` user units.
    public func svg(width: Int = 640, height: Int = 400) throws -> String {
        let g = try ChartGeometry(self, width: width, height: height)
        func n(_ v: Double) -> String {
            let r = (v * 100).rounded() / 100
            return r == r.rounded() && abs(r) < 1e9 ? String(Int(r)) : String(r)
        }
        var s = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="\(svgFontFamilies)" font-size="\(n(ChartGeometry.tickSize))">
        <rect x="0" y="0" width="\(width)" height="\(height)" fill="white"/>

        """
        // SVG places text by its baseline: these shift a vertical middle, top or bottom onto it.
        func middle(_ size: Double) -> Double { let e = Canvas.measure("0", size: size); return (e.ascent - e.descent) / 2 }
        func top(_ size: Double) -> Double { Canvas.measure("0", size: size).ascent }
        func bottom(_ size: Double) -> Double { -Canvas.measure("0", size: size).descent }
        if let title {
            let size = ChartGeometry.titleSize
            s += "<text x=\"\(n(Double(width) / 2))\" y=\"\(n(g.titleY + top(size)))\" text-anchor=\"middle\" font-size=\"\(n(size))\">\(markupEscaped(title))</text>\n"
        }
        if let xLabel {
            let size = ChartGeometry.axisTitleSize
            s += "<text x=\"\(n((g.left + g.right) / 2))\" y=\"\(n(g.xTitleY + bottom(size)))\" text-anchor=\"middle\" font-size=\"\(n(size))\" fill=\"\(RGB.axis.hex)\">\(markupEscaped(xLabel))</text>\n"
        }
        if let yLabel {
            // Turned to read upwards about its anchor, as in the PNG: the letters' tops face left.
            let size = ChartGeometry.axisTitleSize
            let x = g.yTitleX + top(size), y = (g.top + g.bottom) / 2
            s += "<text x=\"\(n(x))\" y=\"\(n(y))\" transform=\"rotate(-90 \(n(x)) \(n(y)))\" text-anchor=\"middle\" font-size=\"\(n(size))\" fill=\"\(RGB.axis.hex)\">\(markupEscaped(yLabel))</text>\n"
        }
        s += "<g stroke=\"\(RGB.grid.hex)\" stroke-width=\"1\">\n"
        for v in g.yTicks.values { s += "<line x1=\"\(n(g.left))\" y1=\"\(n(g.py(v)))\" x2=\"\(n(g.right))\" y2=\"\(n(g.py(v)))\"/>\n" }
        for v in g.xTicks.values { s += "<line x1=\"\(n(g.px(v)))\" y1=\"\(n(g.top))\" x2=\"\(n(g.px(v)))\" y2=\"\(n(g.bottom))\"/>\n" }
        s += "</g>\n<g fill=\"\(RGB.axis.hex)\">\n"
        for (v, label) in zip(g.yTicks.values, g.yTicks.labels) {
            s += "<text x=\"\(n(g.yTickLabelX))\" y=\"\(n(g.py(v) + middle(ChartGeometry.tickSize)))\" text-anchor=\"end\">\(markupEscaped(label))</text>\n"
        }
        for (v, label) in zip(g.xTicks.values, g.xTicks.labels) {
            s += "<text x=\"\(n(g.px(v)))\" y=\"\(n(g.xTickLabelY + top(ChartGeometry.tickSize)))\" text-anchor=\"middle\">\(markupEscaped(label))</text>\n"
        }
        s += "</g>\n"
        s += "<clipPath id=\"plot\"><rect x=\"\(n(g.left))\" y=\"\(n(g.top))\" width=\"\(n(g.right - g.left))\" height=\"\(n(g.bottom - g.top))\"/></clipPath>\n"
        for (k, series) in series.enumerated() {
            let color = Palette.color(k).hex
            switch kind {
            case .lines:
                for run in g.runs(series) {
                    let points = run.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
                    s += "<polyline clip-path=\"url(#plot)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"\(points)\"><title>\(markupEscaped(series.name))</title></polyline>\n"
                }
            case .bars(let width):
                s += "<g fill=\"\(color)\" clip-path=\"url(#plot)\"><title>\(markupEscaped(series.name))</title>\n"
                for i in 0..<series.count where series.x[i].isFinite && series.y[i].isFinite && series.y[i] != 0 {
                    let x0 = g.px(series.x[i] - width / 2), x1 = g.px(series.x[i] + width / 2)
                    let y0 = g.py(max(series.y[i], 0)), y1 = g.py(min(series.y[i], 0))
                    s += "<rect x=\"\(n(x0))\" y=\"\(n(y0))\" width=\"\(n(max(x1 - x0 - 1, 0.5)))\" height=\"\(n(y1 - y0))\"/>\n"
                }
                s += "</g>\n"
            case .points:
                s += "<g fill=\"\(color)\"><title>\(markupEscaped(series.name))</title>\n"
                for run in g.runs(series) {
                    for p in run { s += "<circle cx=\"\(n(p.0))\" cy=\"\(n(p.1))\" r=\"2.5\"/>\n" }
                }
                s += "</g>\n"
            }
        }
        s += "<rect x=\"\(n(g.left))\" y=\"\(n(g.top))\" width=\"\(n(g.right - g.left))\" height=\"\(n(g.bottom - g.top))\" fill=\"none\" stroke=\"\(RGB.axis.hex)\"/>\n"
        // Legend: in the emptiest corner, one row per series, sized as the PNG's.
        let legend = LegendLayout(self, g)
        let (boxX, boxY) = (legend.x, legend.y)
        s += "<g><rect x=\"\(n(boxX))\" y=\"\(n(boxY))\" width=\"\(n(legend.width))\" height=\"\(n(legend.height))\" fill=\"white\" fill-opacity=\"0.9\" stroke=\"\(RGB.grid.hex)\"/>\n"
        for (k, series) in series.prefix(legend.rows).enumerated() {
            let y = legend.rowMiddle(k)
            let color = Palette.color(k).hex
            switch kind {
            case .lines: s += "<line x1=\"\(n(boxX + 7))\" y1=\"\(n(y))\" x2=\"\(n(boxX + 25))\" y2=\"\(n(y))\" stroke=\"\(color)\" stroke-width=\"3\"/>\n"
            case .points: s += "<circle cx=\"\(n(boxX + 16))\" cy=\"\(n(y))\" r=\"3.5\" fill=\"\(color)\"/>\n"
            case .bars: s += "<rect x=\"\(n(boxX + 9))\" y=\"\(n(y - 5))\" width=\"14\" height=\"10\" fill=\"\(color)\"/>\n"
            }
            s += "<text x=\"\(n(boxX + LegendLayout.textLeft))\" y=\"\(n(y + middle(ChartGeometry.tickSize)))\">\(markupEscaped(series.name))</text>\n"
        }
        s += "</g>\n</svg>\n"
        return s
    }
}

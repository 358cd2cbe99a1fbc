// A chart drawn on pixels: light grid at the ticks, the axes box, tick labels in the pixel font,
// 2-pixel polylines or small square marks per series, and a legend box in the top-right corner.

extension Chart {
    /// The chart as an RGB raster of `width × height` pixels.
    public func raster(width: Int = 640, height: Int = 400) throws -> Raster {
        let g = try ChartGeometry(self, width: width, height: height)
        var img = try Raster(width: width, height: height)
        let l = Int(g.left), t = Int(g.top), r = Int(g.right), b = Int(g.bottom)
        let textHeight = PixelFont.height * g.fontScale
        for (v, label) in zip(g.yTicks.values, g.yTicks.labels) {
            let y = safeInt(g.py(v))
            img.fill(x: l, y: y, w: r - l, h: 1, .grid)
            img.fill(x: l - 4, y: y, w: 4, h: 1, .axis)
            let w = PixelFont.textWidth(label, scale: g.fontScale)
            img.text(label, x: l - 8 - w, y: y - textHeight / 2, .axis, scale: g.fontScale)
        }
        for (v, label) in zip(g.xTicks.values, g.xTicks.labels) {
            let x = safeInt(g.px(v))
            img.fill(x: x, y: t, w: 1, h: b - t, .grid)
            img.fill(x: x, y: b, w: 1, h: 4, .axis)
            let w = PixelFont.textWidth(label, scale: g.fontScale)
            img.text(label, x: x - w / 2, y: b + 8, .axis, scale: g.fontScale)
        }
        if let title, !title.isEmpty {
            let w = PixelFont.textWidth(title, scale: g.fontScale)
            img.text(title, x: (width - w) / 2, y: 10, .black, scale: g.fontScale)
        }
        for (k, s) in series.enumerated() {
            let c = Palette.color(k)
            switch kind {
            case .lines:
                for run in g.runs(s) {
                    guard var p = run.first else { continue }
                    img.line(p.0, p.1, p.0, p.1, c)
                    for q in run.dropFirst() {
                        img.line(p.0, p.1, q.0, q.1, c)
                        p = q
                    }
                }
            case .bars(let width):
                for i in 0..<s.count where s.x[i].isFinite && s.y[i].isFinite && s.y[i] != 0 {
                    let x0 = safeInt(g.px(s.x[i] - width / 2)), x1 = safeInt(g.px(s.x[i] + width / 2))
                    let y0 = safeInt(g.py(max(s.y[i], 0))), y1 = safeInt(g.py(min(s.y[i], 0)))
                    // A 1-pixel gap between bars wide enough to spare it.
                    img.fill(x: x0, y: y0, w: max(1, x1 - x0 - (x1 - x0 >= 4 ? 1 : 0)), h: max(1, y1 - y0), c)
                }
            case .points:
                for run in g.runs(s) {
                    for p in run {
                        img.fill(x: safeInt(p.0) - 2, y: safeInt(p.1) - 2, w: 5, h: 5, c)
                    }
                }
            }
        }
        // The box last, so lines end cleanly at its edges.
        img.fill(x: l, y: t, w: r - l + 1, h: 1, .axis)
        img.fill(x: l, y: b, w: r - l + 1, h: 1, .axis)
        img.fill(x: l, y: t, w: 1, h: b - t + 1, .axis)
        img.fill(x: r, y: t, w: 1, h: b - t + 1, .axis)
        drawLegend(on: &img, g)
        return img
    }

    /// A white box in the top-right corner with a swatch and the name of each series.
    private func drawLegend(on img: inout Raster, _ g: ChartGeometry) {
        guard !series.isEmpty else { return }
        let scale = g.fontScale
        let rowHeight = PixelFont.height * scale + 6
        let shown = series.prefix(max(1, Int(g.bottom - g.top - 12) / rowHeight))
        let textWidth = shown.map { PixelFont.textWidth($0.name, scale: scale) }.max() ?? 0
        let boxWidth = textWidth + 38, boxHeight = shown.count * rowHeight + 8
        let corner = g.legendCorner(self, w: Double(boxWidth), h: Double(boxHeight))
        let x = Int(corner.0), y = Int(corner.1)
        img.fill(x: x, y: y, w: boxWidth, h: boxHeight, .white)
        img.fill(x: x, y: y, w: boxWidth, h: 1, .grid)
        img.fill(x: x, y: y + boxHeight - 1, w: boxWidth, h: 1, .grid)
        img.fill(x: x, y: y, w: 1, h: boxHeight, .grid)
        img.fill(x: x + boxWidth - 1, y: y, w: 1, h: boxHeight, .grid)
        for (k, s) in shown.enumerated() {
            let rowY = y + 5 + k * rowHeight
            let mid = rowY + PixelFont.height * scale / 2
            switch kind {
            case .lines: img.fill(x: x + 6, y: mid - 1, w: 20, h: 3, Palette.color(k))
            case .points: img.fill(x: x + 13, y: mid - 3, w: 6, h: 6, Palette.color(k))
            case .bars: img.fill(x: x + 8, y: mid - 5, w: 14, h: 10, Palette.color(k))
            }
            img.text(s.name, x: x + 32, y: rowY, .black, scale: scale)
        }
    }

    /// The chart as a PNG file's bytes.
    public func png(width: Int = 640, height: Int = 400) throws -> [UInt8] {
        try raster(width: width, height: height).png()
    }
}

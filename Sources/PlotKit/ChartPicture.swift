// A chart drawn on a canvas: light grid at the ticks, the axes box, tick labels, title and axis
// titles in installed fonts, antialiased 2-pixel polylines, round marks or bars per series, and a
// legend box in the emptiest corner — then written as PNG.

extension Chart {
    /// The chart drawn on a `width × height` canvas (read its PNG with `png()`).
    public func canvas(width: Int = 640, height: Int = 400) throws -> Canvas {
        let g = try ChartGeometry(self, width: width, height: height)
        let c = try Canvas(width: width, height: height)
        let size = ChartGeometry.tickSize
        // A 1-pixel line is sharp when it runs along pixel centres.
        func crisp(_ v: Double) -> Double { v.rounded(.down) + 0.5 }
        for (v, label) in zip(g.yTicks.values, g.yTicks.labels) {
            let y = crisp(g.py(v))
            c.line(g.left, y, g.right, y, color: .grid)
            c.line(g.left - 4, y, g.left, y, color: .axis)
            c.text(label, x: g.yTickLabelX, y: y, size: size, color: .axis, anchor: .end, baseline: .middle)
        }
        for (v, label) in zip(g.xTicks.values, g.xTicks.labels) {
            let x = crisp(g.px(v))
            c.line(x, g.top, x, g.bottom, color: .grid)
            c.line(x, g.bottom, x, g.bottom + 4, color: .axis)
            c.text(label, x: x, y: g.xTickLabelY, size: size, color: .axis, anchor: .middle, baseline: .top)
        }
        if let title {
            c.text(title, x: Double(width) / 2, y: g.titleY, size: ChartGeometry.titleSize, anchor: .middle, baseline: .top)
        }
        if let xLabel {
            c.text(xLabel, x: (g.left + g.right) / 2, y: g.xTitleY, size: ChartGeometry.axisTitleSize,
                   color: .axis, anchor: .middle, baseline: .bottom)
        }
        if let yLabel {
            c.text(yLabel, x: g.yTitleX, y: (g.top + g.bottom) / 2, size: ChartGeometry.axisTitleSize,
                   color: .axis, anchor: .middle, baseline: .top, angle: -Double.pi / 2)
        }
        c.clipped(x: g.left, y: g.top, w: g.right - g.left, h: g.bottom - g.top) {
            for (k, s) in series.enumerated() {
                drawSeries(s, color: Palette.color(k), on: c, g)
            }
        }
        // The box last, so lines end cleanly at its edges.
        let l = g.left.rounded(.down) + 0.5, t = g.top.rounded(.down) + 0.5
        c.strokeRect(x: l, y: t, w: g.right.rounded(.down) + 0.5 - l, h: g.bottom.rounded(.down) + 0.5 - t, color: .axis)
        drawLegend(on: c, g)
        return c
    }

    /// The chart as a PNG file's bytes.
    public func png(width: Int = 640, height: Int = 400) throws -> [UInt8] {
        try canvas(width: width, height: height).png()
    }

    /// One series: its polylines, marks or bars.
    private func drawSeries(_ s: Series, color: RGB, on c: Canvas, _ g: ChartGeometry) {
        switch kind {
        case .lines:
            for run in g.runs(s) { c.polyline(run, color: color, width: 2) }
        case .points:
            for run in g.runs(s) {
                for p in run { c.circle(p.0, p.1, radius: 3, fill: color) }
            }
        case .bars(let width):
            for i in 0..<s.count where s.x[i].isFinite && s.y[i].isFinite && s.y[i] != 0 {
                // Whole pixels, so neighbouring bars do not blur into each other.
                let x0 = g.px(s.x[i] - width / 2).rounded(), x1 = g.px(s.x[i] + width / 2).rounded()
                let y0 = g.py(max(s.y[i], 0)).rounded(), y1 = g.py(min(s.y[i], 0)).rounded()
                // A 1-pixel gap between bars wide enough to spare it.
                let w = max(1, x1 - x0 - (x1 - x0 >= 4 ? 1 : 0))
                c.fillRect(x: x0, y: y0, w: w, h: max(1, y1 - y0), color: color)
            }
        }
    }

    /// A white box with a swatch and the name of each series, in the corner covering the fewest points.
    private func drawLegend(on c: Canvas, _ g: ChartGeometry) {
        guard !series.isEmpty else { return }
        let layout = LegendLayout(self, g)
        let x = layout.x, y = layout.y
        c.fillRect(x: x, y: y, w: layout.width, h: layout.height, color: .white)
        c.strokeRect(x: x + 0.5, y: y + 0.5, w: layout.width - 1, h: layout.height - 1, color: .grid)
        for (k, s) in series.prefix(layout.rows).enumerated() {
            let mid = layout.rowMiddle(k)
            let color = Palette.color(k)
            switch kind {
            case .lines: c.line(x + 7, mid, x + 25, mid, color: color, width: 3)
            case .points: c.circle(x + 16, mid, radius: 3.5, fill: color)
            case .bars: c.fillRect(x: x + 9, y: mid - 5, w: 14, h: 10, color: color)
            }
            c.text(s.name, x: x + LegendLayout.textLeft, y: mid, size: ChartGeometry.tickSize, anchor: .start, baseline: .middle)
        }
    }
}

/// Where a file picture's legend goes and how big it is (PNG and SVG alike).
struct LegendLayout {
    /// Room for the swatch before the names, and the height of one row.
    static let textLeft = 32.0
    static let rowHeight = 18.0
    /// The top-left corner and the size of the box, in pixels.
    let x: Double
    let y: Double
    let width: Double
    let height: Double
    /// How many series fit (the rest are left out of the legend, not of the plot).
    let rows: Int

    init(_ chart: Chart, _ g: ChartGeometry) {
        rows = min(chart.series.count, max(1, Int((g.bottom - g.top - 12) / Self.rowHeight)))
        let widest = chart.series.prefix(rows).map { Canvas.measure($0.name, size: ChartGeometry.tickSize).width }.max() ?? 0
        width = (widest + Self.textLeft + 8).rounded(.up)
        height = Double(rows) * Self.rowHeight + 8
        let corner = g.legendCorner(chart, w: width, h: height)
        (x, y) = (corner.0.rounded(), corner.1.rounded())
    }

    /// The vertical middle of row k.
    func rowMiddle(_ k: Int) -> Double { (y + 4 + Double(k) * Self.rowHeight + Self.rowHeight / 2).rounded() }
}

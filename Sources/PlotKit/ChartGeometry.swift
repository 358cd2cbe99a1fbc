// ChartGeometry: where things go in a file picture of a chart — the plot box inside the margins
// (room for tick labels, title and axis titles, measured in the fonts that draw them), the
// ticks, and the map from data to pixel coordinates — shared by the PNG and SVG writers.

/// The layout of a chart on a `width × height` pixel page.
struct ChartGeometry {
    /// Text sizes in pixels: tick labels and legend, title, axis titles.
    static let tickSize = 12.0
    static let titleSize = 15.0
    static let axisTitleSize = 13.0

    let width: Int
    let height: Int
    let window: DataWindow
    let xTicks: Ticks
    let yTicks: Ticks
    /// The plot box in pixels.
    let left: Double
    let top: Double
    let right: Double
    let bottom: Double

    init(_ chart: Chart, width: Int, height: Int) throws {
        self.width = width
        self.height = height
        // 5 % air above and below (and beside scattered points) so lines do not run along the box.
        var w = try chart.window()
        let dy = (w.yMax - w.yMin) * 0.05
        w.yMin -= dy; w.yMax += dy
        if case .points = chart.kind {
            let dx = (w.xMax - w.xMin) * 0.05
            w.xMin -= dx; w.xMax += dx
        }
        window = w
        yTicks = Ticks.nice(window.yMin, window.yMax, target: max(2, height / 80))
        xTicks = Ticks.nice(window.xMin, window.xMax, target: max(2, width / 100))
        let labelWidth = yTicks.labels.map { Canvas.measure($0, size: Self.tickSize).width }.max() ?? 0
        // Left: [y title] tick labels, 4 px tick, 4 px air. Bottom: tick, air, tick labels, [x title].
        let yTitleRoom = chart.yLabel == nil ? 0 : Self.axisTitleSize * 1.3 + 6
        let xTitleRoom = chart.xLabel == nil ? 0 : Self.axisTitleSize * 1.3 + 4
        left = (10 + yTitleRoom + labelWidth + 8).rounded()
        top = chart.title == nil ? 16 : (14 + Self.titleSize * 1.3).rounded()
        right = Double(width - 16)
        bottom = (Double(height) - 12 - Self.tickSize * 1.3 - 6 - xTitleRoom).rounded()
    }

    /// Where the title, the axis titles and the tick labels go (their anchor points).
    var titleY: Double { 10 }
    var xTitleY: Double { Double(height) - 8 }
    var yTitleX: Double { 8 }
    var xTickLabelY: Double { bottom + 8 }
    var yTickLabelX: Double { left - 8 }

    /// Pixel x of data x.
    func px(_ x: Double) -> Double { left + window.fx(x) * (right - left) }
    /// Pixel y of data y (down the page).
    func py(_ y: Double) -> Double { bottom - window.fy(y) * (bottom - top) }

    /// The top-left corner for a legend box of `w × h` pixels: the corner of the plot box that
    /// covers the fewest points (top-right first when tied).
    func legendCorner(_ chart: Chart, w: Double, h: Double) -> (Double, Double) {
        let corners = [(right - w - 6, top + 6), (left + 6, top + 6),
                       (right - w - 6, bottom - h - 6), (left + 6, bottom - h - 6)]
        var best = corners[0], fewest = Int.max
        for c in corners {
            var covered = 0
            for s in chart.series {
                for i in 0..<s.count {
                    let x = px(s.x[i]), y = py(s.y[i])
                    if x >= c.0 - 4 && x <= c.0 + w + 4 && y >= c.1 - 4 && y <= c.1 + h + 4 { covered += 1 }
                }
            }
            if covered < fewest { fewest = covered; best = c }
        }
        return best
    }

    /// The polylines of a series: runs of consecutive finite points, in pixels.
    func runs(_ s: Series) -> [[(Double, Double)]] {
        ChartGeometry.runs(s) { (px($0), py($1)) }
    }

    /// The polylines of a series on any surface: runs of consecutive finite points mapped by
    /// `place` to the surface's units (whole units are its columns), each run decimated.
    static func runs(_ s: Series, place: (Double, Double) -> (Double, Double)) -> [[(Double, Double)]] {
        var runs: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for i in 0..<s.count {
            if s.x[i].isFinite && s.y[i].isFinite {
                current.append(place(s.x[i], s.y[i]))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs.map(decimated)
    }

    /// A run with many points per pixel column reduced to the first, lowest, highest and last
    /// point of each column, in their order: the drawn line looks the same, and a million-point
    /// loss curve draws (in the terminal, as a PNG, as SVG) in a few thousand segments.
    static func decimated(_ run: [(Double, Double)]) -> [(Double, Double)] {
        guard run.count > 2048 else { return run }
        var out: [(Double, Double)] = []
        var start = 0
        while start < run.count {
            let column = run[start].0.rounded()     // the column a point is drawn in (see safeInt)
            var end = start + 1
            var low = start, high = start
            while end < run.count && run[end].0.rounded() == column {
                if run[end].1 < run[low].1 { low = end }
                if run[end].1 > run[high].1 { high = end }
                end += 1
            }
            var keep = [start, low, high, end - 1]
            keep.sort()
            var previous = -1
            for k in keep where k != previous {
                out.append(run[k])
                previous = k
            }
            start = end
        }
        return out
    }
}

// Chart: what a line or scatter plot shows — named series of (x, y) points — and the data
// window around them, before any drawing surface is chosen.

/// One named set of points; a non-finite x or y breaks a line there.
public struct Series: Equatable {
    /// The legend's name (`sigmoid`, `loss`, `class 3`).
    public var name: String
    /// The x of each point.
    public var x: [Double]
    /// The y of each point (paired with x by index).
    public var y: [Double]
    /// A series of points; `x` and `y` are paired up to the shorter length.
    public init(name: String, x: [Double], y: [Double]) {
        self.name = name
        self.x = x
        self.y = y
    }
    /// The number of (x, y) pairs.
    public var count: Int { min(x.count, y.count) }
}

/// How a chart draws its series.
public enum ChartKind: Equatable {
    /// A polyline through each series's points in order.
    case lines
    /// A mark at each point.
    case points
    /// A bar from 0 up to each point, `width` data units wide and centred on its x (histograms).
    case bars(width: Double)
}

/// The data window of a chart: x and y ranges, never empty.
public struct DataWindow: Equatable {
    /// The left, right, bottom and top edges in data units.
    public var xMin: Double
    public var xMax: Double
    public var yMin: Double
    public var yMax: Double

    /// x in [0, 1] across the window.
    @inlinable func fx(_ x: Double) -> Double { (x - xMin) / (xMax - xMin) }
    /// y in [0, 1] up the window.
    @inlinable func fy(_ y: Double) -> Double { (y - yMin) / (yMax - yMin) }
}

/// A plot: its series, how they are drawn, an optional title and axis titles.
public struct Chart: Equatable {
    /// The series, drawn in order (later ones on top).
    public var series: [Series]
    /// Lines, points or bars.
    public var kind: ChartKind
    /// A title above the chart, if any.
    public var title: String?
    /// The title of the x axis (under its tick labels), if any.
    public var xLabel: String?
    /// The title of the y axis (beside its tick labels, reading upwards in files), if any.
    public var yLabel: String?

    /// A chart of these series.
    public init(series: [Series], kind: ChartKind = .lines, title: String? = nil,
                xLabel: String? = nil, yLabel: String? = nil) {
        self.series = series
        self.kind = kind
        self.title = title?.isEmpty == true ? nil : title
        self.xLabel = xLabel?.isEmpty == true ? nil : xLabel
        self.yLabel = yLabel?.isEmpty == true ? nil : yLabel
    }

    /// The window spanning every finite point; a zero range is widened so a constant still
    /// shows (y = 3 gets the window 2.5…3.5). Throws when no point is finite.
    public func window() throws -> DataWindow {
        var xMin = Double.infinity, xMax = -Double.infinity
        var yMin = Double.infinity, yMax = -Double.infinity
        for s in series {
            for i in 0..<s.count {
                let x = s.x[i], y = s.y[i]
                guard x.isFinite, y.isFinite else { continue }
                xMin = min(xMin, x); xMax = max(xMax, x)
                yMin = min(yMin, y); yMax = max(yMax, y)
            }
        }
        guard xMin <= xMax, yMin <= yMax else {
            let total = series.reduce(0) { $0 + $1.count }
            throw PlotError(total == 0 ? "nothing to plot: no points given"
                            : "nothing to plot: every one of the \(total) points is nan or infinite")
        }
        if case .bars(let width) = kind, width.isFinite, width > 0 {
            // The outer bars' edges, and the baseline every bar stands on.
            xMin -= width / 2; xMax += width / 2
            yMin = min(yMin, 0); yMax = max(yMax, 0)
        }
        (xMin, xMax) = Chart.widened(xMin, xMax)
        (yMin, yMax) = Chart.widened(yMin, yMax)
        return DataWindow(xMin: xMin, xMax: xMax, yMin: yMin, yMax: yMax)
    }

    /// A range made non-empty and representable: a single value v gets v ± max(|v|/10, 0.5).
    static func widened(_ low: Double, _ high: Double) -> (Double, Double) {
        // Values near ±Double.greatestFiniteMagnitude: the window stops at ±1e307, so its width,
        // padding and tick steps stay finite (points beyond are clipped at the edge).
        let limit = 1e307
        let low = min(max(low, -limit), limit), high = min(max(high, -limit), limit)
        if high - low <= abs(high) * 1e-12 {
            let pad = max(abs(low) / 10, 0.5)
            return (low - pad, high + pad)
        }
        return (low, high)
    }
}

// TerminalChart: a chart laid out as lines of text — title and y-axis title on top, y tick labels
// and axis on the left, a Braille plot area, the x axis with its labels and title below, then a
// legend naming each series. Text is placed by display width, so Chinese labels line up.
import TensorKit

/// The size and colour of a text picture.
public struct TextLayout: Equatable {
    /// Total columns the picture may use.
    public var width: Int
    /// Rows of the plot area (tick labels and legend come on top).
    public var height: Int
    /// Use 24-bit colour escapes.
    public var color: Bool
    /// A layout; width and height are clamped to a drawable minimum.
    public init(width: Int = 72, height: Int = 20, color: Bool = false) {
        self.width = min(max(width, 24), 1000)
        self.height = min(max(height, 4), 500)
        self.color = color
    }
}

extension Chart {
    /// The chart as lines of text (each without a trailing newline).
    public func renderText(_ layout: TextLayout) throws -> [String] {
        var w = try window()
        if case .points = kind {
            // Air around scattered points, so none sits on the axes.
            let dx = (w.xMax - w.xMin) * 0.05, dy = (w.yMax - w.yMin) * 0.05
            w = DataWindow(xMin: w.xMin - dx, xMax: w.xMax + dx, yMin: w.yMin - dy, yMax: w.yMax + dy)
        }
        var yTicks = Ticks.nice(w.yMin, w.yMax, target: max(2, layout.height / 4))
        // Reach the next tick above and below when it is close, so both ends are labelled
        // (tanh's 0.9993 becomes 1).
        let snap = 0.08 * (w.yMax - w.yMin)
        let above = ((w.yMax / yTicks.step).rounded(.up)) * yTicks.step
        let below = ((w.yMin / yTicks.step).rounded(.down)) * yTicks.step
        if above - w.yMax > 0, above - w.yMax < snap { w.yMax = above }
        if w.yMin - below > 0, w.yMin - below < snap { w.yMin = below }
        yTicks = Ticks.nice(w.yMin, w.yMax, target: max(2, layout.height / 4))
        let labelWidth = yTicks.labels.map(\.displayWidth).max() ?? 1
        let columns = max(layout.width - labelWidth - 3, 8)
        let rows = layout.height
        let xTicks = Ticks.nice(w.xMin, w.xMax, target: max(2, columns / 12))
        var canvas = BrailleCanvas(columns: columns, rows: rows)
        let dotW = Double(canvas.dotWidth - 1), dotH = Double(canvas.dotHeight - 1)
        func dot(_ x: Double, _ y: Double) -> (Double, Double) {
            (w.fx(x) * dotW, (1 - w.fy(y)) * dotH)
        }
        let useMarks: Bool
        switch kind {
        case .lines: useMarks = !layout.color && series.count > 1
        case .points: useMarks = !layout.color
        case .bars: useMarks = false
        }
        for (k, s) in series.enumerated() {
            switch kind {
            case .lines:
                for run in ChartGeometry.runs(s, place: dot) {
                    guard var p = run.first else { continue }
                    canvas.line(p.0, p.1, p.0, p.1, series: k)
                    for q in run.dropFirst() {
                        canvas.line(p.0, p.1, q.0, q.1, series: k)
                        p = q
                    }
                }
                if useMarks { placeMarks(s, index: k, on: &canvas, dot: dot) }
            case .bars(let width):
                for i in 0..<s.count where s.x[i].isFinite && s.y[i].isFinite && s.y[i] != 0 {
                    let left = dot(s.x[i] - width / 2, 0), right = dot(s.x[i] + width / 2, s.y[i])
                    // One dot column of gap between bars that are at least three dots wide.
                    let x0 = max(0, safeInt(left.0)), x1 = min(canvas.dotWidth - 1, safeInt(right.0) - (right.0 - left.0 >= 3 ? 1 : 0))
                    let top = max(0, safeInt(right.1)), base = min(canvas.dotHeight - 1, safeInt(left.1))
                    guard x0 <= x1, top <= base else { continue }
                    for x in x0...x1 { for y in top...base { canvas.set(x, y, series: k) } }
                }
            case .points:
                for i in 0..<s.count where s.x[i].isFinite && s.y[i].isFinite {
                    let p = dot(s.x[i], s.y[i])
                    let x = safeInt(p.0), y = safeInt(p.1)
                    if useMarks {
                        canvas.mark(x, y, Palette.mark(k), series: k)
                    } else {
                        canvas.set(x, y, series: k)
                    }
                }
            }
        }

        var lines: [String] = []
        let margin = String(repeating: " ", count: labelWidth + 1)
        if let title {
            let pad = max(0, (labelWidth + 2 + columns - title.displayWidth) / 2)
            lines.append(String(repeating: " ", count: pad) + title)
        }
        // The y-axis title above the axis, where a reader looks for it (text cannot turn here).
        if let yLabel { lines.append(yLabel) }
        // Each y tick goes on the cell row holding its dot row.
        var rowLabel: [Int: String] = [:]
        for (v, label) in zip(yTicks.values, yTicks.labels) {
            let r = safeInt((1 - w.fy(v)) * dotH) / 4
            if rowLabel[r] == nil { rowLabel[r] = label }
        }
        for r in 0..<rows {
            if let label = rowLabel[r] {
                lines.append(label.leftPadded(toWidth: labelWidth) + " ┤"
                             + canvas.renderRow(r, color: layout.color))
            } else {
                lines.append(margin + "│" + canvas.renderRow(r, color: layout.color))
            }
        }
        // The x axis, a ┬ under each tick, and labels centred under their ticks when they fit.
        var axis = Array(repeating: Character("─"), count: columns)
        var labelLine = Array(repeating: Character(" "), count: labelWidth + 2 + columns + 8)
        var freeFrom = 0
        for (v, label) in zip(xTicks.values, xTicks.labels) {
            let c = safeInt(w.fx(v) * dotW) / 2
            guard c >= 0, c < columns else { continue }
            axis[c] = "┬"
            let start = max(0, labelWidth + 2 + c - label.count / 2)
            guard start >= freeFrom, start + label.count <= labelLine.count else { continue }
            for (j, ch) in label.enumerated() { labelLine[start + j] = ch }
            freeFrom = start + label.count + 1
        }
        lines.append(margin + "└" + String(axis))
        lines.append(trimmed(String(labelLine)))
        if let xLabel {
            let pad = labelWidth + 2 + max(0, (columns - xLabel.displayWidth) / 2)
            lines.append(String(repeating: " ", count: pad) + xLabel)
        }
        lines += legend(useMarks: useMarks, color: layout.color, width: layout.width)
        return lines
    }

    /// The chart as one string with a newline after each line.
    public func renderText(width: Int = 72, height: Int = 20, color: Bool = false) throws -> String {
        try renderText(TextLayout(width: width, height: height, color: color)).map { $0 + "\n" }.joined()
    }

    /// Puts the series's mark at four places along it, shifted per series so marks of different
    /// series do not sit on top of each other.
    private func placeMarks(_ s: Series, index k: Int, on canvas: inout BrailleCanvas,
                            dot: (Double, Double) -> (Double, Double)) {
        guard s.count > 0 else { return }
        let n = s.count
        let shift = Double(k + 1) / Double(series.count + 1)
        for j in 0..<4 {
            let i = min(n - 1, Int((Double(j) + shift) / 4 * Double(n)))
            guard s.x[i].isFinite, s.y[i].isFinite else { continue }
            let p = dot(s.x[i], s.y[i])
            canvas.mark(safeInt(p.0), safeInt(p.1), Palette.mark(k), series: k)
        }
    }

    /// `── sigmoid   ── tanh` in the series colours, or `* sigmoid   + tanh` without colour,
    /// wrapped to `width` columns.
    func legend(useMarks: Bool, color: Bool, width: Int) -> [String] {
        var lines: [String] = []
        var line = "  ", visible = 2
        for (k, s) in series.enumerated() {
            let symbol: String
            if useMarks {
                symbol = String(Palette.mark(k))
            } else {
                switch kind {
                case .lines: symbol = "──"
                case .points: symbol = "⠶"
                case .bars: symbol = "⣿⣿"
                }
            }
            let shown = color ? Palette.color(k).foregroundEscape + symbol + resetEscape : symbol
            let entryWidth = symbol.displayWidth + 1 + s.name.displayWidth
            if visible > 2 && visible + 3 + entryWidth > width {
                lines.append(line)
                line = "  "
                visible = 2
            }
            if visible > 2 {
                line += "   "
                visible += 3
            }
            line += shown + " " + s.name
            visible += entryWidth
        }
        lines.append(line)
        return lines
    }
}

/// The text without trailing spaces.
func trimmed(_ s: String) -> String {
    var s = s
    while s.last == " " { s.removeLast() }
    return s
}

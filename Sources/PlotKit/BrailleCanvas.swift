// BrailleCanvas: a grid of terminal cells, each a Unicode Braille character of 2×4 dots, so a
// 60×16-cell plot has 120×64 dots. Each cell remembers the series that last drew in it (its colour)
// and may hold a plain character instead (marks, when there is no colour).

/// A dot raster rendered as Braille characters (U+2800 + one bit per dot).
public struct BrailleCanvas {
    /// Size in cells.
    public let columns: Int
    public let rows: Int
    private var bits: [UInt8]
    private var owner: [Int]
    private var overlay: [Character?]

    /// A blank canvas of `columns` × `rows` cells (each at least 1).
    public init(columns: Int, rows: Int) {
        self.columns = max(columns, 1)
        self.rows = max(rows, 1)
        let n = self.columns * self.rows
        bits = [UInt8](repeating: 0, count: n)
        owner = [Int](repeating: -1, count: n)
        overlay = [Character?](repeating: nil, count: n)
    }

    /// Width and height in dots.
    public var dotWidth: Int { columns * 2 }
    public var dotHeight: Int { rows * 4 }

    // Bit of dot (dx, dy) inside a cell: the Braille numbering 1 2 3 7 down the left column,
    // 4 5 6 8 down the right one.
    private static let dotBit: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets the dot at (x, y) (y down) for series `series`; dots outside are ignored.
    public mutating func set(_ x: Int, _ y: Int, series: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / 4) * columns + x / 2
        bits[cell] |= BrailleCanvas.dotBit[x % 2][y % 4]
        owner[cell] = series
    }

    /// Puts a character in the cell holding dot (x, y), replacing its dots.
    public mutating func mark(_ x: Int, _ y: Int, _ c: Character, series: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / 4) * columns + x / 2
        overlay[cell] = c
        owner[cell] = series
    }

    /// Draws a straight line between two dot positions (any finite values: clipped to the canvas).
    public mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, series: Int) {
        guard let (a, b) = clipSegment(x0, y0, x1, y1,
                                       xMax: Double(dotWidth - 1), yMax: Double(dotHeight - 1)) else { return }
        var x = safeInt(a.0), y = safeInt(a.1)
        let xe = safeInt(b.0), ye = safeInt(b.1)
        // Bresenham: step along both axes, keeping the error term err = dx + dy.
        let dx = abs(xe - x), dy = -abs(ye - y)
        let sx = x < xe ? 1 : -1, sy = y < ye ? 1 : -1
        var err = dx + dy
        while true {
            set(x, y, series: series)
            if x == xe && y == ye { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// Row `r` as text: Braille cells (blank cells as spaces), coloured per series when `color`.
    public func renderRow(_ r: Int, color: Bool) -> String {
        var out = ""
        var current = -1
        for c in 0..<columns {
            let i = r * columns + c
            let ch: Character
            if let o = overlay[i] {
                ch = o
            } else if bits[i] == 0 {
                ch = " "
            } else {
                ch = Character(Unicode.Scalar(0x2800 + UInt32(bits[i])) ?? " ")
            }
            if color {
                let want = ch == " " ? -1 : owner[i]
                if want != current {
                    out += want < 0 ? resetEscape : Palette.color(want).foregroundEscape
                    current = want
                }
            }
            out.append(ch)
        }
        if color && current >= 0 { out += resetEscape }
        return color ? out : trimmed(out)
    }
}

/// Clips the segment (x0, y0)–(x1, y1) to [0, xMax] × [0, yMax] (Liang–Barsky); nil when it
/// misses the box.
func clipSegment(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double,
                 xMax: Double, yMax: Double) -> ((Double, Double), (Double, Double))? {
    guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return nil }
    let dx = x1 - x0, dy = y1 - y0
    var t0 = 0.0, t1 = 1.0
    // For each edge: p t ≤ q keeps the part of the segment inside.
    for (p, q) in [(-dx, x0), (dx, xMax - x0), (-dy, y0), (dy, yMax - y0)] {
        if p == 0 {
            if q < 0 { return nil }
        } else {
            let t = q / p
            if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
            if t0 > t1 { return nil }
        }
    }
    return ((x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy))
}

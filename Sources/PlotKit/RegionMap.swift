// RegionMap: what a decision-region picture shows — a grid of cells over a box of the input
// plane, each holding a model's output there — and the colours and characters that show it,
// shared by the terminal, SVG and PNG pictures.

/// A rectangle of the (x₁, x₂) plane cut into `columns × rows` cells; row 0 is the top.
public struct GridBox: Equatable, Sendable {
    public var xMin, xMax, yMin, yMax: Double
    public var columns, rows: Int

    public init(xMin: Double, xMax: Double, yMin: Double, yMax: Double, columns: Int, rows: Int) {
        self.xMin = xMin
        self.xMax = xMax
        self.yMin = yMin
        self.yMax = yMax
        self.columns = max(columns, 1)
        self.rows = max(rows, 1)
    }

    /// The square box around points with `margin` (a fraction of the larger side) on every
    /// side, so circles stay round; a single point or a zero range gets a box of side 2.
    public static func around(xs: [Double], ys: [Double], margin: Double = 0.1) -> (xMin: Double, xMax: Double, yMin: Double, yMax: Double) {
        let fx = xs.filter(\.isFinite), fy = ys.filter(\.isFinite)
        let x0 = fx.min() ?? -1, x1 = fx.max() ?? 1, y0 = fy.min() ?? -1, y1 = fy.max() ?? 1
        var side = max(x1 - x0, y1 - y0)
        if !(side > 0) || !side.isFinite { side = 2 } else { side *= 1 + 2 * margin }
        side = min(side, 1e300)
        let cx = x0 / 2 + x1 / 2, cy = y0 / 2 + y1 / 2
        return (cx - side / 2, cx + side / 2, cy - side / 2, cy + side / 2)
    }

    /// The x of the centre of column c.
    public func x(column c: Int) -> Double { xMin + (Double(c) + 0.5) * (xMax - xMin) / Double(columns) }
    /// The y of the centre of row r (row 0 at the top, so y falls with r).
    public func y(row r: Int) -> Double { yMax - (Double(r) + 0.5) * (yMax - yMin) / Double(rows) }

    /// The cell centres as rows × columns points (x, y), row-major from the top-left: the batch a
    /// model is evaluated on in one pass.
    public func centres() -> [Double] {
        var out = [Double]()
        out.reserveCapacity(2 * columns * rows)
        for r in 0..<rows {
            let y = self.y(row: r)
            for c in 0..<columns {
                out.append(x(column: c))
                out.append(y)
            }
        }
        return out
    }

    /// The cell holding (x, y), or nil outside the box.
    public func cell(_ x: Double, _ y: Double) -> (column: Int, row: Int)? {
        guard x.isFinite, y.isFinite, x >= xMin, x <= xMax, y >= yMin, y <= yMax else { return nil }
        let c = min(columns - 1, Int((x - xMin) / (xMax - xMin) * Double(columns)))
        let r = min(rows - 1, Int((yMax - y) / (yMax - yMin) * Double(rows)))
        return (max(c, 0), max(r, 0))
    }

    /// This box with a different grid.
    public func resized(columns: Int, rows: Int) -> GridBox {
        GridBox(xMin: xMin, xMax: xMax, yMin: yMin, yMax: yMax, columns: columns, rows: rows)
    }
}

/// How the cells of a map are coloured.
public enum RegionShading: Equatable, Sendable {
    /// One value per cell through a two-colour ramp from `low` (class 0's colour) through white
    /// at `level` to `high` (class 1's colour); `level` is marked by a contour when given.
    case ramp(values: [Double], low: Double, high: Double, level: Double?)
    /// The winning class of each cell (argmax), shaded by its probability (1/k … 1).
    case classes(winners: [Int], confidence: [Double], count: Int)
}

/// One map: a box, its grid and the shading of every cell.
public struct RegionMap: Equatable, Sendable {
    public var box: GridBox
    public var shading: RegionShading
    /// A short title (`unit 3`, `output`).
    public var title: String

    public init(box: GridBox, shading: RegionShading, title: String = "") {
        self.box = box
        self.shading = shading
        self.title = title
    }

    /// The side of the marked level (or the winning class) of cell i, for contours and tests.
    public func side(_ i: Int) -> Int {
        switch shading {
        case let .ramp(values, _, _, level):
            let v = values[i]
            return v.isNaN ? -1 : (v >= (level ?? .infinity) ? 1 : 0)
        case let .classes(winners, _, _):
            return winners[i]
        }
    }

    /// The value of cell i as a fraction 0…1 of the ramp (nil for class maps and nan).
    public func fraction(_ i: Int) -> Double? {
        guard case let .ramp(values, low, high, _) = shading, values[i].isFinite else { return nil }
        guard high > low else { return 0.5 }
        return min(max((values[i] - low) / (high - low), 0), 1)
    }

    /// The colour of cell i.
    public func color(_ i: Int) -> RGB {
        switch shading {
        case .ramp:
            guard let t = fraction(i) else { return RegionPalette.missing }
            let mid = middle
            // Two halves: white at the level, the class colours' tints at the ends.
            if t < mid { return RegionPalette.tint(0, strength: (mid - t) / mid) }
            return RegionPalette.tint(1, strength: (t - mid) / (1 - mid))
        case let .classes(winners, confidence, count):
            let k = Double(max(count, 2))
            let p = confidence[i].isFinite ? confidence[i] : 0
            let strength = min(max((p - 1 / k) / (1 - 1 / k), 0), 1)
            return RegionPalette.tint(winners[i], strength: 0.25 + 0.75 * strength)
        }
    }

    /// Where the level (white) sits on the ramp, as a fraction 0…1 (the middle without a level).
    var middle: Double {
        guard case let .ramp(_, low, high, level) = shading, let level, high > low else { return 0.5 }
        return min(max((level - low) / (high - low), 0.001), 0.999)
    }

    /// The character of cell i without colour: for a ramp, one of five characters below the
    /// level and five at or above it (so the level is where `=` meets `+`); for classes, the
    /// class's fill character.
    public func character(_ i: Int) -> Character {
        switch shading {
        case .ramp:
            guard let t = fraction(i) else { return "?" }
            let mid = middle
            if t < mid { return RegionPalette.ramp[min(4, Int(t / mid * 5))] }
            return RegionPalette.ramp[5 + min(4, Int((t - mid) / (1 - mid) * 5))]
        case let .classes(winners, _, _):
            return RegionPalette.classFills[abs(winners[i]) % RegionPalette.classFills.count]
        }
    }

    /// Every cell as an image of columns × rows pixels.
    public func image() -> RGBImage {
        var img = RGBImage(width: box.columns, height: box.rows)
        for r in 0..<box.rows {
            for c in 0..<box.columns { img.set(c, r, color(r * box.columns + c)) }
        }
        return img
    }
}

/// The colours of region maps: each class's colour is the series colour of its label (as
/// `scatter` draws it), regions a lighter tint of it, points the full colour.
public enum RegionPalette {
    /// How far towards the full class colour the strongest region tint goes.
    public static let maximumTint = 0.55
    /// Cells whose value is nan.
    public static let missing = RGB(200, 200, 200)
    /// The level contour and point outlines.
    public static let contour = RGB(40, 40, 40)

    /// White mixed with class k's colour: strength 0 is white, 1 the strongest tint.
    public static func tint(_ k: Int, strength: Double) -> RGB {
        mix(.white, Palette.color(k), maximumTint * min(max(strength, 0), 1))
    }

    /// (1 − t)·a + t·b per channel.
    public static func mix(_ a: RGB, _ b: RGB, _ t: Double) -> RGB {
        func ch(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8(min(max((Double(x) * (1 - t) + Double(y) * t).rounded(), 0), 255))
        }
        return RGB(ch(a.r, b.r), ch(a.g, b.g), ch(a.b, b.b))
    }

    /// The characters of a ramp without colour, from low to high: values below the middle of
    /// the ramp get the first five, values at or above it the last five.
    public static let ramp: [Character] = Array(" .:-=+*#%@")

    /// The characters of class regions without colour (class k uses entry k mod 8).
    public static let classFills: [Character] = Array(".,:;'`-~")

    /// The mark of a point of class k without colour: its label's digit (a–z past 9).
    public static func pointMark(_ k: Int) -> Character {
        let marks = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        return k >= 0 ? marks[k % marks.count] : "?"
    }
}

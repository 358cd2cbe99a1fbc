// Contours of a region map: where a ramp crosses its level (marching squares between the cell
// centres, linearly interpolated) and where the winning class changes (cell edges). Coordinates
// are in cells: x from 0 to columns, y from 0 (top) to rows; cell (c, r) has its centre at
// (c + ½, r + ½).

extension RegionMap {
    /// The contour's pieces: the level of a ramp (none without a level), or class borders.
    public func contour() -> [Segment] {
        switch shading {
        case let .ramp(values, _, _, level):
            guard let level else { return [] }
            return levelContour(values, level)
        case .classes:
            return classBorders()
        }
    }

    /// Marching squares: each square of four neighbouring cell centres whose corners lie on both
    /// sides of the level gets one or two segments joining the crossing points of its edges.
    func levelContour(_ v: [Double], _ level: Double) -> [Segment] {
        let w = box.columns, h = box.rows
        guard w >= 2, h >= 2 else { return [] }
        var out: [Segment] = []
        func value(_ c: Int, _ r: Int) -> Double { v[r * w + c] }
        for r in 0..<(h - 1) {
            for c in 0..<(w - 1) {
                // Corners: top-left, top-right, bottom-right, bottom-left.
                let corners = [(c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1)]
                let vals = corners.map { value($0.0, $0.1) }
                guard vals.allSatisfy(\.isFinite) else { continue }
                let above = vals.map { $0 >= level }
                if above.allSatisfy({ $0 }) || !above.contains(true) { continue }
                // The crossing on edge k (from corner k to corner k+1), by linear interpolation.
                var points: [(Int, (Double, Double))] = []
                for k in 0..<4 {
                    let j = (k + 1) % 4
                    guard above[k] != above[j] else { continue }
                    let t = (level - vals[k]) / (vals[j] - vals[k])
                    let (c0, r0) = corners[k], (c1, r1) = corners[j]
                    let x = Double(c0) + 0.5 + t * Double(c1 - c0)
                    let y = Double(r0) + 0.5 + t * Double(r1 - r0)
                    points.append((k, (x, y)))
                }
                if points.count == 2 {
                    out.append(Segment(points[0].1.0, points[0].1.1, points[1].1.0, points[1].1.1))
                } else if points.count == 4 {
                    // A saddle: the mean of the corners decides which pairs join.
                    let centreAbove = vals.reduce(0, +) / 4 >= level
                    let pairs = centreAbove == above[0] ? [(0, 1), (2, 3)] : [(3, 0), (1, 2)]
                    for (a, b) in pairs {
                        out.append(Segment(points[a].1.0, points[a].1.1, points[b].1.0, points[b].1.1))
                    }
                }
            }
        }
        return out
    }

    /// The edges between horizontally or vertically neighbouring cells of different classes,
    /// joined into runs along each grid line.
    func classBorders() -> [Segment] {
        let w = box.columns, h = box.rows
        var out: [Segment] = []
        // Vertical edges at x = c + 1, between columns c and c + 1.
        for c in 0..<max(w - 1, 0) {
            var start: Int? = nil
            for r in 0...h {
                let differs = r < h && side(r * w + c) != side(r * w + c + 1)
                if differs, start == nil { start = r }
                if !differs, let s = start {
                    out.append(Segment(Double(c + 1), Double(s), Double(c + 1), Double(r)))
                    start = nil
                }
            }
        }
        // Horizontal edges at y = r + 1, between rows r and r + 1.
        for r in 0..<max(h - 1, 0) {
            var start: Int? = nil
            for c in 0...w {
                let differs = c < w && side(r * w + c) != side((r + 1) * w + c)
                if differs, start == nil { start = c }
                if !differs, let s = start {
                    out.append(Segment(Double(s), Double(r + 1), Double(c), Double(r + 1)))
                    start = nil
                }
            }
        }
        return out
    }

    /// Cells next to a cell on the other side of the level (or of another class): where the
    /// terminal picture marks the boundary.
    public func boundaryCells() -> [Bool] {
        let w = box.columns, h = box.rows
        var marked = [Bool](repeating: false, count: w * h)
        if case .ramp(_, _, _, nil) = shading { return marked }
        for r in 0..<h {
            for c in 0..<w {
                let i = r * w + c, s = side(i)
                guard s >= 0 else { continue }
                // Mark the cell on the upper side of each change, so the line is one cell wide.
                if c + 1 < w, side(i + 1) >= 0, side(i + 1) != s { marked[s > side(i + 1) ? i : i + 1] = true }
                if r + 1 < h, side(i + w) >= 0, side(i + w) != s { marked[s > side(i + w) ? i : i + w] = true }
            }
        }
        return marked
    }
}

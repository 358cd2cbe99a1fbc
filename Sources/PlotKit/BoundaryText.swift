// A decision-boundary picture as text: with colour, half blocks (▀) whose upper and lower
// halves are two grid cells in 24-bit colour, points in their class's full colour and the level
// line darkened; without colour, one character per cell from an honest ramp (or a fill per
// class) with each point shown as its label's digit.

extension BoundaryPicture {
    /// The picture as lines of text: the unit maps layer by layer (when present), then the
    /// output map in a frame, its box and a legend. With colour each map's grid has two cells
    /// per character (rows even), without colour one.
    public func renderText(color: Bool, width: Int = 80) -> [String] {
        var lines: [String] = []
        lines.append("\(model) · \(outputName)")
        for layer in layers {
            lines.append("")
            let shown = layer.maps.count < layer.units ? " (\(layer.maps.count) shown)" : ""
            lines.append("\(layer.title) · \(layer.units) \(layer.transfer) unit\(layer.units == 1 ? "" : "s")\(shown)")
            lines += sideBySide(layer.maps.map { block($0, points: nil, color: color) },
                                titles: layer.maps.map(\.title), width: width)
        }
        if !layers.isEmpty {
            lines.append("")
            lines.append("output")
        }
        let map = block(output, points: points, color: color)
        let inner = output.box.columns
        lines.append("┌" + String(repeating: "─", count: inner) + "┐")
        for row in map { lines.append("│" + row + "│") }
        lines.append("└" + String(repeating: "─", count: inner) + "┘")
        let b = output.box
        lines.append("x₁ \(short(b.xMin)) … \(short(b.xMax)) (left to right), x₂ \(short(b.yMin)) … \(short(b.yMax)) (bottom to top)")
        lines += legendText(color: color)
        return lines
    }

    /// The lines of one map, each exactly `columns` characters wide (plus escapes).
    func block(_ map: RegionMap, points: LabelledPoints?, color: Bool) -> [String] {
        let w = map.box.columns, h = map.box.rows
        // Which cells hold a point, and of which class (a later point wins a shared cell).
        var pointAt = [Int?](repeating: nil, count: w * h)
        if let points {
            for i in 0..<points.count {
                if let (c, r) = map.box.cell(points.xs[i], points.ys[i]) { pointAt[r * w + c] = points.label(i) }
            }
        }
        let unlabelled = points?.labels == nil
        var lines: [String] = []
        if color {
            let boundary = map.boundaryCells()
            func cellColor(_ i: Int) -> RGB {
                if let k = pointAt[i] { return unlabelled ? .axis : Palette.color(k) }
                let c = map.color(i)
                return boundary[i] ? RegionPalette.mix(c, RegionPalette.contour, 0.55) : c
            }
            var r = 0
            while r < h {
                var line = ""
                for c in 0..<w {
                    line += cellColor(r * w + c).foregroundEscape
                    line += r + 1 < h ? cellColor((r + 1) * w + c).backgroundEscape : "\u{1B}[49m"
                    line += "▀"
                }
                lines.append(line + resetEscape)
                r += 2
            }
        } else {
            for r in 0..<h {
                var line = ""
                for c in 0..<w {
                    let i = r * w + c
                    if let k = pointAt[i] {
                        line.append(unlabelled ? "o" : RegionPalette.pointMark(k))
                    } else {
                        line.append(map.character(i))
                    }
                }
                lines.append(line)
            }
        }
        return lines
    }

    /// Maps side by side, two spaces apart, each titled underneath, wrapped to `width` columns.
    func sideBySide(_ blocks: [[String]], titles: [String], width: Int) -> [String] {
        guard let first = blocks.first else { return [] }
        let mapWidth = first.isEmpty ? 0 : max(visibleWidth(first[0]), 1)
        let perRow = max(1, (width + 2) / (mapWidth + 2))
        var lines: [String] = []
        var start = 0
        while start < blocks.count {
            let group = Array(blocks[start..<min(start + perRow, blocks.count)])
            let height = group.map(\.count).max() ?? 0
            for r in 0..<height {
                lines.append(trimmed(group.map { r < $0.count ? $0[r] : String(repeating: " ", count: mapWidth) }.joined(separator: "  ")))
            }
            let names = titles[start..<min(start + perRow, titles.count)].map { t -> String in
                let cut = String(t.prefix(mapWidth))
                let pad = mapWidth - cut.count
                return String(repeating: " ", count: pad / 2) + cut + String(repeating: " ", count: pad - pad / 2)
            }
            lines.append(trimmed(names.joined(separator: "  ")))
            start += perRow
        }
        return lines
    }

    /// What the colours or characters mean.
    func legendText(color: Bool) -> [String] {
        let k = min(classCount, 10)
        var parts: [String] = []
        if points.labels != nil {
            if color {
                parts.append("points: " + (0..<k).map { Palette.color($0).foregroundEscape + "█" + resetEscape + " \($0)" }.joined(separator: "  "))
            } else {
                parts.append("points: their label (" + (0..<k).map { String(RegionPalette.pointMark($0)) }.joined(separator: " ") + ")")
            }
        } else if points.count > 0 {
            parts.append(color ? "points: grey" : "points: o")
        }
        switch output.shading {
        case let .ramp(_, low, high, level):
            let levelText = level.map { Ticks.label($0, step: 0.01).trimmedZeros } ?? "the middle"
            if color {
                parts.append("regions: output \(short(low)) (class 0's colour) … \(short(high)) (class 1's), white at \(levelText)" + (level == nil ? "" : ", the line darker"))
            } else {
                parts.append("regions: output \(short(low)) … \(short(high)) as \" .:-=\" below \(levelText) and \"+*#%@\" at or above")
            }
        case let .classes(_, _, count):
            if color {
                parts.append("regions: the most probable class in its colour, paler where less sure, borders darker")
            } else {
                let fills = (0..<min(count, 10)).map { "\($0) '\(RegionPalette.classFills[$0 % RegionPalette.classFills.count])'" }
                parts.append("regions: the most probable class: " + fills.joined(separator: ", "))
            }
        }
        return parts
    }

    /// A box edge as a short number.
    func short(_ v: Double) -> String {
        let s = Ticks.label(v, step: abs(v) >= 100 ? 1 : 0.01).trimmedZeros
        return s
    }
}

/// The width of a line as shown, without its colour escapes.
func visibleWidth(_ s: String) -> Int {
    var n = 0, inEscape = false
    for ch in s.unicodeScalars {
        if inEscape {
            if ch == "m" { inEscape = false }
            continue
        }
        if ch == "\u{1B}" { inEscape = true; continue }
        n += 1
    }
    return n
}

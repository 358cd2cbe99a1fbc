// Image grids as text: Unicode upper half blocks (▀) whose foreground is the upper pixel and
// background the lower one, in 24-bit grey, or — without colour — a ten-step character ramp with
// two characters per pixel so images keep roughly their aspect.

extension ImageGrid {
    /// The characters from dark to light for pictures without colour.
    public static let ramp: [Character] = Array(" .:-=+*#%@")

    /// Columns one image takes in the terminal.
    public func textWidth(color: Bool) -> Int { color ? width : 2 * width }

    /// How many images fit side by side in `totalWidth` columns (at least 1).
    public func columnsThatFit(_ totalWidth: Int, color: Bool) -> Int {
        max(1, (totalWidth + 1) / (textWidth(color: color) + 1))
    }

    /// The grid as lines of text: blocks of `columns` images per row, band rows one under another,
    /// a blank line between rows of images.
    public func renderText(columns: Int, color: Bool) -> [String] {
        var lines: [String] = []
        for block in blocks(columns: columns) {
            for row in block {
                if !lines.isEmpty { lines.append("") }
                lines += color ? halfBlockRows(row) : rampRows(row)
            }
        }
        return lines
    }

    /// One row of images as half blocks: text row r shows pixel rows 2r (top) and 2r + 1 (bottom).
    func halfBlockRows(_ images: [GreyImage]) -> [String] {
        var lines: [String] = []
        var y = 0
        while y < height {
            var line = ""
            for (k, img) in images.enumerated() {
                if k > 0 { line += resetEscape + " " }
                for x in 0..<width {
                    line += RGB(grey: img.at(x, y)).foregroundEscape
                    if y + 1 < height {
                        line += RGB(grey: img.at(x, y + 1)).backgroundEscape
                    } else {
                        line += "\u{1B}[49m"
                    }
                    line += "▀"
                }
            }
            lines.append(line + resetEscape)
            y += 2
        }
        return lines
    }

    /// One row of images as ramp characters, two per pixel.
    func rampRows(_ images: [GreyImage]) -> [String] {
        let top = ImageGrid.ramp.count - 1
        var lines: [String] = []
        for y in 0..<height {
            var line = ""
            for (k, img) in images.enumerated() {
                if k > 0 { line += " " }
                for x in 0..<width {
                    let g = img.at(x, y)
                    let level = g.isFinite ? min(max(g, 0), 1) : 0
                    let c = ImageGrid.ramp[Int((level * Double(top)).rounded())]
                    line.append(c)
                    line.append(c)
                }
            }
            lines.append(trimmed(line))
        }
        return lines
    }
}

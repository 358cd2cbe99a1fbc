// A network diagram in the terminal: each weight matrix Wˡ (and its bias column) as a Hinton
// diagram — one block per weight, bigger for larger |w|, coloured by sign, or without colour
// filled (w > 0) or hollow (w < 0) — big matrices pooled into blocks that show their largest |w|.

extension NetworkDiagram {
    /// Block characters by size (quarter steps of |w| / max|w|): with colour both signs use the
    /// filled set and the colour tells the sign.
    public static let excitatoryGlyphs: [Character] = ["+", "▪", "■", "█"]
    public static let inhibitoryGlyphs: [Character] = ["-", "▫", "□", "▒"]

    /// The glyph of weight w when the largest |w| is `scale` (a space for exactly 0 or nan).
    static func glyph(_ w: Double, scale: Double, color: Bool) -> Character {
        if w.isNaN { return "?" }
        if w == 0 { return " " }
        // An infinite weight is the largest block; finite ones are at most the scale.
        let level = w.isFinite ? min(3, Int(abs(w) / scale * 4 - 1e-9)) : 3
        return (w > 0 || color ? excitatoryGlyphs : inhibitoryGlyphs)[max(level, 0)]
    }

    /// The diagram as text: a line with the layer sizes, then each Wˡ as a Hinton diagram, then
    /// what the blocks mean.
    public func renderText(color: Bool, width: Int = 80) -> [String] {
        var lines = ["\(title): " + (0..<sizes.count).map { columnLabel($0, summarised: false) }.joined(separator: " → ")]
        for (l, layer) in layers.enumerated() {
            lines.append("")
            lines += hinton(layer, index: l + 1, color: color, width: width)
        }
        lines.append("")
        let blocks = NetworkDiagram.excitatoryGlyphs.reversed().map(String.init).joined(separator: " ")
        if color {
            lines.append(DiagramPalette.excitatory.foregroundEscape + blocks + resetEscape + " excitatory (w > 0)   "
                         + DiagramPalette.inhibitory.foregroundEscape + blocks + resetEscape + " inhibitory (w < 0)")
        } else {
            lines.append(blocks + " excitatory (w > 0)   "
                         + NetworkDiagram.inhibitoryGlyphs.reversed().map(String.init).joined(separator: " ") + " inhibitory (w < 0)")
        }
        lines.append("bigger blocks for larger |w|; row j is unit j of the layer, column i")
        lines.append("its input i, the bias after │")
        return lines
    }

    /// One matrix: rows are the layer's units j, columns the inputs i, then `│` and the bias.
    func hinton(_ layer: DiagramLayer, index l: Int, color: Bool, width: Int) -> [String] {
        // Two columns a weight when they fit, else one, else blocks of gx inputs (and of gy
        // units past 64 rows), each showing its largest |w|.
        let labelWidth = String(max(layer.outputs - 1, 0)).count + 1
        let room = max(width - labelWidth - 4, 8)
        let spaced = layer.inputs * 2 <= room
        let gx = layer.inputs <= room ? 1 : (layer.inputs + room - 1) / room
        let gy = (layer.outputs + 63) / 64
        let cols = (layer.inputs + gx - 1) / gx, rows = (layer.outputs + gy - 1) / gy
        func pooled(_ r: Int, _ c: Int) -> Double {
            var best = 0.0
            for j in (r * gy)..<min((r + 1) * gy, layer.outputs) {
                for i in (c * gx)..<min((c + 1) * gx, layer.inputs) {
                    let w = layer.w(j, i)
                    if w.isNaN { return w }
                    if abs(w) > abs(best) { best = w }
                }
            }
            return best
        }
        func pooledBias(_ r: Int) -> Double {
            var best = 0.0
            for j in (r * gy)..<min((r + 1) * gy, layer.outputs) where abs(layer.biases[j]) > abs(best) || layer.biases[j].isNaN {
                best = layer.biases[j]
            }
            return best
        }
        let finite = layer.weights.filter(\.isFinite).map(abs) + layer.biases.filter(\.isFinite).map(abs)
        let scale = max(finite.max() ?? 1, 1e-300)
        var lines: [String] = []
        lines.append("W\(superscripted(l)) and b\(superscripted(l)) of layer \(l - 1): \(layer.outputs) × \(layer.inputs), \(layer.transfer), largest |w| \(Ticks.label(scale, step: 0.01).trimmedZeros)")
        if gx * gy > 1 { lines.append("(each block the largest |w| of \(gy) × \(gx) weights)") }
        for r in 0..<rows {
            let label = String(r * gy)
            var line = String(repeating: " ", count: max(labelWidth - label.count, 0)) + label + " "
            for c in 0..<cols { line += cell(pooled(r, c), scale: scale, color: color, spaced: spaced) }
            line += (spaced ? "│ " : "│") + cell(pooledBias(r), scale: scale, color: color, spaced: spaced)
            lines.append(trimmed(line))
        }
        return lines
    }

    /// One weight: its glyph (coloured by sign with colour), and a space when `spaced`.
    func cell(_ w: Double, scale: Double, color: Bool, spaced: Bool) -> String {
        let ch = NetworkDiagram.glyph(w, scale: scale, color: color)
        let gap = spaced ? " " : ""
        guard color, ch != " " else { return String(ch) + gap }
        return DiagramPalette.sign(w).foregroundEscape + String(ch) + resetEscape + gap
    }
}

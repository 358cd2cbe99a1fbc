// NetworkDiagram: a feed-forward network as the lecture draws it (Figure 3.1) — one column of
// nodes per layer, inputs on the left, one edge per weight coloured by sign and as wide as |w|,
// nodes coloured by bias — with big layers summarised by their strongest units. The layout is
// computed here once; the scene (SVG, PNG) and the Hinton text are drawn from it.

/// One layer of the drawing: its weights W (outputs × inputs, row-major) and biases.
public struct DiagramLayer: Equatable, Sendable {
    public var inputs: Int
    public var outputs: Int
    /// W[j, i] at j·inputs + i: the weight from unit i below to unit j of this layer.
    public var weights: [Double]
    public var biases: [Double]
    /// The transfer function's name.
    public var transfer: String

    public init(inputs: Int, outputs: Int, weights: [Double], biases: [Double], transfer: String) {
        self.inputs = inputs
        self.outputs = outputs
        self.weights = weights
        self.biases = biases
        self.transfer = transfer
    }

    public func w(_ j: Int, _ i: Int) -> Double { weights[j * inputs + i] }
}

/// The colours of a diagram: excitatory (w > 0) and inhibitory (w < 0) weights and biases.
public enum DiagramPalette {
    public static let excitatory = RGB(31, 119, 180)
    public static let inhibitory = RGB(255, 127, 14)
    /// The colour of a weight's sign (0 counts as excitatory).
    public static func sign(_ w: Double) -> RGB { w < 0 ? inhibitory : excitatory }
}

/// A network's drawing.
public struct NetworkDiagram: Equatable, Sendable {
    public var layers: [DiagramLayer]
    /// A title (`network 2 → 4 → 1`).
    public var title: String

    /// A column with more units than this is summarised ...
    public static let summariseAbove = 16
    /// ... by drawing only this many of its units, those with the largest Σ|w| over all their edges.
    public static let keptUnits = 10

    public init(layers: [DiagramLayer], title: String) {
        self.layers = layers
        self.title = title
    }

    /// Units per column: the inputs, then each layer's outputs.
    public var sizes: [Int] { (layers.first.map { [$0.inputs] } ?? []) + layers.map(\.outputs) }

    /// The units of column c that are drawn, in index order: all of them, or for a big column the
    /// `keptUnits` with the largest total |w| of the edges into and out of them.
    public func shownUnits(_ c: Int) -> [Int] {
        let n = sizes[c]
        guard n > NetworkDiagram.summariseAbove else { return Array(0..<n) }
        var strength = [Double](repeating: 0, count: n)
        if c > 0 {
            let l = layers[c - 1]
            for j in 0..<l.outputs { for i in 0..<l.inputs { strength[j] += abs(l.w(j, i)) } }
        }
        if c < layers.count {
            let l = layers[c]
            for j in 0..<l.outputs { for i in 0..<l.inputs { strength[i] += abs(l.w(j, i)) } }
        }
        // nan (a weight that is nan) ranks last; ties keep index order.
        let key = strength.map { $0.isNaN ? -1 : $0 }
        let order = (0..<n).sorted { key[$0] > key[$1] || (key[$0] == key[$1] && $0 < $1) }
        return order.prefix(NetworkDiagram.keptUnits).sorted()
    }

    /// The largest |w| of the edges drawn (for edge widths), and the largest |b|.
    func scales() -> (weight: Double, bias: Double) {
        var wMax = 0.0, bMax = 0.0
        for (k, l) in layers.enumerated() {
            let below = shownUnits(k), above = shownUnits(k + 1)
            for j in above {
                for i in below where l.w(j, i).isFinite { wMax = max(wMax, abs(l.w(j, i))) }
                if l.biases[j].isFinite { bMax = max(bMax, abs(l.biases[j])) }
            }
        }
        return (wMax > 0 ? wMax : 1, bMax > 0 ? bMax : 1)
    }

    /// The label under column c: `2 inputs`, `4 · tanh`, and for a summarised column in the
    /// drawing `64 inputs (10 shown)`.
    public func columnLabel(_ c: Int, summarised: Bool = true) -> String {
        let n = sizes[c]
        var s = c == 0 ? "\(n) input\(n == 1 ? "" : "s")" : "\(n) · \(layers[c - 1].transfer)"
        if summarised, shownUnits(c).count < n { s += " (\(shownUnits(c).count) shown)" }
        return s
    }

    // MARK: - the scene

    /// The diagram as a scene: columns `gap` pixels apart, nodes `pitch` pixels apart.
    public func scene() -> Scene {
        let columns = sizes.count
        let shown = (0..<columns).map(shownUnits)
        let most = shown.map(\.count).max() ?? 1
        let pitch = most > 12 ? 30.0 : 40.0, radius = most > 12 ? 10.0 : 13.0
        let gap = 170.0, left = 70.0, top = 58.0
        let legendHeight = 64.0
        let height = top + Double(most) * pitch + 58 + legendHeight
        let width = max(left * 2 + gap * Double(max(columns - 1, 1)), 600)
        var scene = Scene(width: Int(width), height: Int(height), title: "diagram of the \(title)")
        scene.text(title, x: 12, y: 22, size: 15, color: .black, bold: true)
        let (wMax, bMax) = scales()
        let hasBias = layers.contains { $0.biases.contains { $0 != 0 && $0.isFinite } }
        func position(_ c: Int, _ k: Int) -> (Double, Double) {
            let x = left + gap * Double(c) + (columns == 1 ? gap / 2 : 0)
            let block = Double(shown[c].count) * pitch
            let y = top + (Double(most) * pitch - block) / 2 + (Double(k) + 0.5) * pitch
            return (x, y)
        }
        // Edges first, the weaker underneath the stronger.
        var edges: [(Double, SceneShape)] = []
        for (l, layer) in layers.enumerated() {
            for (kj, j) in shown[l + 1].enumerated() {
                let (x1, y1) = position(l + 1, kj)
                for (ki, i) in shown[l].enumerated() {
                    let w = layer.w(j, i)
                    guard w.isFinite else { continue }
                    let (x0, y0) = position(l, ki)
                    let strength = abs(w) / wMax
                    edges.append((abs(w), .line(x0: x0 + radius, y0: y0, x1: x1 - radius, y1: y1,
                                                color: DiagramPalette.sign(w), width: 0.6 + 5.4 * strength, opacity: 0.35 + 0.55 * strength)))
                }
            }
        }
        for (_, e) in edges.sorted(by: { $0.0 < $1.0 }) { scene.add(e) }
        // Nodes: inputs white, the others coloured by the sign and size of their bias.
        for c in 0..<columns {
            for (k, unit) in shown[c].enumerated() {
                let (x, y) = position(c, k)
                var fill = RGB.white
                if c > 0 {
                    let b = layers[c - 1].biases[unit]
                    if b.isFinite, b != 0 { fill = RegionPalette.mix(.white, DiagramPalette.sign(b), 0.1 + 0.8 * abs(b) / bMax) }
                }
                scene.add(.circle(cx: x, cy: y, r: radius, fill: fill, stroke: .axis, strokeWidth: 1.2))
                let name = c == 0 ? "x\(subscripted(unit + 1))" : "\(unit)"
                scene.text(name, x: c == 0 ? x - radius - 5 : x, y: y + 4, size: c == 0 ? 12 : 10,
                           color: .black, anchor: c == 0 ? .end : .middle)
            }
            let (x, _) = position(c, 0)
            let bottom = top + Double(most) * pitch
            if shown[c].count < sizes[c] {
                scene.text("+ \(sizes[c] - shown[c].count) more", x: x, y: bottom + 12, size: 10, anchor: .middle)
            }
            scene.text(columnLabel(c), x: x, y: bottom + 30, size: 12, color: .black, anchor: .middle, bold: true)
            if c > 0 { scene.text("W\(superscripted(c)), b\(superscripted(c))", x: x - gap / 2, y: top - 14, size: 11, anchor: .middle) }
        }
        // The legend.
        let ly = height - legendHeight + 14
        scene.add(.line(x0: 16, y0: ly, x1: 46, y1: ly, color: DiagramPalette.excitatory, width: 4, opacity: 0.9))
        scene.text("excitatory, w > 0", x: 52, y: ly + 4, size: 11)
        scene.add(.line(x0: 176, y0: ly, x1: 206, y1: ly, color: DiagramPalette.inhibitory, width: 4, opacity: 0.9))
        scene.text("inhibitory, w < 0", x: 212, y: ly + 4, size: 11)
        let biasNote = hasBias ? "node colour: the sign and size of its bias (largest |b| \(Ticks.label(bMax, step: 0.01).trimmedZeros))"
            : "every bias is 0 (white nodes)"
        scene.text("width ∝ |w| (largest \(Ticks.label(wMax, step: 0.01).trimmedZeros)); \(biasNote)", x: 16, y: ly + 24, size: 11)
        if shown.enumerated().contains(where: { $0.element.count < sizes[$0.offset] }) {
            scene.text("a layer of more than \(NetworkDiagram.summariseAbove) units shows its \(NetworkDiagram.keptUnits) with the largest Σ|w|, and only their edges",
                       x: 16, y: ly + 42, size: 11)
        }
        return scene
    }
}

/// A number in Unicode subscript digits (x₁).
func subscripted(_ n: Int) -> String {
    String(String(n).map { ch -> Character in
        guard let d = ch.wholeNumberValue else { return ch }
        return Array("₀₁₂₃₄₅₆₇₈₉")[d]
    })
}

/// A number in Unicode superscript digits (W¹).
func superscripted(_ n: Int) -> String {
    String(String(n).map { ch -> Character in
        guard let d = ch.wholeNumberValue else { return ch }
        return Array("⁰¹²³⁴⁵⁶⁷⁸⁹")[d]
    })
}

// BoundaryPicture: a model's decision regions over the input plane with the data points on
// top and, optionally, one small map per hidden unit laid out by layer (TensorFlow Playground's
// neuron pictures); and its layout as a scene for SVG and PNG files.

/// Points of the plane and, when known, their class labels.
public struct LabelledPoints: Equatable, Sendable {
    public var xs: [Double]
    public var ys: [Double]
    /// One label per point (0-based classes), or nil when the points are unlabelled.
    public var labels: [Int]?

    public init(xs: [Double], ys: [Double], labels: [Int]?) {
        self.xs = xs
        self.ys = ys
        self.labels = labels
    }

    public var count: Int { min(xs.count, ys.count) }
    /// The label of point i (0 when unlabelled).
    public func label(_ i: Int) -> Int { labels.map { i < $0.count ? $0[i] : 0 } ?? 0 }
}

/// The hidden units of one layer as small maps.
public struct UnitLayer: Equatable, Sendable {
    /// `layer 0`, `tanh`.
    public var title: String
    public var transfer: String
    /// The maps drawn (at most `maximumUnitsShown`).
    public var maps: [RegionMap]
    /// The layer's number of units (more than maps.count when some are left out).
    public var units: Int

    public init(title: String, transfer: String, maps: [RegionMap], units: Int) {
        self.title = title
        self.transfer = transfer
        self.maps = maps
        self.units = units
    }
}

/// A whole decision-boundary picture.
public struct BoundaryPicture: Equatable, Sendable {
    /// The model's output over the box.
    public var output: RegionMap
    /// The data points drawn on top.
    public var points: LabelledPoints
    /// The hidden layers' unit maps (empty unless asked for).
    public var layers: [UnitLayer]
    /// A description of the model (`network 2 → 8 → 1`).
    public var model: String
    /// What the output map shows (`sigmoid output`, `softmax over 3 classes`).
    public var outputName: String

    /// The most unit maps drawn per layer; the rest are counted in a note.
    public static let maximumUnitsShown = 16

    public init(output: RegionMap, points: LabelledPoints, layers: [UnitLayer], model: String, outputName: String) {
        self.output = output
        self.points = points
        self.layers = layers
        self.model = model
        self.outputName = outputName
    }

    /// The classes named in the legend: the labels present, or the output's classes.
    public var classCount: Int {
        var k = 2
        if case let .classes(_, _, count) = output.shading { k = count }
        if let labels = points.labels, let top = labels.max() { k = max(k, top + 1) }
        return k
    }

    /// A one-line description (notebook alt text, SVG title).
    public var summary: String {
        let units = layers.isEmpty ? "" : ", with the maps of \(layers.map(\.units).reduce(0, +)) hidden units"
        return "decision regions of the \(model) (\(outputName))\(units) and \(points.count) points"
    }

    /// The level line's name in legends.
    var levelName: String? {
        switch output.shading {
        case let .ramp(_, _, _, level):
            return level.map { "output = \(Ticks.label($0, step: 0.01).trimmedZeros)" }
        case .classes:
            return "class border"
        }
    }

    // MARK: - layout for files

    /// The picture as a scene; the output map is `side` pixels square.
    public func scene(side: Double = 400) -> Scene {
        // Unit maps shrink when a layer has many units, so a column stays about as tall as the
        // output map; below 40 pixels they lose their captions.
        let most = Double(layers.map(\.maps.count).max() ?? 1)
        let unitPitch = min(86, max(32, (side + 20) / max(most, 1)))
        let captioned = unitPitch - 22 >= 40
        let unitSide = captioned ? unitPitch - 22 : unitPitch - 6, columnWidth = max(unitSide + 26, 70)
        let left = 56.0, top = 46.0, bottom = 78.0, right = 24.0
        let unitsWidth = Double(layers.count) * columnWidth
        let mapX = left + unitsWidth + (layers.isEmpty ? 0 : 28)
        let tallest = layers.map { Double($0.maps.count) * unitPitch + ($0.units > $0.maps.count ? 16 : 0) }.max() ?? 0
        let height = max(top + side + bottom, top + 30 + tallest + 12)
        let width = mapX + side + right
        var scene = Scene(width: Int(width.rounded(.up)), height: Int(height.rounded(.up)), title: summary)
        scene.text("\(model) · \(outputName)", x: 12, y: 22, size: 15, color: .black, bold: true)

        // Hidden units, one column per layer, like Playground's network view.
        for (k, layer) in layers.enumerated() {
            let x = left - 44 + Double(k) * columnWidth + (columnWidth - unitSide) / 2
            scene.text(layer.title, x: x + unitSide / 2, y: top + 4, size: 12, color: .black, anchor: .middle, bold: true)
            scene.text(layer.transfer, x: x + unitSide / 2, y: top + 18, size: 11, anchor: .middle)
            for (j, map) in layer.maps.enumerated() {
                let y = top + 30 + Double(j) * unitPitch
                scene.add(.image(map.image(), x: x, y: y, w: unitSide, h: unitSide))
                scene.add(.rect(x: x, y: y, w: unitSide, h: unitSide, fill: nil, stroke: .grid, strokeWidth: 1))
                if captioned { scene.text(map.title, x: x + unitSide / 2, y: y + unitSide + 13, size: 10, anchor: .middle) }
            }
            if layer.units > layer.maps.count {
                let y = top + 30 + Double(layer.maps.count) * unitPitch + 4
                scene.text("+ \(layer.units - layer.maps.count) more", x: x + unitSide / 2, y: y, size: 10, anchor: .middle)
            }
        }

        // The output map, its level line, the points and the axes.
        let box = output.box
        let y0 = top
        scene.add(.image(output.image(), x: mapX, y: y0, w: side, h: side))
        let sx = side / Double(box.columns), sy = side / Double(box.rows)
        let contour = output.contour().map { Segment(mapX + $0.x0 * sx, y0 + $0.y0 * sy, mapX + $0.x1 * sx, y0 + $0.y1 * sy) }
        scene.add(.segments(contour, color: RegionPalette.contour, width: 2))
        func px(_ x: Double) -> Double { mapX + (x - box.xMin) / (box.xMax - box.xMin) * side }
        func py(_ y: Double) -> Double { y0 + (box.yMax - y) / (box.yMax - box.yMin) * side }
        let r = max(2.5, min(4.5, side / 110))
        for i in 0..<points.count {
            let x = points.xs[i], y = points.ys[i]
            guard x.isFinite, y.isFinite, x >= box.xMin, x <= box.xMax, y >= box.yMin, y <= box.yMax else { continue }
            let fill = points.labels == nil ? RGB.axis : Palette.color(points.label(i))
            scene.add(.circle(cx: px(x), cy: py(y), r: r, fill: fill, stroke: .white, strokeWidth: 1))
        }
        scene.add(.rect(x: mapX, y: y0, w: side, h: side, fill: nil, stroke: .axis, strokeWidth: 1))
        let xt = Ticks.nice(box.xMin, box.xMax, target: 5), yt = Ticks.nice(box.yMin, box.yMax, target: 5)
        for (v, label) in zip(xt.values, xt.labels) {
            scene.add(.line(x0: px(v), y0: y0 + side, x1: px(v), y1: y0 + side + 4, color: .axis, width: 1, opacity: 1))
            scene.text(label, x: px(v), y: y0 + side + 17, size: 11, anchor: .middle)
        }
        for (v, label) in zip(yt.values, yt.labels) {
            scene.add(.line(x0: mapX - 4, y0: py(v), x1: mapX, y1: py(v), color: .axis, width: 1, opacity: 1))
            scene.text(label, x: mapX - 7, y: py(v) + 4, size: 11, anchor: .end)
        }
        scene.text("x₁", x: mapX + side + 6, y: y0 + side + 17, size: 12, color: .black)
        scene.text("x₂", x: mapX - 7, y: y0 - 6, size: 12, color: .black, anchor: .end)
        legend(&scene, x: mapX, y: y0 + side + 42, width: side)
        return scene
    }

    /// Class swatches, the level line and (for a ramp) a colour bar, under the output map.
    private func legend(_ scene: inout Scene, x: Double, y: Double, width: Double) {
        var cx = x
        if points.labels != nil || { if case .classes = output.shading { return true } else { return false } }() {
            for k in 0..<min(classCount, 10) {
                scene.add(.circle(cx: cx + 5, cy: y - 4, r: 4.5, fill: Palette.color(k), stroke: .white, strokeWidth: 1))
                scene.text("class \(k)", x: cx + 13, y: y, size: 11)
                cx += 62
            }
        }
        if let levelName {
            scene.add(.line(x0: cx + 2, y0: y - 4, x1: cx + 22, y1: y - 4, color: RegionPalette.contour, width: 2, opacity: 1))
            scene.text(levelName, x: cx + 27, y: y, size: 11)
        }
        if case let .ramp(_, low, high, level) = output.shading {
            // A bar of the ramp's colours from low to high, 1 pixel per step, scaled.
            let steps = 100
            var bar = RGBImage(width: steps, height: 1)
            let ramp = RegionMap(box: GridBox(xMin: 0, xMax: 1, yMin: 0, yMax: 1, columns: steps, rows: 1),
                                 shading: .ramp(values: (0..<steps).map { low + (high - low) * (Double($0) + 0.5) / Double(steps) },
                                                low: low, high: high, level: level))
            for i in 0..<steps { bar.set(i, 0, ramp.color(i)) }
            let barX = x, barY = y + 10, barW = min(width, 220.0)
            scene.add(.image(bar, x: barX, y: barY, w: barW, h: 8))
            scene.add(.rect(x: barX, y: barY, w: barW, h: 8, fill: nil, stroke: .grid, strokeWidth: 1))
            scene.text(Ticks.label(low, step: 0.01).trimmedZeros, x: barX, y: barY + 21, size: 10, anchor: .start)
            scene.text(Ticks.label(high, step: 0.01).trimmedZeros, x: barX + barW, y: barY + 21, size: 10, anchor: .end)
            scene.text("output", x: barX + barW + 8, y: barY + 8, size: 10)
        }
    }
}

extension String {
    /// "0.50" → "0.5", "1.00" → "1", "-0.00" → "0": a label without trailing zeros.
    var trimmedZeros: String {
        guard contains("."), !contains("e") else { return self }
        var s = self
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}

// The boundary built-in: a model with two inputs evaluated once, as one batch, on every cell of
// a grid over the data's box, drawn as decision regions with the points on top and (units: true)
// one small map per hidden unit. The grid computation is here; PlotKit draws.
import TensorKit
import NeuralKit
import PlotKit

extension PlotLibrary {
    static var boundary: Builtin {
        Builtin(
            "boundary",
            [.required("model"), .required("X"), .optional("labels"), .named("units", .bool(false)), .named("res"),
             .named("features"), .named("level"), .named("file")],
            help: """
            Draws the decision regions of a model with two inputs (a network, layer, neuron, perceptron, or \
            a function of an N×2 batch) over the square box around the points X (N×2, a 10 % margin), with \
            the points on top coloured by `labels` (class numbers [N], N×1 0/1 targets or one-hot rows). \
            The model runs once on the batch of all grid cells. A single output is shown by its value \
            through a two-colour ramp (class 0's colour, white at `level`, class 1's colour) with the level \
            line marked; level is 0.5 for sigmoid, step and perceptrons, 0 for tanh. Several outputs \
            (softmax) show the most probable class, paler where it is less sure. units: true adds one \
            small map per hidden unit of every hidden layer (its activation over the same box), laid out by \
            layer as in TensorFlow Playground. features: f turns the plane's points P (N×2) into the model's \
            inputs (f(P) = concat(P, P^2, axis: 1) for x₁² and x₂²). res: sets the grid: cells per side in \
            files (default 100), columns in the terminal (default 48). In the terminal: half blocks in 24-bit \
            colour, or without colour one character per cell (\" .:-=\" below the level, \"+*#%@\" at or \
            above, each point as its label's digit); file: "b.png" or "b.svg" writes a picture.
            """,
            example: """
            seed(0)
            d = xor()
            net = mlp([2, 4, 1], act: tanh, out: sigmoid)
            train(net, d.x, d.y, opt: sgd(lr: 0.5), epochs: 500);
            boundary(net, d.x, d.y, res: 24)
            boundary(net, d.x, d.y, units: true, file: "/tmp/nns-example-boundary.svg")
            """
        ) { args, ctx in
            let model = try BoundaryModel(args["model"])
            let x = try args.tensor("X")
            guard x.rank == 2, x.shape[1] == 2, x.shape[0] >= 1 else {
                throw ScriptError.badArgument("X", to: "boundary", "the N×2 points of the plane expected, got shape \(x.shape)")
            }
            let features: Value? = args.isNone("features") ? nil : args["features"]
            if features == nil, let m = model.inputs, m != 2 {
                throw ScriptError.runtime("boundary: the \(model.name) takes \(m) inputs, but decision regions are drawn over a plane of two: train a model on a 2-D feature pair (such as X[:, 0:2]) or on a 2-D projection (such as an autoencoder's 2-D code), or give features: fn(P) = ... turning the plane's points P (N×2) into the model's \(m) inputs")
            }
            let labels = try pointLabels(args["labels"], rows: x.shape[0])
            let units = try args.bool("units")
            let level: Double?
            if args.isNone("level") {
                level = model.outputTransfer == .tanh ? 0 : 0.5
            } else {
                let l = try args.number("level")
                guard l.isFinite else { throw ScriptError.badArgument("level", to: "boundary", ScriptError.expected("a finite number", got: Tensor.numberText(l))) }
                level = l
            }
            let res: Int? = args.isNone("res") ? nil : try args.int("res")
            if let res, !(2...1000).contains(res) {
                throw ScriptError.badArgument("res", to: "boundary", "a whole number from 2 to 1000 cells per side expected, got \(res)")
            }
            let area = GridBox.around(xs: stride(from: 0, to: x.count, by: 2).map { x.storage[$0] },
                                      ys: stride(from: 1, to: x.count, by: 2).map { x.storage[$0] })
            let points = LabelledPoints(xs: stride(from: 0, to: x.count, by: 2).map { x.storage[$0] },
                                        ys: stride(from: 1, to: x.count, by: 2).map { x.storage[$0] }, labels: labels)
            let box = GridBox(xMin: area.xMin, xMax: area.xMax, yMin: area.yMin, yMax: area.yMax, columns: 2, rows: 2)
            let spec = BoundarySpec(model: model, features: features, units: units, level: level, points: points, box: box)
            let file: String? = args.isNone("file") ? nil : try args.string("file")
            try present(file: file, alt: "decision regions of the \(model.name)", ctx,
                        scene: { try spec.picture(columns: res ?? 100, rows: res ?? 100, unitCells: 40, ctx).scene() },
                        text: { width in
                            let color = ctx.terminal.color
                            let cols = min(res ?? 48, max(width - 2, 8))
                            // Characters are about twice as tall as wide: two cells a character with
                            // colour (half blocks), one without, on a grid half as tall.
                            let rows = color ? cols + cols % 2 : max(cols / 2, 1)
                            let unitCols = 12, unitRows = color ? 12 : 6
                            return try spec.picture(columns: cols, rows: rows, unitCells: unitCols, unitRows: unitRows, ctx)
                                .renderText(color: color, width: width)
                        })
            return .none
        }
    }

    /// Class numbers from labels: [N] or N×1 whole numbers ≥ 0, or one-hot (N×k) rows by argmax.
    static func pointLabels(_ v: Value, rows n: Int) throws -> [Int]? {
        guard case .tensor(let t) = v else {
            if case .none = v { return nil }
            if let t = tensorValue(v) { return try pointLabels(.tensor(t), rows: n) }
            throw ScriptError.badArgument("labels", to: "boundary", "tensor of class labels expected, got \(v.kindName)")
        }
        if t.rank == 2, t.shape[0] == n, t.shape[1] >= 2 {
            let k = t.shape[1]
            return (0..<n).map { i in
                var best = 0
                for j in 1..<k where t.storage[i * k + j] > t.storage[i * k + best] { best = j }
                return best
            }
        }
        guard t.count == n, t.rank <= 1 || (t.rank == 2 && t.shape[1] == 1) else {
            throw ScriptError.badArgument("labels", to: "boundary", "one class per point of X (\(n)) expected, got shape \(t.shape)")
        }
        return try t.storage.map { l in
            guard l.isFinite, l >= 0, l == l.rounded(), l < 1000 else {
                throw ScriptError.badArgument("labels", to: "boundary", ScriptError.expected("class numbers 0, 1, 2, …", got: Tensor.numberText(l)))
            }
            return Int(l)
        }
    }
}

/// Everything `boundary` needs to build its picture at any grid size.
struct BoundarySpec {
    let model: BoundaryModel
    let features: Value?
    let units: Bool
    let level: Double?
    let points: LabelledPoints
    let box: GridBox

    /// The picture with a columns × rows output grid and unitCells × unitRows unit maps.
    func picture(columns: Int, rows: Int, unitCells: Int, unitRows: Int? = nil, _ ctx: ScriptContext) throws -> BoundaryPicture {
        let grid = box.resized(columns: columns, rows: rows)
        let (out, _) = try run(grid, units: false, ctx)
        let k = out.shape[1]
        let transfer = model.outputTransfer
        let outputMap: RegionMap
        let outputName: String
        if k == 1 {
            let values = out.storage
            var (low, high) = BoundarySpec.outputRange(transfer, values, level: level)
            if let level { low = min(low, level); high = max(high, level) }
            outputMap = RegionMap(box: grid, shading: .ramp(values: values, low: low, high: high, level: level), title: "output")
            outputName = "\(transfer.map { "\($0.name) " } ?? "")output"
        } else {
            var winners = [Int](repeating: 0, count: out.shape[0]), confidence = [Double](repeating: 0, count: out.shape[0])
            out.storage.withUnsafeBufferPointer { p in
                for i in 0..<out.shape[0] {
                    var best = 0
                    for j in 1..<k where p[i * k + j] > p[i * k + best] { best = j }
                    winners[i] = best
                    confidence[i] = p[i * k + best]
                }
            }
            outputMap = RegionMap(box: grid, shading: .classes(winners: winners, confidence: confidence, count: k), title: "output")
            outputName = transfer == .softmax ? "softmax over \(k) classes" : "the largest of \(k) outputs"
        }
        var layers: [UnitLayer] = []
        if units {
            let unitGrid = box.resized(columns: unitCells, rows: unitRows ?? unitCells)
            let (_, hidden) = try run(unitGrid, units: true, ctx)
            for (l, (layer, a)) in hidden.enumerated() {
                let width = layer.outputs
                let shown = min(width, BoundaryPicture.maximumUnitsShown)
                let maps = (0..<shown).map { j -> RegionMap in
                    let values = stride(from: j, to: a.count, by: width).map { a.storage[$0] }
                    let (low, high) = BoundarySpec.unitRange(layer.activation, values)
                    return RegionMap(box: unitGrid, shading: .ramp(values: values, low: low, high: high, level: nil),
                                     title: "unit \(j)")
                }
                layers.append(UnitLayer(title: "layer \(l)", transfer: layer.activation.name, maps: maps, units: width))
            }
        }
        return BoundaryPicture(output: outputMap, points: points, layers: layers, model: model.name, outputName: outputName)
    }

    /// The model on every cell centre of `grid` (through `features:` when given).
    func run(_ grid: GridBox, units: Bool, _ ctx: ScriptContext) throws -> (output: Tensor, hidden: [(Dense, Tensor)]) {
        var input = Tensor(shape: [grid.columns * grid.rows, 2], storage: grid.centres())
        if let features {
            guard case .tensor(let t) = try ctx.callFunction(features, [.tensor(input)]), t.rank == 2, t.shape[0] == input.shape[0] else {
                throw ScriptError.badArgument("features", to: "boundary", "a function from the N×2 points to an N×m matrix of the model's inputs expected")
            }
            if let m = model.inputs, t.shape[1] != m {
                throw ScriptError.runtime("boundary: features: gave \(t.shape[1]) columns but the \(model.name) takes \(m) inputs")
            }
            input = t
        }
        return try model.evaluate(input, units: units, ctx)
    }

    /// The ramp of a single output: the transfer function's own range when bounded, else the
    /// values' range widened to reach half a unit either side of the level.
    static func outputRange(_ act: Activation?, _ values: [Double], level: Double?) -> (Double, Double) {
        func observed() -> (Double, Double) {
            let finite = values.filter(\.isFinite)
            return (min(finite.min() ?? 0, (level ?? 0.5) - 0.5), max(finite.max() ?? 1, (level ?? 0.5) + 0.5))
        }
        guard let act else { return observed() }
        switch act {
        case .sigmoid, .step, .softmax: return (0, 1)
        case .tanh: return (-1, 1)
        case .linear, .relu, .leakyRelu, .softplus, .gelu, .swish: return observed()
        }
    }

    /// The colour range of a hidden unit's map: the transfer function's own range when bounded
    /// (0…1 for sigmoid, −1…1 for tanh), else the unit's smallest to largest activation over the
    /// grid (a ReLU unit: low where it is off, high where it fires most); white is the middle. A
    /// unit constant over the box (a dead ReLU) is white.
    static func unitRange(_ act: Activation, _ values: [Double]) -> (Double, Double) {
        switch act {
        case .sigmoid, .step, .softmax: return (0, 1)
        case .tanh: return (-1, 1)
        case .linear, .relu, .leakyRelu, .softplus, .gelu, .swish:
            let finite = values.filter(\.isFinite)
            guard let lo = finite.min(), let hi = finite.max(), hi - lo > 1e-12 * max(abs(lo), abs(hi), 1e-300) else {
                let v = finite.first ?? 0
                return (v - 1, v + 1)
            }
            return (lo, hi)
        }
    }
}

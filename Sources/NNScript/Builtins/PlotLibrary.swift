// The plot library: plot, scatter, hist, show — pictures in the terminal, in PNG/SVG files,
// and in notebook pages (through the context's picture sink). The drawing lives in PlotKit;
// scatter and hist are in PlotLibrary+Charts.swift, show in PlotLibrary+Images.swift.
import TensorKit
import PlotKit

enum PlotLibrary {
    // MARK: plot

    static var plot: Builtin {
        Builtin(
            "plot",
            [.variadic("values"), .named("from", .number(-5)), .named("to", .number(5)),
             .named("samples", .number(401)), .named("labels"), .named("title"), .named("xlabel"),
             .named("ylabel"), .named("file"), .named("width"), .named("height")],
            help: """
            Draws line plots. `plot(f, g, ...)` plots functions (transfer functions, `d(f)`, your own \
            `fn`s) over [from, to], each evaluated once on a tensor of `samples` points (per number if \
            the function does not take tensors). `plot(y)` plots a tensor against its index (each \
            column of an N×k tensor is a line; a training history plots its loss per epoch); \
            `plot(x, y1, y2, ...)` plots tensors against x. `labels: ["a", "b"]` names the lines, \
            `title:` adds a title, `xlabel:` and `ylabel:` name the axes (any text, Chinese too, kept \
            as written). In the terminal it draws with Braille dots (colour when the terminal \
            has it); `file: "name.png"` or `"name.svg"` writes a file instead (`width:`/`height:` in \
            pixels, default 640×400; without file: they count characters, and a notebook page's picture \
            takes 9 pixels a column and 20 a row). nan and inf values leave gaps.
            """,
            example: """
            plot(sigmoid, tanh, relu, from: -4, to: 4)
            plot(fn(u) = u^2, from: -2, to: 2, file: "/tmp/nns-example-plot.svg")
            plot(linspace(0, 1, 50) ^ 2, title: "squares", xlabel: "x", ylabel: "x²")
            plot(sigmoid, labels: ["激活函数 sigmoid"], title: "转移函数", file: "/tmp/nns-example-plot.png")
            """
        ) { args, ctx in
            let chart = try lineChart(args, ctx)
            try emit(chart, args, ctx, alt: "line plot of \(chart.series.map(\.name).joined(separator: ", "))")
            return .none
        }
    }

    /// The chart `plot` draws: function series, or tensor series against an index or an x tensor.
    static func lineChart(_ args: Arguments, _ ctx: ScriptContext) throws -> Chart {
        let values = args.rest
        guard !values.isEmpty else {
            throw ScriptError.runtime("plot needs something to draw: functions (plot(sigmoid)), a tensor (plot(h.loss)) or x and y (plot(x, y))")
        }
        let names = try stringList(args, "labels")
        var series: [Series] = []
        if values.allSatisfy({ if case .function = $0 { return true } else { return false } }) {
            let from = try args.number("from"), to = try args.number("to")
            guard from.isFinite, to.isFinite, from < to, (to - from).isFinite else {
                throw ScriptError.badArgument("from", to: "plot", "a finite number below a finite to: expected, got from: \(Tensor.numberText(from)), to: \(Tensor.numberText(to))")
            }
            let n = try args.int("samples")
            guard (2...100_000).contains(n) else {
                throw ScriptError.badArgument("samples", to: "plot", "a number from 2 to 100000 expected, got \(n)")
            }
            let xs = (0..<n).map { from + (to - from) * Double($0) / Double(n - 1) }
            for (k, v) in values.enumerated() {
                guard case .function(let f) = v else { continue }
                let name = f.name.hasPrefix("<") ? "function \(k + 1)" : f.name
                series.append(Series(name: name, x: xs, y: try sample(v, name: name, at: xs, ctx)))
            }
        } else {
            var tensors: [(String, Tensor)] = []
            for (k, v) in values.enumerated() {
                tensors += try plottable(v, position: k + 1, ctx)
            }
            series = try tensorSeries(tensors)
        }
        for (k, name) in names.enumerated() where k < series.count { series[k].name = name }
        return try titled(Chart(series: series, kind: .lines), args)
    }

    /// y = f(x) at each x: one vectorised call on the tensor of all x, else one call per number.
    static func sample(_ f: Value, name: String, at xs: [Double], _ ctx: ScriptContext) throws -> [Double] {
        if let result = try? ctx.callFunction(f, [.tensor(Tensor(xs))]) {
            switch result {
            case .tensor(let t) where t.count == xs.count: return t.storage
            case .tensor(let t) where t.count == 1: return Array(repeating: t.storage[0], count: xs.count)
            case .number(let y): return Array(repeating: y, count: xs.count)
            default: break
            }
        }
        var ys: [Double] = []
        ys.reserveCapacity(xs.count)
        for x in xs {
            try ctx.checkInterrupt()
            switch try ctx.callFunction(f, [.number(x)]) {
            case .number(let y): ys.append(y)
            case .bool(let b): ys.append(b ? 1 : 0)
            case .tensor(let t) where t.count == 1: ys.append(t.storage[0])
            case let other:
                let what = name.allSatisfy(\.isNumber) ? "function #\(name)" : name
                throw ScriptError.runtime("plot: \(what) gave a \(other.kindName) at x = \(briefNumber(x)), a number expected")
            }
        }
        return ys
    }

    /// The tensors a plot argument stands for: a tensor or numeric list itself, or a training
    /// history's `loss` (and `val_loss`).
    static func plottable(_ v: Value, position: Int, _ ctx: ScriptContext) throws -> [(String, Tensor)] {
        if let t = tensorValue(v) { return [("y", t)] }
        if case .object(let o) = v, o.fieldNames.contains("loss") {
            var out: [(String, Tensor)] = []
            for field in ["loss", "val_loss"] where o.fieldNames.contains(field) {
                if let t = tensorValue(try o.field(field, context: ctx)), t.count > 0 {
                    // Epochs count from 1.
                    out.append(("epoch", Tensor((1...t.count).map(Double.init))))
                    out.append((field, t))
                }
            }
            if !out.isEmpty { return out }
        }
        throw ScriptError.badArgument(position: position, to: "plot", "function, tensor or history expected, got \(v.kindName)")
    }

    /// Series from tensors: one tensor is y against its index; several are x then y's. A history
    /// gives ("epoch", x) pairs that are used as x for the series after them.
    static func tensorSeries(_ tensors: [(String, Tensor)]) throws -> [Series] {
        var series: [Series] = []
        var x: [Double]? = nil
        var pending = tensors
        if pending.count >= 2, pending[0].0 == "y", pending[1].0 == "y" {
            let t = pending.removeFirst().1
            guard t.rank <= 1 || t.shape.filter({ $0 != 1 }).count <= 1 else {
                throw ScriptError.runtime("plot: x must be a vector, got shape \(t.shape)")
            }
            x = t.storage
        }
        for (name, t) in pending {
            if name == "epoch" { x = t.storage; continue }
            let columns = t.rank == 2 ? t.shape[1] : 1
            let rows = columns == 0 ? 0 : t.count / columns
            let xs = x ?? (0..<rows).map(Double.init)
            guard xs.count == rows else {
                throw ScriptError.runtime("plot: x has \(xs.count) values but y of shape \(t.shape) has \(rows) rows")
            }
            for c in 0..<columns {
                let ys = (0..<rows).map { t.storage[$0 * columns + c] }
                series.append(Series(name: columns == 1 ? name : "\(name)[:, \(c)]", x: xs, y: ys))
            }
        }
        return series
    }

    // MARK: shared

    /// The chart with the `title:`, `xlabel:` and `ylabel:` arguments.
    static func titled(_ chart: Chart, _ args: Arguments) throws -> Chart {
        var chart = chart
        func text(_ name: String) throws -> String? { args.isNone(name) ? nil : try args.string(name) }
        chart = Chart(series: chart.series, kind: chart.kind, title: try text("title"),
                      xLabel: try text("xlabel"), yLabel: try text("ylabel"))
        return chart
    }

    /// Draws a chart: to `file:` (PNG or SVG), to the notebook's picture sink, or as text.
    static func emit(_ chart: Chart, _ args: Arguments, _ ctx: ScriptContext, alt: String) throws {
        let widthGiven = args.isNone("width") ? nil : try args.int("width")
        let heightGiven = args.isNone("height") ? nil : try args.int("height")
        func pixels() throws -> (Int, Int) {
            let w = widthGiven ?? 640, h = heightGiven ?? 400
            guard (100...8000).contains(w), (80...8000).contains(h) else {
                throw ScriptError.badArgument((100...8000).contains(w) ? "height" : "width", to: args.function, "width: 100…8000 and height: 80…8000 pixels expected, got \(w)×\(h)")
            }
            return (w, h)
        }
        func png() throws -> [UInt8] {
            let (w, h) = try pixels()
            return try pngBytes(try chart.canvas(width: w, height: h), ctx)
        }
        if !args.isNone("file") {
            let path = try args.string("file")
            switch try PictureFormat(path: path) {
            case .png:
                let bytes = try png()
                try PictureFile.write(bytes, to: path)
                if !ctx.terminal.isTerminal { ctx.pictureSink?(bytes, alt, nil) }
            case .svg:
                let (w, h) = try pixels()
                try PictureFile.write(text: try chart.svg(width: w, height: h), to: path)
                if !ctx.terminal.isTerminal, let sink = ctx.pictureSink { sink(try png(), alt, nil) }
            }
            return
        }
        func text() throws -> String {
            let width = widthGiven ?? (ctx.terminal.isTerminal ? ctx.terminal.width - 1 : 72)
            let layout = TextLayout(width: width, height: heightGiven ?? 20, color: ctx.terminal.color)
            return try chart.renderText(layout).map { $0 + "\n" }.joined()
        }
        if let sink = ctx.pictureSink {
            // Without file: the sizes count characters (the terminal picture); the page's picture
            // scales them, 9 pixels a column and 20 a row (72 × 20 characters ≈ 640 × 400 pixels).
            let w = widthGiven.map { min(max($0 * 9, 320), 8000) } ?? 640
            let h = heightGiven.map { min(max($0 * 20, 200), 8000) } ?? 400
            sink(try pngBytes(try chart.canvas(width: w, height: h), ctx), alt, ctx.terminal.isTerminal ? nil : try text())
        }
        if ctx.pictureSink == nil || ctx.terminal.isTerminal {
            ctx.write(try text())
        }
    }

    /// A drawn picture's PNG bytes, after telling the user (once a session) about text the
    /// installed fonts could not draw.
    static func pngBytes(_ canvas: Canvas, _ ctx: ScriptContext) throws -> [UInt8] {
        if canvas.textLeftOut {
            ctx.warnOnce("no-font", """
                warning: no font was found (fontconfig lists none), so PNG pictures are drawn without \
                their text; install one, e.g. apt-get install fonts-dejavu-core fonts-wqy-microhei
                """)
        }
        let missing = canvas.charactersWithoutFont.filter { !ctx.givenWarnings.contains("glyph " + String($0)) }
        if !missing.isEmpty {
            for c in missing { ctx.givenWarnings.insert("glyph " + String(c)) }
            let shown = missing.prefix(8).map { String($0) }.joined(separator: " ") + (missing.count > 8 ? " …" : "")
            ctx.writeError("""
                warning: no installed font has \(shown); the PNG shows a box for each. Install a font \
                that has them (for Chinese: apt-get install fonts-wqy-microhei)\n
                """)
        }
        return try canvas.png()
    }

    /// A tensor from a tensor, number or list of numbers.
    static func tensorValue(_ v: Value) -> Tensor? {
        switch v {
        case .tensor(let t): return t
        case .number(let x): return Tensor([x])
        case .list(let l):
            var xs: [Double] = []
            for item in l.items {
                guard case .number(let x) = item else { return nil }
                xs.append(x)
            }
            return Tensor(xs)
        default: return nil
        }
    }

    /// A list of strings argument (`labels: ["a", "b"]`), empty when absent.
    static func stringList(_ args: Arguments, _ name: String) throws -> [String] {
        switch args[name] {
        case .none: return []
        case .string(let s): return [s]
        case .list(let l):
            return try l.items.map { item in
                guard case .string(let s) = item else { throw args.bad(name, "list of strings") }
                return s
            }
        default: throw args.bad(name, "list of strings")
        }
    }

    /// A number in a label or message, as nns prints it.
    static func briefNumber(_ x: Double) -> String { Tensor.numberText(x) }

    // MARK: table

    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "plot", builtins: [plot, scatter, hist, show, boundary, diagram])
    }
}

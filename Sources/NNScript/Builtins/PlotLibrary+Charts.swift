// The scatter and hist built-ins: points coloured by class, and histograms of tensor values.
import TensorKit
import PlotKit

extension PlotLibrary {
    static var scatter: Builtin {
        Builtin(
            "scatter",
            [.required("X"), .optional("labels"), .named("names"), .named("title"), .named("xlabel"),
             .named("ylabel"), .named("file"), .named("width"), .named("height")],
            help: """
            Draws the rows of an N×2 tensor X as points (x = column 0, y = column 1). `labels` gives \
            each point's class (N class numbers, an N×k one-hot tensor, or a list of N names): each class gets its own \
            colour, or — without colour — its own mark, and a legend entry (`names: ["cat", "dog"]` \
            names them). `title:`, `xlabel:` and `ylabel:` label the picture. `file: "name.png"` or \
            `"name.svg"` writes a file instead.
            """,
            example: """
            scatter([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], names: ["假", "真"], xlabel: "x₁", ylabel: "x₂")
            """
        ) { args, ctx in
            let X = try args.tensor("X")
            guard X.rank == 2, X.shape[1] == 2 else {
                throw ScriptError.badArgument("X", to: "scatter", "an N×2 tensor (one point per row) expected, got shape \(X.shape)")
            }
            let n = X.shape[0]
            let xs = (0..<n).map { X.storage[2 * $0] }, ys = (0..<n).map { X.storage[2 * $0 + 1] }
            var series: [Series] = []
            if args.isNone("labels") {
                series = [Series(name: "points", x: xs, y: ys)]
            } else if case .list(let list) = args["labels"], list.items.count == n,
                      case .string? = list.items.first {
                // Labels as names ("cat", "dog"): one group per name, in order of appearance.
                var order: [String] = [], members: [String: [Int]] = [:]
                for (i, item) in list.items.enumerated() {
                    guard case .string(let label) = item else { throw args.bad("labels", "class numbers or names") }
                    if members[label] == nil { order.append(label) }
                    members[label, default: []].append(i)
                }
                guard order.count <= 40 else {
                    throw ScriptError.runtime("scatter: labels has \(order.count) different names; at most 40 classes")
                }
                series = order.map { label in
                    let m = members[label] ?? []
                    return Series(name: label, x: m.map { xs[$0] }, y: m.map { ys[$0] })
                }
            } else {
                let classes = try classIndices(try args.tensor("labels"), count: n)
                let names = try stringList(args, "names")
                let distinct = Array(Set(classes.filter { !$0.isNaN })).sorted()
                guard distinct.count <= 40 else {
                    throw ScriptError.badArgument("labels", to: "scatter", "class labels (at most 40 different) expected, got \(distinct.count) different values")
                }
                for (k, c) in distinct.enumerated() {
                    let members = (0..<n).filter { classes[$0] == c }
                    let name = k < names.count ? names[k] : briefNumber(c)
                    series.append(Series(name: name, x: members.map { xs[$0] }, y: members.map { ys[$0] }))
                }
            }
            let chart = try titled(Chart(series: series, kind: .points), args)
            try emit(chart, args, ctx, alt: "scatter plot of \(n) points in \(series.count) group\(series.count == 1 ? "" : "s")")
            return .none
        }
    }

    /// Class numbers from N labels, or from an N×k one-hot tensor (the argmax of each row).
    static func classIndices(_ labels: Tensor, count n: Int) throws -> [Double] {
        if labels.rank == 2, labels.shape[0] == n, labels.shape[1] > 1 {
            let k = labels.shape[1]
            return (0..<n).map { i in
                let row = labels.storage[(i * k)..<((i + 1) * k)]
                return Double((row.indices.max { row[$0] < row[$1] } ?? i * k) - i * k)
            }
        }
        guard labels.count == n else {
            throw ScriptError.runtime("scatter: X has \(n) points but labels has shape \(labels.shape)")
        }
        return labels.storage
    }

    static var hist: Builtin {
        Builtin(
            "hist",
            [.required("x"), .named("bins", .number(20)), .named("range"), .named("label"),
             .named("title"), .named("xlabel"), .named("ylabel"), .named("file"), .named("width"),
             .named("height")],
            help: """
            Draws a histogram of every value of x (any shape): `bins` equal bins over the range of \
            the values, or over `range: [low, high]` (values outside are left out; nan and inf are \
            not counted). Handy for weights and activations: `hist(net.layers[0].W, bins: 30)`. \
            `label:` names the bars in the legend; `title:`, `xlabel:` and `ylabel:` label the \
            picture. `file: "name.png"` or `"name.svg"` writes a file instead.
            """,
            example: """
            hist(randn(1000), bins: 15, xlabel: "权重 w", ylabel: "个数")
            """
        ) { args, ctx in
            let x = try args.tensor("x")
            let bins = try args.int("bins")
            guard (1...1000).contains(bins) else {
                throw ScriptError.badArgument("bins", to: "hist", "a number from 1 to 1000 expected, got \(bins)")
            }
            let finite = x.storage.filter(\.isFinite)
            var low: Double, high: Double
            if args.isNone("range") {
                guard let lo = finite.min(), let hi = finite.max() else {
                    throw ScriptError.runtime("hist: x has no finite values (shape \(x.shape))")
                }
                (low, high) = (lo, hi)
            } else {
                guard let r = tensorValue(args["range"]), r.count == 2,
                      r.storage[0].isFinite, r.storage[1].isFinite, r.storage[0] < r.storage[1] else {
                    throw ScriptError.badArgument("range", to: "hist", "[low, high] with low < high, both finite, expected")
                }
                (low, high) = (r.storage[0], r.storage[1])
            }
            if low == high { low -= 0.5; high += 0.5 }
            let span = high - low
            guard span.isFinite else {
                throw ScriptError.runtime("hist: the values span more than the largest number; give range: [low, high]")
            }
            // Bin of v: ⌊(v − low) / span · bins⌋, the top edge counted in the last bin.
            var counts = [Double](repeating: 0, count: bins)
            for v in finite where v >= low && v <= high {
                counts[min(bins - 1, Int((v - low) / span * Double(bins)))] += 1
            }
            let width = span / Double(bins)
            let centres = (0..<bins).map { low + (Double($0) + 0.5) * width }
            let name = args.isNone("label") ? "count" : try args.string("label")
            let chart = try titled(Chart(series: [Series(name: name, x: centres, y: counts)], kind: .bars(width: width)), args)
            try emit(chart, args, ctx, alt: "histogram of \(finite.count) values in \(bins) bins")
            return .none
        }
    }
}

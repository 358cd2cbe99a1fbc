// The toy data library: two-input classification sets for decision-boundary lessons (spiral,
// circles, moons, blobs), each a record {x, y, onehot} drawn from the seeded stream.
import TensorKit
import NeuralKit

enum ToyDataLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "data", builtins: [spiral, circles, moons, blobs])
    }

    /// The NumPy recipe for nns's normal draws, shared by every help text below.
    static let normalRecipe = "randn(k) = √(−2 ln(1 − u₁))·cos(2π u₂) on two uniforms per normal, in NumPy: u = rng.random((k, 2)); np.sqrt(-2*np.log(1 - u[:, 0]))*np.cos(2*np.pi*u[:, 1])"

    static var spiral: Builtin {
        Builtin("spiral", [.named("n", .number(300)), .named("classes", .number(3)), .named("noise", .number(0.2))],
                help: """
                CS231n's spirals: `classes` arms of n/classes points each (the last takes the remainder). \
                For class c with m points, t = linspace(0, 1, m), radius r = t, angle = 4c + 4t + noise·N(0, 1), \
                the point (r sin angle, r cos angle); label c. Returns {x (n×2), y (labels [n]), onehot (n×classes)}, \
                rows class by class. The normals are one randn per point in row order, where \(normalRecipe).
                """,
                example: "seed(0)\nd = spiral(n: 300, classes: 3)\nd.x.shape\nsum(d.onehot, axis: 0)") { args, ctx in
            let d = try DataSets.spiral(n: try count(args, "n"), classes: try count(args, "classes"),
                                        noise: try args.number("noise"), rng: ctx.rng)
            return record(d)
        }
    }

    static var circles: Builtin {
        Builtin("circles", [.named("n", .number(300)), .named("noise", .number(0.1)), .named("factor", .number(0.5))],
                help: """
                Two circles (scikit-learn's make_circles, rows not shuffled): class 0 is n/2 points on the \
                circle of radius 1 at angles linspace(0, 2π, m, endpoint=False), class 1 the rest on the circle \
                of radius `factor` (0 < factor < 1); then N(0, noise²) is added to each coordinate: noise·randn(n, 2), \
                drawn row-major even when noise is 0, where \(normalRecipe). A linear model cannot separate \
                them; x₁² and x₂² as extra features can. Returns {x, y, onehot}.
                """,
                example: "seed(0)\nd = circles(n: 200, noise: 0.05)\nmean(sqrt(sum(d.x[0:100] ^ 2, axis: 1)))") { args, ctx in
            let d = try DataSets.circles(n: try count(args, "n"), noise: try args.number("noise"),
                                         factor: try args.number("factor"), rng: ctx.rng)
            return record(d)
        }
    }

    static var moons: Builtin {
        Builtin("moons", [.named("n", .number(300)), .named("noise", .number(0.1))],
                help: """
                Two interleaving half circles (scikit-learn's make_moons, rows not shuffled): class 0 is n/2 \
                points (cos θ, sin θ), class 1 the rest (1 − cos θ, 1 − sin θ − 0.5), θ = linspace(0, π, m) \
                for each class; then noise·randn(n, 2) is added (drawn row-major even when noise is 0), where \
                \(normalRecipe). Returns {x, y, onehot}.
                """,
                example: "seed(0)\nd = moons(n: 100, noise: 0.1)\nd.y[0:3]") { args, ctx in
            let d = try DataSets.moons(n: try count(args, "n"), noise: try args.number("noise"), rng: ctx.rng)
            return record(d)
        }
    }

    static var blobs: Builtin {
        Builtin("blobs", [.named("n", .number(300)), .named("centers", .number(3)), .named("std", .number(1.0))],
                help: """
                Gaussian clusters: first `centers` centres drawn uniformly in [−5, 5]² (−5 + 10·rand(centers, 2)), \
                then n/centers points around each centre in turn (the last takes the remainder), each \
                centre + std·N(0, 1) per coordinate: one randn(n, 2) drawn row-major, where \(normalRecipe). \
                Returns {x, y, onehot, centers (centers×2)}.
                """,
                example: "seed(0)\nd = blobs(n: 90, centers: 3, std: 0.5)\nd.centers") { args, ctx in
            let (d, centres) = try DataSets.blobs(n: try count(args, "n"), centers: try count(args, "centers"),
                                                  std: try args.number("std"), rng: ctx.rng)
            guard case .record(let r) = record(d) else { return record(d) }
            r["centers"] = .tensor(centres)
            return .record(r)
        }
    }

    /// A whole-number count argument (n, classes, centers), range-checked by the data set.
    static func count(_ args: Arguments, _ name: String) throws -> Int {
        let x = try args.number(name)
        guard x.isFinite, x == x.rounded(), abs(x) <= 1e15 else {
            throw ScriptError.badArgument(name, to: args.function, "whole number expected, got \(Tensor.numberText(x))")
        }
        return Int(x)
    }

    /// {x, y, onehot} of a labelled set.
    static func record(_ d: DataSet) -> Value {
        .record(RecordBox([("x", .tensor(d.x)), ("y", .tensor(d.y)), ("onehot", .tensor(d.onehot ?? d.y))]))
    }
}

// The tensor library: tensor creation, shape, random draws and printing precision; the
// elementwise, reduction and product built-ins are in TensorLibrary+Math.swift.
import TensorKit

enum TensorLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "tensor", builtins: creation + shapes + random + math + reductions)
    }

    static var creation: [Builtin] {
        [
            Builtin("zeros", [.variadic("dims")],
                    help: "A tensor of the given shape filled with 0: zeros(2, 3) or zeros([2, 3]).",
                    example: "zeros(2, 3)") { args, _ in
                .tensor(try Tensor.zeros(try TensorArgs.shape(args.rest, function: "zeros")))
            },
            Builtin("ones", [.variadic("dims")],
                    help: "A tensor of the given shape filled with 1: ones(2, 3).",
                    example: "ones(3)") { args, _ in
                .tensor(try Tensor.ones(try TensorArgs.shape(args.rest, function: "ones")))
            },
            Builtin("full", [.required("shape"), .required("value")],
                    help: "A tensor of the given shape with every element `value`: full([2, 3], 7).",
                    example: "full([2, 3], 7)") { args, _ in
                let shape = try TensorArgs.shape([args["shape"]], function: "full")
                return .tensor(try Tensor(shape: shape, repeating: try args.number("value")))
            },
            Builtin("eye", [.required("n"), .optional("m")],
                    help: "The n×n identity matrix (n×m with a second size).",
                    example: "eye(3)") { args, _ in
                let n = try Tensor.dimension(try args.number("n"), "eye")
                let m = args.isNone("m") ? n : try Tensor.dimension(try args.number("m"), "eye")
                return .tensor(try Tensor.eye(n, m))
            },
            Builtin("arange", [.required("start"), .optional("stop"), .optional("step", .number(1))],
                    help: "Numbers from start up to (not including) stop by step, as NumPy's arange; arange(n) is 0, 1, …, n−1.",
                    example: "arange(0, 10, 2)") { args, _ in
                let (start, stop) = args.isNone("stop")
                    ? (0, try args.number("start")) : (try args.number("start"), try args.number("stop"))
                return .tensor(try Tensor.arange(start, stop, try args.number("step")))
            },
            Builtin("linspace", [.required("start"), .required("stop"), .optional("n", .number(50))],
                    help: "n evenly spaced numbers from start to stop, both included (NumPy's linspace).",
                    example: "linspace(-5, 5, 11)") { args, _ in
                let n = try Tensor.dimension(try args.number("n"), "linspace")
                return .tensor(try Tensor.linspace(try args.number("start"), try args.number("stop"), n))
            },
            Builtin("blas_info", [],
                    help: "The BLAS library behind @ and its kernel set and thread count, e.g. \"OpenBLAS 0.3.21 (SkylakeX kernels, 2 threads)\".",
                    example: "blas_info()") { _, _ in
                .string(Tensor.blasDescription)
            },
            Builtin("precision", [.optional("digits")],
                    help: "Sets how many significant digits tensors print with (default 4) and returns the previous setting; precision() just returns it.",
                    example: "old = precision(6)\nprint(rand(3))\nprecision(old)") { args, context in
                let old = context.printPrecision
                if !args.isNone("digits") {
                    let d = try args.int("digits")
                    guard d >= 1, d <= 17 else {
                        throw ScriptError.badArgument("digits", to: "precision", "a number of digits from 1 to 17 expected, got \(d)")
                    }
                    context.printPrecision = d
                }
                return .number(Double(old))
            },
        ]
    }

    static var shapes: [Builtin] {
        [
            Builtin("len", [.required("x")],
                    help: "The length of a tensor's first axis, or the number of items of a list, characters of a string or fields of a record.",
                    example: "len(zeros(4, 2))\nlen([\"a\", \"b\"])\nlen(\"hello\")") { args, _ in
                switch args["x"] {
                case .tensor(let t):
                    guard let n = t.shape.first else {
                        throw ScriptError.runtime("len: a number (0-d tensor) has no length")
                    }
                    return .number(Double(n))
                case .list(let box): return .number(Double(box.items.count))
                case .string(let s): return .number(Double(s.count))
                case .record(let r): return .number(Double(r.keys.count))
                case .number, .bool, .none, .function, .object:
                    throw args.bad("x", "tensor, list, string or record")
                }
            },
            Builtin("reshape", [.required("x"), .variadic("dims")],
                    help: "The same elements (row-major order) in a new shape; one dimension may be -1 and is inferred: reshape(x, 3, -1).",
                    example: "reshape(arange(6), 2, 3)") { args, _ in
                let x = try args.anyTensor("x")
                return .tensor(try x.reshaped(inferring: try TensorArgs.reshapeDims(args.rest, function: "reshape")))
            },
            Builtin("flatten", [.required("x")],
                    help: "The elements as one axis, in row-major order.",
                    example: "flatten(eye(2))") { args, _ in
                .tensor(try args.anyTensor("x").flattened())
            },
            Builtin("transpose", [.required("x"), .variadic("axes")],
                    help: "The axes in reverse order (x.T; a matrix's transpose), or in the given order: transpose(x, 1, 0, 2).",
                    example: "transpose([[1, 2, 3], [4, 5, 6]])") { args, _ in
                let x = try args.anyTensor("x")
                if x.rank >= 2 { try Tensor.checkRoom(forCopyOf: x) }
                if args.rest.isEmpty { return .tensor(x.transposed()) }
                let axes = try TensorArgs.reshapeDims(args.rest, function: "transpose")
                return .tensor(try x.transposed(axes: axes))
            },
            Builtin("concat", [.variadic("parts"), .named("axis", .number(0))],
                    help: "Tensors joined along an existing axis (default 0); the other axes must agree. concat(a, b, axis: 1) or concat([a, b, c]).",
                    example: "concat([1, 2], [3])\nconcat(eye(2), ones(2, 1), axis: 1)") { args, _ in
                let parts = try tensorParts(args, "concat")
                return .tensor(try Tensor.concat(parts, axis: try args.int("axis")))
            },
            Builtin("stack", [.variadic("parts"), .named("axis", .number(0))],
                    help: "Tensors of one shape stacked along a new axis (default 0).",
                    example: "stack([1, 2], [3, 4])") { args, _ in
                let parts = try tensorParts(args, "stack")
                return .tensor(try Tensor.stack(parts, axis: try args.int("axis")))
            },
        ]
    }

    /// The tensors of a variadic call, or of a single list argument.
    static func tensorParts(_ args: Arguments, _ function: String) throws -> [Tensor] {
        var values = args.rest
        if values.count == 1, case .list(let box) = values[0] { values = box.items }
        guard !values.isEmpty else { throw ScriptError.runtime("\(function) needs at least one tensor") }
        return try values.enumerated().map { i, v in
            try TensorArgs.tensor(v, name: "#\(i + 1)", function: function)
        }
    }

    static var random: [Builtin] {
        [
            Builtin("seed", [.required("n")],
                    help: "Reseeds the random stream: after seed(n) every draw is reproducible, and the uniform stream equals NumPy's default_rng(n).random() bit for bit. n is a whole number from 0 to 2^64 − 1 (above 2^53 numbers are rounded to a Double first).",
                    example: "seed(42)\nrand(3)") { args, context in
                context.rng.reseed(try TensorArgs.seed(try args.number("n")))
                return .none
            },
            Builtin("rand", [.variadic("dims")],
                    help: "Uniform draws in [0, 1) of the given shape (NumPy: default_rng(n).random(shape)); rand() is one number.",
                    example: "seed(42)\nrand(2, 3)") { args, context in
                if args.rest.isEmpty { return .number(context.rng.nextDouble()) }
                return .tensor(try Tensor.rand(try TensorArgs.shape(args.rest, function: "rand"), rng: context.rng))
            },
            Builtin("randn", [.variadic("dims")],
                    help: "Standard normal draws of the given shape; each is Box–Muller on two uniforms: √(−2 ln(1 − u₁)) cos(2π u₂).",
                    example: "seed(0)\nrandn(3)") { args, context in
                if args.rest.isEmpty { return .number(context.rng.nextNormal()) }
                return .tensor(try Tensor.randn(try TensorArgs.shape(args.rest, function: "randn"), rng: context.rng))
            },
            Builtin("uniform", [.required("low"), .required("high"), .variadic("dims")],
                    help: "Uniform draws in [low, high): low + (high − low)·u for each uniform u.",
                    example: "uniform(-1, 1, 2, 2)") { args, context in
                let (low, high) = (try args.number("low"), try args.number("high"))
                let shape = try TensorArgs.shape(args.rest, function: "uniform")
                return .tensor(try Tensor.uniform(shape, low: low, high: high, rng: context.rng))
            },
            Builtin("randint", [.required("low"), .required("high"), .variadic("dims")],
                    help: "Whole numbers drawn uniformly from low to high − 1, unbiased; the same as NumPy's default_rng(n).integers(low, high, shape).",
                    example: "randint(0, 10, 5)") { args, context in
                let (low, high) = (try args.int("low"), try args.int("high"))
                guard high > low else {
                    throw ScriptError.badArgument("high", to: "randint", "a number above low (\(low)) expected, got \(high)")
                }
                let shape = try TensorArgs.shape(args.rest, function: "randint")
                var t = try Tensor.zeros(shape)
                t.mapInPlace { _ in Double(low + context.rng.nextInt(below: high - low)) }
                return args.rest.isEmpty ? .number(t.storage[0]) : .tensor(t)
            },
            Builtin("permutation", [.required("x")],
                    help: "permutation(n): the numbers 0 … n−1 in random order; permutation(X): the rows of X in random order. Both equal NumPy's default_rng(s).permutation(...).",
                    example: "seed(1)\npermutation(5)") { args, context in
                if case .number(let x) = args["x"] {
                    let n = try Tensor.dimension(x, "permutation")
                    return .tensor(Tensor(context.rng.permutation(n).map(Double.init)))
                }
                return .tensor(try args.anyTensor("x").shuffledRows(rng: context.rng))
            },
            Builtin("shuffle", [.required("x")],
                    help: "A copy of x with its rows (first axis) in random order, as NumPy's rng.permutation(x); x itself is unchanged.",
                    example: "shuffle([[1, 2], [3, 4], [5, 6]])") { args, context in
                .tensor(try args.anyTensor("x").shuffledRows(rng: context.rng))
            },
        ]
    }
}

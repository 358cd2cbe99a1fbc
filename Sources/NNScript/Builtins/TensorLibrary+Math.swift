// The tensor library's elementwise functions, reductions and products; numbers in, numbers out;
// tensors in, tensors out (NumPy broadcasting where two operands meet).
import TensorKit

extension TensorLibrary {
    /// An elementwise built-in of one argument.
    static func unary(_ f: UnaryFunction, _ help: String, example: String) -> Builtin {
        Builtin(f.rawValue, [.required("x")], help: help, example: example) { args, _ in
            if case .number(let x) = args["x"] { return .number(f.apply(x)) }
            let x = try args.anyTensor("x")
            try Tensor.checkRoom(forCopyOf: x)
            return .tensor(x.applying(f))
        }
    }

    static var math: [Builtin] {
        [
            unary(.exp, "eˣ elementwise.", example: "exp([0, 1])"),
            unary(.log, "The natural logarithm elementwise (log 0 = -inf, log of a negative number = nan).", example: "log([1, 10])"),
            unary(.log2, "The base-2 logarithm elementwise.", example: "log2(8)"),
            unary(.log10, "The base-10 logarithm elementwise.", example: "log10(1000)"),
            unary(.log1p, "ln(1 + x) elementwise, accurate for small x.", example: "log1p(1e-10)"),
            unary(.expm1, "eˣ − 1 elementwise, accurate for small x.", example: "expm1(1e-10)"),
            unary(.sqrt, "The square root elementwise (nan below 0).", example: "sqrt([4, 9])"),
            unary(.abs, "The absolute value elementwise.", example: "abs([-1, 2])"),
            unary(.sin, "The sine elementwise (radians).", example: "sin(1.5707963267948966)"),
            unary(.cos, "The cosine elementwise (radians).", example: "cos(0)"),
            unary(.tan, "The tangent elementwise (radians).", example: "tan(0.5)"),
            unary(.asin, "The arc sine elementwise.", example: "asin(1)"),
            unary(.acos, "The arc cosine elementwise.", example: "acos(0)"),
            unary(.atan, "The arc tangent elementwise.", example: "atan(1)"),
            unary(.sinh, "The hyperbolic sine elementwise.", example: "sinh(1)"),
            unary(.cosh, "The hyperbolic cosine elementwise.", example: "cosh(1)"),
            unary(.floor, "The largest whole number ≤ x, elementwise.", example: "floor([1.5, -1.5])"),
            unary(.ceil, "The smallest whole number ≥ x, elementwise.", example: "ceil([1.5, -1.5])"),
            unary(.trunc, "x with its fraction dropped (towards 0), elementwise.", example: "trunc([1.7, -1.7])"),
            unary(.sign, "-1, 0 or 1 by the sign of x, elementwise (nan stays nan).", example: "sign([-2, 0, 3])"),
            unary(.square, "x² elementwise.", example: "square([1, 2, 3])"),
            Builtin("round", [.required("x"), .optional("digits", .number(0))],
                    help: "Rounds to the nearest whole number (halves to even, as NumPy), or to `digits` decimals.",
                    example: "round([0.5, 1.5, 2.675])\nround(3.14159, 2)") { args, _ in
                let d = try args.int("digits")
                if case .number(let x) = args["x"] { return .number(Tensor(scalar: x).rounded(decimals: d).storage[0]) }
                let x = try args.anyTensor("x")
                try Tensor.checkRoom(forCopyOf: x)
                return .tensor(x.rounded(decimals: d))
            },
            clip("clip"), clip("clamp"),
            extreme("max", greater: true), extreme("min", greater: false),
        ]
    }

    static func clip(_ name: String) -> Builtin {
        Builtin(name, [.required("x"), .required("low"), .required("high")],
                help: "Each element limited to [low, high] (NumPy's clip).",
                example: "\(name)([-2, 0.5, 3], 0, 1)") { args, _ in
            let (low, high) = (try args.number("low"), try args.number("high"))
            guard low <= high else {
                throw ScriptError.badArgument("low", to: name, ScriptError.expected("at most high (\(Tensor.numberText(high)))", got: Tensor.numberText(low)))
            }
            if case .number(let x) = args["x"] { return .number(Swift.min(Swift.max(x, low), high)) }
            let x = try args.anyTensor("x")
            try Tensor.checkRoom(forCopyOf: x)
            return .tensor(x.clipped(low: low, high: high))
        }
    }

    /// max/min: of two operands elementwise with broadcasting, or a reduction of one.
    static func extreme(_ name: String, greater: Bool) -> Builtin {
        Builtin(name, [.required("a"), .optional("b"), .named("axis")],
                help: "\(name)(a, b): the \(greater ? "larger" : "smaller") of a and b elementwise, with broadcasting (nan wins). \(name)(x): the \(greater ? "largest" : "smallest") element, a number; \(name)(x, axis: k) along axis k.",
                example: "\(name)([1, 5, 3])\n\(name)([[1, 5], [7, 2]], axis: 0)\n\(name)([-1, 2], 0)") { args, _ in
            if !args.isNone("b") {
                guard args.isNone("axis") else {
                    throw ScriptError.runtime("\(name): axis: applies to one tensor, not to two operands")
                }
                if case .number(let x) = args["a"], case .number(let y) = args["b"] {
                    return .number(x.isNaN || (greater ? x >= y : x <= y) ? x : y)
                }
                let (a, b) = (try args.anyTensor("a"), try args.anyTensor("b"))
                return .tensor(greater ? try Tensor.maximum(a, b) : try Tensor.minimum(a, b))
            }
            return try reduce(args, greater ? .max : .min)
        }
    }

    /// A reduction over the whole tensor (a number) or along `axis:` (a tensor).
    static func reduce(_ args: Arguments, _ op: Reduction) throws -> Value {
        let xName = args.function == "max" || args.function == "min" ? "a" : "x"
        let x = try args.anyTensor(xName)
        if let axis = try args.axis() {
            return TensorArgs.value(try x.reduced(op, axis: axis))
        }
        func nonEmpty(_ v: Double?) throws -> Double {
            guard let v else { throw ScriptError.runtime("\(op.rawValue): the tensor is empty") }
            return v
        }
        switch op {
        case .sum: return .number(x.sum())
        case .mean: return .number(x.mean())
        case .max: return .number(try nonEmpty(x.maxElement()))
        case .min: return .number(try nonEmpty(x.minElement()))
        case .argmax: return .number(Double(try nonEmpty(x.argmax().map(Double.init))))
        case .argmin: return .number(Double(try nonEmpty(x.argmin().map(Double.init))))
        case .prod: return .number(try x.flattened().reduced(.prod, axis: 0).storage[0])
        }
    }

    static func reduction(_ op: Reduction, _ help: String, example: String) -> Builtin {
        Builtin(op.rawValue, [.required("x"), .named("axis")], help: help, example: example) { args, _ in
            try reduce(args, op)
        }
    }

    static var reductions: [Builtin] {
        [
            reduction(.sum, "The sum of all elements (a number), or along axis: k (sum(X, axis: 0) sums the rows). Pairwise summation as NumPy.",
                      example: "sum([[1, 2], [3, 4]])\nsum([[1, 2], [3, 4]], axis: 0)"),
            reduction(.mean, "The mean of all elements, or along axis: k.", example: "mean([1, 2, 3, 4])"),
            reduction(.prod, "The product of all elements, or along axis: k.", example: "prod([1, 2, 3, 4])"),
            reduction(.argmax, "The position of the largest element (first of ties) in the flattened tensor, or along axis: k.",
                      example: "argmax([3, 9, 2])\nargmax([[1, 5], [7, 2]], axis: 1)"),
            reduction(.argmin, "The position of the smallest element (first of ties), or along axis: k.", example: "argmin([3, 9, 2])"),
            Builtin("std", [.required("x")], help: "The standard deviation of all elements, √(mean((x − mean x)²)) (NumPy's default).",
                    example: "std([1, 2, 3, 4])") { args, _ in
                .number(try args.anyTensor("x").variance().squareRoot())
            },
            Builtin("norm", [.required("x")], help: "The Euclidean (Frobenius) norm √(Σ x²) of all elements.",
                    example: "norm([3, 4])") { args, _ in
                .number(try args.anyTensor("x").norm())
            },
            Builtin("dot", [.required("a"), .required("b")],
                    help: "The dot product Σ aᵢ bᵢ of two vectors (a number); for matrices the same as a @ b.",
                    example: "dot([1, 2, 3], [4, 5, 6])") { args, _ in
                let (a, b) = (try args.anyTensor("a"), try args.anyTensor("b"))
                if a.rank == 0 || b.rank == 0 { return TensorArgs.value(try Tensor.binary(.multiply, a, b)) }
                return TensorArgs.value(try Tensor.matmulOperator(a, b))
            },
            Builtin("outer", [.required("a"), .required("b")],
                    help: "The outer product: outer(a, b)[i, j] = aᵢ bⱼ (both flattened).",
                    example: "outer([1, 2], [1, 10, 100])") { args, _ in
                let (a, b) = (try args.anyTensor("a"), try args.anyTensor("b"))
                return .tensor(try Tensor.binary(.multiply, a.flattened().reshaped([a.count, 1]), b.flattened()))
            },
        ]
    }
}

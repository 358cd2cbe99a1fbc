// The transfer library: transfer functions as values (φ on numbers and tensors), `d(f)` for
// their derivatives, the losses (callable, and usable as `loss:`), and `accuracy`.
import TensorKit
import NeuralKit

enum TransferLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "transfer",
                       builtins: Activation.allCases.map(transferBuiltin) + [derivative]
                           + Loss.allCases.map(lossBuiltin) + [accuracy])
    }

    /// What each transfer function computes, for help.
    static func formula(_ act: Activation) -> String {
        switch act {
        case .step: return "step(u, theta: θ) = 1 where u ≥ θ, else 0 (θ defaults to 0); d(step) = 0"
        case .linear: return "linear(u) = u; d(linear) = 1"
        case .sigmoid: return "sigmoid(u) = 1 / (1 + e^−u); d(sigmoid)(u) = σ(u)(1 − σ(u))"
        case .tanh: return "tanh(u) = (e^u − e^−u) / (e^u + e^−u); d(tanh)(u) = 1 − tanh²(u)"
        case .relu: return "relu(u) = max(u, 0); d(relu)(u) = 1 for u > 0, else 0 (0 at the kink, as PyTorch)"
        case .leakyRelu: return "leaky_relu(u) = u for u > 0, else 0.01 u; d(leaky_relu) = 1 or 0.01 (0.01 at 0)"
        case .softplus: return "softplus(u) = log(1 + e^u), computed stably; d(softplus) = sigmoid"
        case .gelu: return "gelu(u) = u Φ(u), Φ the standard normal CDF (exact, with erf); d(gelu)(u) = Φ(u) + u φ(u)"
        case .swish: return "swish(u) = u σ(u) (also called SiLU); d(swish)(u) = σ(u) + u σ(u)(1 − σ(u))"
        case .softmax: return "softmax(u)_i = e^(u_i − max u) / Σ_j e^(u_j − max u) along the last axis; d(softmax) gives the Jacobian's diagonal s(1 − s) (backprop uses the full Jacobian)"
        }
    }

    /// The built-in value of a transfer function (`sigmoid`, ...), with `transfer` set.
    static func transferBuiltin(_ act: Activation) -> Builtin {
        let params: [BuiltinParameter] = act == .step ? [.required("u"), .named("theta", .number(0))] : [.required("u")]
        return Builtin(act.name, params,
                       help: "Transfer function: \(formula(act)). Applies to numbers and elementwise to tensors; use it as `act:` of layers and neurons.",
                       example: act == .step ? "step(0.3, theta: 0.5)\nstep([-1, 0, 2])" : "\(act.name)(0.5)\n\(act.name)([-2, 0, 2])",
                       transfer: act) { args, _ in
            var u = try args.tensor("u")
            try Tensor.checkRoom(forCopyOf: u)
            if act == .step, case let theta = try args.number("theta"), theta != 0 {
                for i in 0..<u.count { u.storage[i] -= theta }     // u ≥ θ ⇔ u − θ ≥ 0
            }
            return NetworkValues.value(act.apply(u))
        }
    }

    /// True for the loss built-ins (`mse`, ...), which `loss:` arguments accept.
    static func isLossBuiltin(_ b: Builtin) -> Bool {
        Loss(name: b.name) != nil && b.parameters.count == 2 && b.transfer == nil
    }

    static var derivative: Builtin {
        Builtin("d", [.required("f")],
                help: """
                d(f) is the derivative of a transfer function, as a function: d(sigmoid)(0) is 0.25. \
                At kinks PyTorch's convention holds (d(relu)(0) = 0, d(step) = 0). For softmax it gives \
                the Jacobian's diagonal s(1 − s). For your own function f it differentiates numerically: \
                (f(u + h) − f(u − h)) / 2h with h = 1e-5.
                """,
                example: "d(sigmoid)(0)\nd(relu)([-1, 0, 1])\nd(fn(u) = u^2)(3)") { args, _ in
            guard case .function(let f) = args["f"] else { throw args.bad("f", "function") }
            if let b = f as? Builtin, let act = b.transfer {
                return .function(Builtin("d(\(act.name))", [.required("u")],
                                         help: "The derivative of \(act.name): \(formula(act)).",
                                         example: "d(\(act.name))(0.5)") { a, _ in
                    NetworkValues.value(act.derivative(try a.tensor("u")))
                })
            }
            // Built-ins with side effects (print, save, plot...) must not be called at u + h and u - h.
            if let b = f as? Builtin, !b.name.hasPrefix("d("), !TensorLibrary.math.contains(where: { $0.name == b.name }) {
                throw ScriptError.runtime("d: \(b.name) is not a function of a number (d takes a transfer function such as sigmoid, a math function such as exp, or your own fn)")
            }
            let fv = args["f"]
            return .function(Builtin("d(\(f.name))", [.required("u")],
                                     help: "The numerical derivative of \(f.name) (central differences, h = 1e-5).",
                                     example: "") { a, ctx2 in
                let u = try a.tensor("u"), h = 1e-5
                let plus = try Tensor.binary(.add, u, h), minus = try Tensor.binary(.subtract, u, h)
                func eval(_ x: Tensor) throws -> Tensor {
                    switch try ctx2.callFunction(fv, [NetworkValues.value(x)]) {
                    case .number(let y): return Tensor(scalar: y)
                    case .tensor(let t): return t
                    case let other: throw ScriptError.runtime("d(\(f.name)): the function gave a \(other.kindName), a number or tensor expected")
                    }
                }
                let diff = try Tensor.binary(.subtract, try eval(plus), try eval(minus))
                return NetworkValues.value(try Tensor.binary(.divide, diff, 2 * h))
            })
        }
    }

    static func lossFormula(_ l: Loss) -> String {
        switch (l.kind, l.reduction) {
        case (.squaredError, .mean): return "mse(p, t) = mean over all elements of (p − t)²"
        case (.squaredError, .sumPerSample): return "sse(p, t) = Σ over features of (p − t)², averaged over the batch (the lecture's ‖x − x′‖²)"
        case (.binaryCrossEntropy, _): return "bce(p, t) = −mean(t log p + (1 − t) log(1 − p)), log clamped at −100 as PyTorch does; p must be probabilities in [0, 1] (a sigmoid output), other values are an error"
        case (.crossEntropy, _): return "cross_entropy(p, t) = −Σ t log p over classes, averaged over the batch (p from a softmax layer, t one-hot; a negative p is an error)"
        }
    }

    /// A loss as a callable value: `mse(p, t)` gives a number; `loss: mse` selects it for training.
    static func lossBuiltin(_ l: Loss) -> Builtin {
        Builtin(l.name, [.required("p"), .required("t")],
                help: "Loss: \(lossFormula(l)). Call it on a prediction and a target, or pass it as `loss:` to train, backprop and gradcheck.",
                example: l == .crossEntropy ? "cross_entropy([[0.7, 0.2, 0.1]], [[1, 0, 0]])" : "\(l.name)([[0.8, 0.3]], [[1, 0]])") { args, _ in
            .number(try l.value(try args.tensor("p"), try args.tensor("t")))
        }
    }

    static var accuracy: Builtin {
        Builtin("accuracy", [.required("pred"), .required("labels")],
                help: """
                The fraction of rows classified right. pred: N×C scores (the class is the argmax) or N \
                values (above 0.5 counts as class 1 for 0/1 labels); labels: N class indices or N×C one-hot.
                """,
                example: "accuracy([[0.9, 0.1], [0.2, 0.8]], [0, 0])") { args, _ in
            .number(try Metrics.accuracy(try args.tensor("pred"), try args.tensor("labels")))
        }
    }
}

// The network library: single units (neuron, perceptron, hebbian), dense layers and networks
// (dense, seq, mlp, summary), the forward pass and backpropagation (forward, backprop, gradcheck,
// explain) and the small data sets (xor, and_gate, or_gate, digits).
import TensorKit
import NeuralKit

enum NetworkLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "network", builtins: [
            neuron, perceptron, hebbian, dense, seq, mlp, summary,
            forward, backprop, gradcheck, NetworkExplain.explain,
            gate("xor", DataSets.xor, "XOR"), gate("and_gate", DataSets.and, "AND"),
            gate("or_gate", DataSets.or, "OR"), digits,
        ])
    }

    // MARK: Units

    static var neuron: Builtin {
        Builtin("neuron", [.required("w"), .named("bias", .number(0)), .named("act", .function(TransferLibrary.transferBuiltin(.linear)))],
                help: """
                An artificial neuron y = φ(Σ_j w_j x_j + b) (lecture 3.3). Calling it on a vector x gives \
                y, on an N×m batch N outputs. Fields w, bias, act are readable and writable; act may be a \
                transfer function or any function of a number.
                """,
                example: "n = neuron([0.5, -1], bias: 0.25, act: sigmoid)\nn([2, 1])") { args, _ in
            let w = try args.tensor("w")
            guard w.rank == 1, w.count >= 1 else { throw args.bad("w", "vector of weights") }
            guard case .function = args["act"] else { throw args.bad("act", "function") }
            return .object(NeuronObject(weights: w, bias: try args.number("bias"), act: args["act"]))
        }
    }

    static var perceptron: Builtin {
        Builtin("perceptron", [.required("m"), .named("lr", .number(0.1))],
                help: """
                Rosenblatt's perceptron with m inputs (lecture 3.2): y = step(w·x + b), weights and bias \
                start at 0. train(p, X, T, epochs: n) applies w ← w + lr (t − y) x, b ← b + lr (t − y) row \
                by row (in order unless shuffle: true) and stops after the first pass without an error; \
                it returns {converged, epochs, errors}. AND and OR converge, XOR never does.
                """,
                example: "p = perceptron(2, lr: 0.1)\nd = and_gate()\ntrain(p, d.x, d.y, epochs: 20)\np(d.x)") { args, _ in
            let m = try NetworkValues.size(try args.number("m"), "perceptron", "m")
            return .object(PerceptronObject(try Perceptron(inputs: m, learningRate: try args.number("lr"))))
        }
    }

    static var hebbian: Builtin {
        Builtin("hebbian", [.required("m"), .named("lr", .number(0.1))],
                help: """
                A linear unit y = w·x trained with Hebb's rule (lecture 3.2): train(h, X, epochs: n) \
                applies Δw = lr · x · y row by row; train(h, X, T) uses the target: Δw = lr · x · t. \
                Weights start at w_j = r(2u − 1), r = √(6/(m + 1)), drawn from the seeded stream. \
                train returns {norm}: ‖w‖ after each pass.
                """,
                example: "h = hebbian(2, lr: 0.1)\ntrain(h, [[1, 0], [1, 0.1]], epochs: 3)") { args, ctx in
            let m = try NetworkValues.size(try args.number("m"), "hebbian", "m")
            return .object(HebbianObject(try Hebbian(inputs: m, learningRate: try args.number("lr"), rng: ctx.rng)))
        }
    }

    // MARK: Layers and networks

    static var dense: Builtin {
        Builtin("dense", [.required("n_in"), .required("n_out"), .named("act", .function(TransferLibrary.transferBuiltin(.linear)))],
                help: """
                A fully connected layer: W has shape (n_out, n_in), b shape (n_out). On a batch X (N×n_in) \
                it computes act(X Wᵀ + b), on a vector x act(W x + b). Fields W, b, act readable and \
                writable. Initial W: U(±√(6/(n_in + n_out))) (Glorot) for sigmoid, tanh, linear, softmax \
                and step; U(±√(6/n_in)) (He) for relu, leaky_relu, softplus, gelu and swish; drawn row by \
                row from the seeded stream as r·(2u − 1); b = 0.
                """,
                example: "l = dense(2, 3, act: relu)\nl.W.shape\nl([1, 2])") { args, ctx in
            let nIn = try NetworkValues.size(try args.number("n_in"), "dense", "n_in")
            let nOut = try NetworkValues.size(try args.number("n_out"), "dense", "n_out")
            let act = try NetworkValues.activation(args["act"], "dense", "act")
            return .object(LayerObject(try Dense(inputs: nIn, outputs: nOut, activation: act, rng: ctx.rng)))
        }
    }

    static var seq: Builtin {
        Builtin("seq", [.variadic("layers")],
                help: """
                A network of layers run in order: seq(dense(2, 4, act: tanh), dense(4, 1, act: sigmoid)). \
                net(X) runs it; net.layers[i] is the i-th layer (the same object, so changing its W \
                changes the network). Sizes must chain.
                """,
                example: "net = seq(dense(2, 4, act: tanh), dense(4, 1, act: sigmoid))\nnet([[0, 1]])") { args, _ in
            var layers: [LayerObject] = []
            for (k, v) in args.rest.enumerated() {
                switch v {
                case .object(let o as LayerObject): layers.append(o)
                case .object(let o as NetworkObject): layers += o.layerObjects
                case .list(let l):
                    for item in l.items {
                        guard case .object(let o as LayerObject) = item else {
                            throw ScriptError.badArgument(position: k + 1, to: "seq", "list of layers expected, it holds a \(item.kindName)")
                        }
                        layers.append(o)
                    }
                default:
                    throw ScriptError.badArgument(position: k + 1, to: "seq", "layer expected, got \(v.kindName)")
                }
            }
            return .object(try NetworkObject(layers: layers))
        }
    }

    static var mlp: Builtin {
        Builtin("mlp", [.required("sizes"), .named("act", .function(TransferLibrary.transferBuiltin(.tanh))),
                        .named("out", .function(TransferLibrary.transferBuiltin(.sigmoid)))],
                help: """
                A multi-layer perceptron: mlp([2, 4, 1], act: tanh, out: sigmoid) is seq(dense(2, 4, act: \
                tanh), dense(4, 1, act: sigmoid)); act is used on every hidden layer, out on the last. \
                Weights drawn layer by layer, first layer first.
                """,
                example: "net = mlp([2, 4, 1], act: tanh, out: sigmoid)\nsummary(net)") { args, ctx in
            let sizes = try NetworkValues.sizes(args["sizes"], "mlp", "sizes")
            guard sizes.count >= 2 else {
                throw ScriptError.badArgument("sizes", to: "mlp", ScriptError.expected(
                    "a list of at least two layer widths", got: "[" + sizes.map(String.init).joined(separator: ", ") + "]"))
            }
            let net = try Network.mlp(sizes: sizes, activation: try NetworkValues.activation(args["act"], "mlp", "act"),
                                      output: try NetworkValues.activation(args["out"], "mlp", "out"), rng: ctx.rng)
            return .object(NetworkObject(net))
        }
    }

    static var summary: Builtin {
        Builtin("summary", [.required("net")],
                help: "Prints each layer of a network (its sizes, the shapes of W and b, its transfer function and parameter count) and the total.",
                example: "summary(mlp([64, 32, 10], act: relu, out: softmax))") { args, ctx in
            ctx.write(try network(args, "net", "summary").description + "\n")
            return .none
        }
    }

    static func network(_ args: Arguments, _ name: String, _ function: String) throws -> NetworkObject {
        switch args[name] {
        case .object(let n as NetworkObject): return n
        case .object(let l as LayerObject): return try NetworkObject(layers: [l])
        default: throw args.bad(name, "network")
        }
    }

    // MARK: Forward and backward

    static var forward: Builtin {
        Builtin("forward", [.required("net"), .required("X")],
                help: """
                The forward pass, kept: a record with lists z and a, indexed like net.layers. a has L + 1 \
                entries: a[0] is X and a[l] the lecture's a^l; z[i] is the weighted input of net.layers[i] \
                (the lecture's z^(i+1)).
                """,
                example: "net = mlp([2, 3, 1])\nf = forward(net, xor().x)\nf.a[2]") { args, _ in
            let net = try network(args, "net", "forward").network
            let (x, _) = try NetworkValues.batch(try args.tensor("X"), width: net.inputs, "forward")
            let (z, a) = try net.forwardPass(x)
            return .record(RecordBox([("z", NetworkValues.list(z)), ("a", NetworkValues.list(a))]))
        }
    }

    /// The network, batch and targets of backprop/gradcheck, with the loss.
    static func problem(_ args: Arguments, _ function: String) throws -> (Network, Tensor, Tensor, Loss) {
        let net = try network(args, "net", function).network
        let loss = try NetworkValues.loss(args["loss"], function)
        let (x, _) = try NetworkValues.batch(try args.tensor("X"), width: net.inputs, function)
        let y = try NetworkValues.targets(try args.tensor("Y"), rows: x.shape[0], outputs: net.outputs, loss: loss, function)
        return (net, x, y, loss)
    }

    static var backprop: Builtin {
        Builtin("backprop", [.required("net"), .required("X"), .required("Y"), .named("loss", .function(TransferLibrary.lossBuiltin(.mse)))],
                help: """
                One backpropagation on the batch (X, Y), the lecture's matrix form: δ^L = f′(z^L) ∘ ∇_a C, \
                δ^(l−1) = f′(z^(l−1)) ∘ (δ^l W^l), ∇W^l = (δ^l)ᵀ a^(l−1), ∇b^l = Σ δ^l (softmax + \
                cross_entropy fused to (p − t)/N). Gives a record: loss, delta, dW, db (lists indexed like \
                net.layers; delta[i] = ∂loss/∂z[i] with the batch mean's 1/N, PyTorch's z.grad), and the \
                forward pass z, a. The weights do not change. explain(...) prints it step by step.
                """,
                example: "net = mlp([2, 2, 1])\nd = xor()\nr = backprop(net, d.x, d.y, loss: mse)\nr.dW[0]") { args, _ in
            let (net, x, y, loss) = try problem(args, "backprop")
            let r = try net.backprop(x, y, loss: loss)
            return .record(RecordBox([
                ("loss", .number(r.loss)), ("delta", NetworkValues.list(r.delta)),
                ("dW", NetworkValues.list(r.dW)), ("db", NetworkValues.list(r.db)),
                ("z", NetworkValues.list(r.z)), ("a", NetworkValues.list(r.a)),
                ("act", .list(ListBox(net.layers.map { NetworkValues.value(of: $0.activation) }))),
                ("loss_fn", .function(TransferLibrary.lossBuiltin(loss))),
            ]))
        }
    }

    static var gradcheck: Builtin {
        Builtin("gradcheck", [.required("net"), .required("X"), .required("Y"), .named("loss", .function(TransferLibrary.lossBuiltin(.mse)))],
                help: """
                Checks backprop against central finite differences (step 1e-5): the largest \
                |g − n| / max(|g| + |n|, 1e-8) over every weight and bias. Below 1e-6 means backprop is right.
                """,
                example: "net = mlp([2, 3, 1])\nd = xor()\ngradcheck(net, d.x, d.y, loss: mse)") { args, _ in
            let (net, x, y, loss) = try problem(args, "gradcheck")
            return .number(try GradientCheck.maxRelativeError(SupervisedObjective(network: net, loss: loss), x, y))
        }
    }

    // MARK: Data

    static func gate(_ name: String, _ data: DataSet, _ title: String) -> Builtin {
        Builtin(name, [],
                help: "The \(title) truth table: a record with x (4×2, rows [0,0], [0,1], [1,0], [1,1]) and y (4×1).",
                example: "d = \(name)()\nd.y") { _, _ in
            .record(RecordBox([("x", .tensor(data.x)), ("y", .tensor(data.y))]))
        }
    }

    static var digits: Builtin {
        Builtin("digits", [],
                help: """
                The 8×8 handwritten digits (UCI, as scikit-learn ships them; CC BY 4.0): a record with \
                x (1797×64, pixels/16 in [0, 1]), y (labels 0–9, shape [1797]) and onehot (1797×10).
                """,
                example: "d = digits()\nd.x.shape") { _, _ in
            let d = try DataSets.digits()
            return .record(RecordBox([("x", .tensor(d.x)), ("y", .tensor(d.y)),
                                      ("onehot", .tensor(d.onehot ?? d.y))]))
        }
    }
}

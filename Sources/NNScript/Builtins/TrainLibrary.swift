// The training library: optimizers (sgd, adam) and `train`, which hands every trainable model
// to NeuralKit's one training loop (or the perceptron and Hebb rules) and shows progress.
import Foundation
import TensorKit
import NeuralKit

enum TrainLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "train", builtins: [sgd, adam, train, UndoLibrary.undo])
    }

    static var sgd: Builtin {
        Builtin("sgd", [.named("lr", .number(0.01)), .named("momentum", .number(0)), .named("weight_decay", .number(0)),
                        .named("l2")],
                help: """
                Stochastic gradient descent with PyTorch's rule (torch.optim.SGD): g ← ∇θ + weight_decay·θ for \
                every parameter, biases included; with momentum μ the buffer b ← μ b + g (b = g on the first \
                step) and θ ← θ − lr·b, else θ ← θ − lr·g. weight_decay is the L2 penalty ½λ‖θ‖² folded into the \
                gradient; l2: is the same setting under its older name. The momentum buffers live in the \
                optimizer: passing it to two train calls continues.
                """,
                example: "opt = sgd(lr: 0.1, momentum: 0.9, weight_decay: 1e-4)\nopt.weight_decay") { args, _ in
            let lr = try rate(args, "lr"), mu = try args.number("momentum"), decay = try weightDecay(args)
            guard mu.isFinite, mu >= 0 else {
                throw ScriptError.badArgument("momentum", to: "sgd", ScriptError.expected("a finite number ≥ 0", got: Tensor.numberText(mu)))
            }
            return .object(OptimizerObject(SGD(learningRate: lr, momentum: mu, weightDecay: decay)))
        }
    }

    /// `weight_decay:` (PyTorch's name) or `l2:` (the older one), not both; finite and ≥ 0.
    static func weightDecay(_ args: Arguments) throws -> Double {
        let viaL2 = !args.isNone("l2")
        if viaL2 && args.given.contains("weight_decay") {
            throw ScriptError.runtime("\(args.function): give weight_decay: or its older name l2:, not both")
        }
        let name = viaL2 ? "l2" : "weight_decay"
        let decay = try args.number(name)
        guard decay.isFinite, decay >= 0 else {
            throw ScriptError.badArgument(name, to: args.function, "a finite number ≥ 0 expected, got \(Tensor.numberText(decay))")
        }
        return decay
    }

    static var adam: Builtin {
        Builtin("adam", [.named("lr", .number(0.001)), .named("beta1", .number(0.9)), .named("beta2", .number(0.999)),
                         .named("eps", .number(1e-8)), .named("weight_decay", .number(0)), .named("l2")],
                help: """
                Adam as torch.optim.Adam: g ← ∇θ + weight_decay·θ (every parameter, biases included), \
                m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², θ ← θ − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + eps). \
                l2: is weight_decay under its older name. Its moments and step count live in the optimizer: \
                passing it to two train calls continues.
                """,
                example: "opt = adam(lr: 0.01, weight_decay: 1e-3)\nopt.beta2") { args, _ in
            let lr = try rate(args, "lr")
            let b1 = try args.number("beta1"), b2 = try args.number("beta2"), eps = try args.number("eps")
            for (name, b) in [("beta1", b1), ("beta2", b2)] where !(b >= 0 && b < 1) {
                throw ScriptError.badArgument(name, to: "adam", ScriptError.expected("a number in [0, 1)", got: Tensor.numberText(b)))
            }
            guard eps.isFinite, eps >= 0 else {
                throw ScriptError.badArgument("eps", to: "adam", ScriptError.expected("a finite number ≥ 0", got: Tensor.numberText(eps)))
            }
            let decay = try weightDecay(args)
            return .object(OptimizerObject(Adam(learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: decay)))
        }
    }

    static func rate(_ args: Arguments, _ name: String) throws -> Double {
        let lr = try args.number(name)
        guard lr.isFinite, lr >= 0 else {
            throw ScriptError.badArgument(name, to: args.function, "a learning rate ≥ 0 expected, got \(Tensor.numberText(lr))")
        }
        return lr
    }

    static var train: Builtin {
        Builtin("train", [.required("model"), .required("X"), .optional("Y"), .named("loss"), .named("opt"),
                          .named("epochs", .number(100)), .named("batch", .number(0)), .named("shuffle"),
                          .named("validation"), .named("patience"), .named("plot", .bool(false)),
                          .named("verbose", .bool(true))],
                help: """
                Trains a model in place. Networks: train(net, X, Y, loss: mse, opt: sgd(lr: 0.1), epochs: 100, \
                batch: 0, shuffle: true) — batch 0 is the whole set in one step; with shuffle the rows are \
                visited in a fresh random order each epoch (one permutation of N per epoch, drawn from the \
                seeded stream, when batch < N). Returns a history whose loss has one entry per epoch: the \
                mean over the epoch's rows of each step's loss before its update (a smaller last batch \
                weighted by its size). validation: [Xv, Yv] (or {x: Xv, y: Yv}, or a data \
                set record) adds val_loss; with patience: k training stops after k epochs in a row whose val_loss \
                is not below the best so far and ends with the best epoch's weights (the history's best_epoch, \
                0-based, and stopped tell what happened). plot: true redraws the loss curve (and val_loss) in \
                place on a terminal while training runs, and gives the final curve as a picture on notebook \
                pages. undo(model) puts back the weights from before the call. Autoencoders: train(ae, X, ...) \
                (the target is X). Perceptrons: train(p, X, T, epochs: n) returns {converged, epochs, \
                errors} (rows in order unless shuffle: true); Hebbian units return {norm}. A progress bar \
                shows on a terminal (verbose: false hides it). Ctrl-C stops after the current step, keeps \
                the weights and returns the history so far; a nan or infinite loss stops with an error.
                """,
                example: "net = mlp([2, 4, 1], act: tanh, out: sigmoid)\nd = xor()\nh = train(net, d.x, d.y, loss: mse, opt: sgd(lr: 0.5), epochs: 200)\nh.loss[-1]") { args, ctx in
            let epochs = try args.int("epochs")
            guard epochs >= 0, epochs <= 100_000_000 else { throw ScriptError.badArgument("epochs", to: "train", "a number from 0 to 1e8 expected, got \(epochs)") }
            switch args["model"] {
            case .object(let p as PerceptronObject): return try trainPerceptron(p, args, epochs, ctx)
            case .object(let h as HebbianObject): return try trainHebbian(h, args, epochs, ctx)
            case .object(let m as any TrainableScriptObject): return try trainModel(m, args, epochs, ctx)
            default: throw args.bad("model", "network, autoencoder, perceptron or hebbian unit")
            }
        }
    }

    static func trainPerceptron(_ p: PerceptronObject, _ args: Arguments, _ epochs: Int, _ ctx: ScriptContext) throws -> Value {
        guard !args.isNone("Y") else { throw ScriptError.runtime("train: a perceptron needs targets: train(p, X, T, epochs: n)") }
        let shuffle = args.isNone("shuffle") ? false : try args.bool("shuffle")
        try refuseNetworkOptions(args, kind: "perceptron")
        let unit = p.unit, w = unit.weights, b = unit.bias
        ctx.undo.record(p) { unit.weights = w; unit.bias = b }
        let r = try p.unit.train(try args.tensor("X"), try args.tensor("Y"), epochs: epochs, shuffle: shuffle, rng: ctx.rng,
                                 shouldStop: { ctx.interrupt.isRaised })
        consumeInterrupt(ctx, epoch: r.epochs)
        return .record(RecordBox([("converged", .bool(r.converged)), ("epochs", .number(Double(r.epochs))),
                                  ("errors", .tensor(Tensor(r.errors.map(Double.init))))]))
    }

    static func trainHebbian(_ h: HebbianObject, _ args: Arguments, _ epochs: Int, _ ctx: ScriptContext) throws -> Value {
        let t = args.isNone("Y") ? nil : try args.tensor("Y")
        try refuseNetworkOptions(args, kind: "Hebbian unit")
        let unit = h.unit, w = unit.weights
        ctx.undo.record(h) { unit.weights = w }
        let norms = try h.unit.train(try args.tensor("X"), t, epochs: epochs, shouldStop: { ctx.interrupt.isRaised })
        consumeInterrupt(ctx, epoch: norms.count)
        return .record(RecordBox([("norm", .tensor(Tensor(norms)))]))
    }

    /// The options only the gradient trainer has (validation, early stopping, live plot) are
    /// errors for the perceptron and Hebb rules rather than silently ignored.
    static func refuseNetworkOptions(_ args: Arguments, kind: String) throws {
        for name in ["validation", "patience", "loss", "opt"] where !args.isNone(name) {
            throw ScriptError.runtime("train: a \(kind) learns by its own rule and takes no \(name): (that is for networks and autoencoders)")
        }
        if try args.bool("plot") {
            throw ScriptError.runtime("train: plot: true draws a loss curve, which a \(kind) does not have (its train returns errors per pass; plot those)")
        }
    }

    /// Ctrl-C during training ends training only: the flag is cleared so the script goes on with
    /// the history so far (a second Ctrl-C stops the script).
    static func consumeInterrupt(_ ctx: ScriptContext, epoch: Int) {
        guard ctx.interrupt.isRaised else { return }
        ctx.interrupt.clear()
        ctx.writeError("training interrupted in epoch \(max(epoch, 1)); the weights so far are kept\n")
    }

    static func trainModel(_ m: any TrainableScriptObject, _ args: Arguments, _ epochs: Int, _ ctx: ScriptContext) throws -> Value {
        let loss: Value? = args.isNone("loss") ? nil : args["loss"]
        let model = try m.objective(loss: loss, context: ctx)
        let optimizer: any Optimizer
        switch args["opt"] {
        case .none: optimizer = SGD(learningRate: 0.1)
        case .object(let o as OptimizerObject): optimizer = o.optimizer
        default: throw args.bad("opt", "optimizer (sgd(...) or adam(...))")
        }
        let x = try args.tensor("X")
        guard x.rank == 2 else { throw ScriptError.badArgument("X", to: "train", "a matrix with one sample per row expected, got shape \(x.shape)") }
        let lossKind = loss.flatMap { try? NetworkValues.loss($0, "train") }
        let outputs = (m as? NetworkObject)?.network.outputs ?? (m as? LayerObject)?.layer.outputs ?? 0
        var y: Tensor? = nil
        if m.impliesTarget {
            guard args.isNone("Y") else { throw ScriptError.runtime("train: \(m.kindName == "autoencoder" ? "an" : "a") \(m.kindName) trains on X alone (its target is X); drop the Y argument") }
        } else {
            guard !args.isNone("Y") else { throw ScriptError.runtime("train: a \(m.kindName) needs targets: train(net, X, Y, ...)") }
            y = try NetworkValues.targets(try args.tensor("Y"), rows: x.shape[0], outputs: outputs, loss: lossKind ?? .mse, "train")
        }
        let validation = try validationSet(args["validation"], m, outputs: outputs, loss: lossKind)
        let batch = try args.int("batch")
        let shuffle = args.isNone("shuffle") ? true : try args.bool("shuffle")
        let patience = args.isNone("patience") ? nil : try args.int("patience")
        if patience != nil && validation == nil {
            throw ScriptError.runtime("train: patience: needs validation: (early stopping watches the validation loss), e.g. train(net, X, Y, validation: [Xv, Yv], patience: 10)")
        }
        let trainer = Trainer(model: model, optimizer: optimizer,
                              options: TrainingOptions(epochs: epochs, batchSize: batch, shuffle: shuffle, patience: patience))
        UndoLibrary.remember(m, parameters: model.parameters, ctx)
        // plot: true replaces the progress bar with the live curve on a terminal; a front end that
        // redraws one line in place (Jupyter) keeps its bar and gets the final curve as a picture.
        let plot = try args.bool("plot")
        let curve = plot && ctx.terminal.isTerminal ? LiveLossCurve(ctx, epochs: epochs) : nil
        let verbose = try args.bool("verbose") && (ctx.terminal.isTerminal ? !plot : ctx.progressSink != nil)
        let bar = ProgressBar(width: ctx.terminal.width, write: ctx.writeError, sink: ctx.progressSink)
        let start = ProgressBar.now()
        defer { if verbose { bar.finish() } }
        let history = try trainer.fit(x, y, validation: validation, rng: ctx.rng,
                                      shouldStop: { ctx.interrupt.isRaised },
                                      onStep: verbose ? { bar.update($0) } : nil,
                                      onEpoch: curve.map { c in { c.update($0) } })
        if plot { try (curve ?? LiveLossCurve(ctx, epochs: epochs)).finish(history) }
        if history.interrupted {
            if verbose { bar.finish() }
            consumeInterrupt(ctx, epoch: history.loss.count)
        }
        return .object(HistoryObject(history, seconds: ProgressBar.now() - start, earlyStopping: patience != nil))
    }

    /// `validation: {x: Xv, y: Yv}` (any record with x and y, such as a data set), `[Xv, Yv]` (a list,
    /// or the stacked tensor such a literal makes when both have one shape), or Xv alone for models
    /// whose target is X.
    static func validationSet(_ v: Value, _ m: any TrainableScriptObject, outputs: Int, loss: Loss?) throws -> (x: Tensor, y: Tensor?)? {
        func tensor(_ v: Value) throws -> Tensor {
            guard case .tensor(let t) = v else { throw ScriptError.badArgument("validation", to: "train", ScriptError.expected("tensors", got: "a \(v.kindName)")) }
            return t
        }
        var xv: Tensor, yv: Tensor?
        switch v {
        case .none: return nil
        case .list(let l) where l.items.count == 2:
            xv = try tensor(l.items[0]); yv = try tensor(l.items[1])
        case .list(let l) where l.items.count == 1:
            xv = try tensor(l.items[0]); yv = nil
        case .record(let r):
            guard let x = r["x"] else { throw ScriptError.runtime("train: a validation record needs a field x (and y)") }
            xv = try tensor(x); yv = try r["y"].map(tensor)
        case .tensor(let t) where !m.impliesTarget && t.rank == 3 && t.shape[0] == 2:
            let half = t.count / 2
            let shape = Array(t.shape.dropFirst())
            xv = Tensor(shape: shape, storage: Array(t.storage[0..<half]))
            yv = Tensor(shape: shape, storage: Array(t.storage[half...]))
        case .tensor(let t):
            xv = t; yv = nil
        default:
            throw ScriptError.badArgument("validation", to: "train", ScriptError.expected("{x: Xv, y: Yv} (or Xv for an autoencoder)", got: "a \(v.kindName)"))
        }
        guard xv.rank == 2 else { throw ScriptError.badArgument("validation", to: "train", "a matrix of samples expected, got shape \(xv.shape)") }
        if m.impliesTarget { return (xv, nil) }
        guard let y = yv else { throw ScriptError.runtime("train: validation needs targets: validation: {x: Xv, y: Yv}") }
        return (xv, try NetworkValues.targets(y, rows: xv.shape[0], outputs: outputs, loss: loss ?? .mse, "train"))
    }
}

/// A one-line progress bar on stderr, redrawn at most ten times a second; or, given a sink, the
/// same line without escapes handed to the front end that redraws it (at most ten times a second
/// too, so a long run sends a bounded number of updates).
final class ProgressBar {
    let width: Int
    let write: (String) -> Void
    let sink: ((String, Bool) -> Void)?
    private var lastDraw = -1.0
    private let start = ProgressBar.now()
    private var last: TrainingProgress?

    init(width: Int, write: @escaping (String) -> Void, sink: ((String, Bool) -> Void)? = nil) {
        self.width = max(40, min(width, 200))
        self.write = write
        self.sink = sink
    }

    static func now() -> Double { ProcessInfo.processInfo.systemUptime }

    func update(_ p: TrainingProgress) {
        last = p
        let t = ProgressBar.now()
        if t - lastDraw < 0.1 { return }
        lastDraw = t
        draw(p, t)
    }

    func draw(_ p: TrainingProgress, _ t: Double, last isLast: Bool = false) {
        let elapsed = max(t - start, 1e-9)
        let total = Double(max(p.epochs, 1) * p.samplesPerEpoch)
        let done = Double((p.epoch - 1) * p.samplesPerEpoch + p.samplesDone)
        let rate = done / elapsed
        let eta = rate > 0 ? (total - done) / rate : 0
        let info = " epoch \(p.epoch)/\(p.epochs)  loss \(shortNumber(p.epochLoss))  \(NumberText.fixed(rate, decimals: 0)) samples/s  ETA \(ProgressBar.time(eta))"
        let barWidth = max(10, width - info.displayWidth - 3)
        let filled = min(barWidth, Int(Double(barWidth) * done / max(total, 1)))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: barWidth - filled)
        if let sink {
            sink("[\(bar)]\(info)", isLast)
        } else {
            write("\r\u{1B}[2K[\(bar)]\(info)")
        }
    }

    /// Draws the final state and ends the line (once).
    func finish() {
        guard let p = last else { return }
        draw(p, ProgressBar.now(), last: true)
        if sink == nil { write("\n") }
        last = nil
    }

    static func time(_ s: Double) -> String {
        guard s.isFinite, s >= 0, s < 1e9 else { return "?" }
        if s < 60 { return NumberText.fixed(s, decimals: 0) + "s" }
        if s < 3600 { return "\(Int(s) / 60)m\(String(format: "%02d", Int(s) % 60))s" }
        return "\(Int(s) / 3600)h\(String(format: "%02d", (Int(s) % 3600) / 60))m"
    }
}

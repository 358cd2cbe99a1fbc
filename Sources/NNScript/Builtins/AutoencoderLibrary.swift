// The autoencoder library: autoencoder, vae, the noise processes (gaussian, masking, salt_pepper)
// with corrupt, and the sparsity penalties (kl, l1, topk). The objects live in AutoencoderObject,
// VAEObject and NoiseObject; the arithmetic in NeuralKit.
import TensorKit
import NeuralKit

enum AutoencoderLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "autoencoder", builtins: [
            autoencoder, vae, gaussian, masking, saltPepper, corrupt, kl, l1, topk, latentGrid,
        ])
    }

    static var autoencoder: Builtin {
        Builtin(
            "autoencoder",
            [.required("n_in"), .required("n_code"), .named("act"), .named("out"), .named("loss"),
             .named("noise"), .named("sparsity"), .named("contractive", .number(0)), .named("tied", .bool(false)),
             .named("hidden")],
            help: """
            An autoencoder n_in → n_code → n_in: h = act(x Wᵀ + b), x′ = out(h W2ᵀ + b2) (act and out
            default to sigmoid; W is n_code×n_in, W2 n_in×n_code; W by dense's rule for act, W2 for out,
            biases 0). `ae(X)` reconstructs, `ae.encode(X)`, `ae.decode(H)`, `ae.loss(X)` (the full
            objective without noise), `ae.terms(X)` (reconstruction, penalty, rho_hat, jacobian).
            `train(ae, X, ...)` trains it on X alone. Options: `loss: mse | sse | bce`;
            `noise: gaussian(σ) | masking(p) | salt_pepper(p)` (denoising: a fresh corruption every
            training step, never in use); `sparsity: kl(rho: ρ, beta: β) | l1(λ) | topk(k)` (topk needs
            act: linear, tied: true); `contractive: λ` (+ λ ‖∂h/∂x‖²_F); `tied: true` (W2 is Wᵀ).
            `hidden: [32]` makes it deeper and symmetric (64-32-16-32-64; layers in `ae.layers`,
            W/b the first, W2/b2 the last), with noise and kl/l1 sparsity of the code.
            """,
            example: """
            ae = autoencoder(64, 16)
            X = rand(10, 64)
            ae(X).shape
            ae2 = autoencoder(8, 3, act: linear, tied: true, sparsity: topk(2))
            ae2.encode(rand(2, 8))
            """
        ) { args, ctx in
            var o = AutoencoderOptions()
            o.act = try activation(args, "act") ?? .sigmoid
            o.out = try activation(args, "out") ?? .sigmoid
            if !args.isNone("loss") { o.loss = try lossKind(args["loss"], owner: "autoencoder") }
            if !args.isNone("noise") { o.noise = try args.object("noise", NoiseObject.self, "noise (gaussian, masking, salt_pepper)").process }
            if !args.isNone("sparsity") { o.sparsity = try args.object("sparsity", SparsityObject.self, "sparsity (kl, l1, topk)").penalty }
            o.contractive = try args.number("contractive")
            o.tied = try args.bool("tied")
            let nIn = try size(args, "n_in"), nCode = try size(args, "n_code")
            let widths = try hiddenWidths(args)
            if widths.isEmpty {
                return .object(AutoencoderObject(try Autoencoder(inputs: nIn, codes: nCode, options: o, rng: ctx.rng)))
            }
            return .object(AutoencoderObject(try DeepAutoencoder(inputs: nIn, codes: nCode, hidden: widths, options: o, rng: ctx.rng)))
        }
    }

    static var vae: Builtin {
        Builtin(
            "vae",
            [.required("n_in"), .required("n_latent"), .named("hidden", .number(32)), .named("act"), .named("loss")],
            help: """
            A variational autoencoder: encoder n_in → hidden (act, default relu) → μ and log σ² (linear
            heads), z = μ + exp(½ log σ²) ε, decoder n_latent → hidden (act) → n_in (sigmoid). Loss =
            reconstruction (`loss: bce` summed over features, the default, or `sse`) + KL =
            −½ Σ (1 + log σ² − μ² − σ²), both averaged over the batch. Layers `v.enc`, `v.mu`,
            `v.logvar`, `v.dec`, `v.out`; `v(X)` reconstructs with z = μ; `v.encode(X)` gives {mu, logvar};
            `v.sample(n)`; `v.loss(X)` draws ε, `v.loss(X, eps: E)` uses E; `v.terms(X)` splits the ELBO.
            """,
            example: """
            v = vae(64, 2, hidden: 16)
            v.sample(3).shape
            v.loss(rand(4, 64), eps: zeros(4, 2))
            """
        ) { args, ctx in
            let act = try activation(args, "act") ?? .relu
            var loss = Loss.bce.summedPerSample
            if !args.isNone("loss") {
                let asked = try lossKind(args["loss"], owner: "vae")
                guard asked != .mse else { throw ScriptError.badArgument("loss", to: "vae", ScriptError.expected("bce or sse", got: "mse")) }
                loss = asked == .sse ? .sse : Loss.bce.summedPerSample
            }
            let m = try VAE(inputs: try size(args, "n_in"), latent: try size(args, "n_latent"),
                            hidden: try size(args, "hidden"), act: act, loss: loss, rng: ctx.rng)
            return .object(VAEObject(m))
        }
    }

    static var gaussian: Builtin {
        noiseBuiltin("gaussian", "sigma", help: "Gaussian noise for denoising: x̃ = x + σ ε, one standard normal ε per element (randn order).",
                     example: "seed(1)\ncorrupt(zeros(2, 3), gaussian(0.1))") { .gaussian(sigma: $0) }
    }

    static var masking: Builtin {
        noiseBuiltin("masking", "p", help: "Masking noise for denoising: each element set to 0 with probability p (zero where the element's uniform draw u < p).",
                     example: "seed(1)\ncorrupt(ones(2, 4), masking(0.5))") { .masking(p: $0) }
    }

    static var saltPepper: Builtin {
        noiseBuiltin("salt_pepper", "p", help: "Salt-and-pepper noise: each element, with probability p, set to 0 or 1 by a fair coin (one uniform u per element: 0 where u < p/2, 1 where p/2 ≤ u < p).",
                     example: "seed(1)\ncorrupt(full([2, 4], 0.5), salt_pepper(0.5))") { .saltPepper(p: $0) }
    }

    static func noiseBuiltin(_ name: String, _ parameter: String, help: String, example: String,
                             _ make: @escaping (Double) -> NoiseProcess) -> Builtin {
        Builtin(name, [.required(parameter)], help: help, example: example) { args, _ in
            .object(NoiseObject(try make(try args.number(parameter)).validated()))
        }
    }

    static var corrupt: Builtin {
        Builtin("corrupt", [.required("X"), .required("noise")],
                help: "Applies a noise process once to X (draws from the seeded stream): what a denoising autoencoder sees in training.",
                example: "seed(0)\ncorrupt(ones(2, 3), masking(0.3))") { args, ctx in
            let noise = try args.object("noise", NoiseObject.self, "noise (gaussian, masking, salt_pepper)")
            return .tensor(noise.process.corrupt(try args.tensor("X"), rng: ctx.rng))
        }
    }

    static var kl: Builtin {
        Builtin("kl", [.named("rho", .number(0.05)), .named("beta", .number(1))],
                help: "KL sparsity for autoencoder(..., sparsity: kl(rho: ρ, beta: β)): + β Σ_j [ρ log(ρ/ρ̂_j) + (1−ρ) log((1−ρ)/(1−ρ̂_j))], ρ̂_j the batch mean of h_j (clamped to [1e-6, 1 − 1e-6]).",
                example: "kl(rho: 0.05, beta: 3)") { args, _ in
            .object(SparsityObject(try SparsityPenalty.kl(rho: try args.number("rho"), beta: try args.number("beta")).validated()))
        }
    }

    static var l1: Builtin {
        Builtin("l1", [.required("lambda")],
                help: "L1 sparsity for autoencoder(..., sparsity: l1(λ)): + λ Σ_j |h_j|, averaged over the batch.",
                example: "l1(0.001)") { args, _ in
            .object(SparsityObject(try SparsityPenalty.l1(lambda: try args.number("lambda")).validated()))
        }
    }

    static var topk: Builtin {
        Builtin("topk", [.required("k"), .named("alpha", .number(1))],
                help: "k-sparse codes for autoencoder(..., act: linear, tied: true, sparsity: topk(k)): keep the k largest h_j of each sample, zero the rest, in training and in ae(X); gradients flow through the kept units only. With alpha: α, ae.encode keeps the αk largest (Makhzani & Frey).",
                example: "topk(5, alpha: 2)") { args, _ in
            .object(SparsityObject(try SparsityPenalty.topK(k: try args.int("k"), alpha: try args.number("alpha")).validated()))
        }
    }

    // MARK: - argument helpers

    /// A layer size: a whole number from 1.
    static func size(_ args: Arguments, _ name: String) throws -> Int {
        let n = try args.int(name)
        guard n >= 1, n <= 1 << 24 else {
            throw ScriptError.badArgument(name, to: args.function, "a size from 1 expected, got \(n)")
        }
        return n
    }

    /// The `hidden:` widths: none, a list of numbers, or a 1-D tensor.
    static func hiddenWidths(_ args: Arguments) throws -> [Int] {
        let values: [Double]
        switch args["hidden"] {
        case .none: return []
        case .tensor(let t) where t.rank == 1: values = t.storage
        case .number(let x): values = [x]
        case .list(let l):
            values = try l.items.map { v -> Double in
                guard case .number(let x) = v else { throw args.bad("hidden", "a list of layer widths") }
                return x
            }
        default: throw args.bad("hidden", "a list of layer widths such as [32]")
        }
        return try values.map { x in
            guard x == x.rounded(), x >= 1, x <= Double(1 << 24) else {
                throw ScriptError.badArgument("hidden", to: "autoencoder", "whole widths from 1 expected, got \(Tensor.numberText(x))")
            }
            return Int(x)
        }
    }

    /// A transfer function given as a value (`sigmoid`) or a name (`"sigmoid"`); nil when absent.
    static func activation(_ args: Arguments, _ name: String) throws -> Activation? {
        switch args[name] {
        case .none: return nil
        case .function(let f):
            if let b = f as? Builtin, let t = b.transfer { return t }
            if let t = Activation(name: f.name) { return t }
        case .string(let s):
            if let t = Activation(name: s) { return t }
        default: break
        }
        throw args.bad(name, "a transfer function (sigmoid, tanh, linear, relu, ...)")
    }

    /// A reconstruction loss given as a value (`mse`) or a name.
    static func lossKind(_ value: Value, owner: String) throws -> Loss {
        let name: String
        switch value {
        case .function(let f): name = f.name
        case .string(let s): name = s
        default: throw ScriptError.badArgument("loss", to: owner, "mse, sse or bce expected, got \(value.kindName)")
        }
        guard let kind = Loss(name: name), kind != .crossEntropy else {
            throw ScriptError.badArgument("loss", to: owner, "mse, sse or bce expected, got \(name)")
        }
        return kind
    }

    /// `train(model, X, loss: ...)` on an autoencoder or VAE: the loss is part of the model, so a
    /// given loss must name the same one.
    static func checkTrainLoss(_ loss: Value?, fixed: Loss, kind: String) throws {
        guard let loss else { return }
        if case .none = loss { return }
        let asked = try lossKind(loss, owner: "train")
        guard asked.name == fixed.name else {
            throw ScriptError.runtime("train: this \(kind)'s loss is \(fixed.name), chosen when it was made (\(kind)(..., loss: \(asked.name))); leave out train's loss:")
        }
    }

    /// The tensor of a one-argument object call (`ae(X)`).
    static func singleTensor(_ args: Arguments, _ owner: String) throws -> Tensor {
        guard args.rest.count == 1, args.given.isEmpty else {
            throw ScriptError.runtime("\(owner)(X) takes one tensor argument, got \(args.rest.count) positional and \(args.given.count) named")
        }
        switch args.rest[0] {
        case .tensor(let t): return t
        default: throw ScriptError.badArgument(position: 1, to: owner, ScriptError.expected("tensor", got: args.rest[0].kindName))
        }
    }

    /// A transfer function as a script value (what `ae.act` reads as).
    static func transferValue(_ a: Activation) -> Value {
        NetworkValues.value(of: a)
    }

    /// A VAE layer as a script value: the network library's layer object over the same Dense.
    static func layerObject(_ d: Dense) -> any ScriptObject {
        LayerObject(d)
    }
}

// The script face of a VAE: `v(X)` (z = μ), `v.encode` (record mu, logvar), `v.decode`,
// `v.sample(n)`, `v.loss(X)` / `v.loss(X, eps: E)`, `v.terms`, its layers, and its training objective.
import TensorKit
import NeuralKit

/// A variational autoencoder held by a script value.
final class VAEObject: TrainableScriptObject, ModelScriptObject {
    let model: VAE
    init(_ model: VAE) { self.model = model }

    var kindName: String { "vae" }
    var impliesTarget: Bool { true }
    var fieldNames: [String] {
        ["enc", "mu", "logvar", "dec", "out", "encode", "decode", "sample", "loss", "terms", "n_in", "n_latent", "hidden"]
    }
    var memoryBytes: Int { model.parameters.reduce(0) { $0 + 8 * $1.value.count } }

    var description: String {
        "vae \(model.inputs)-\(model.hidden)-\(model.latent)-\(model.hidden)-\(model.inputs) (act: \(model.enc.activation.name), loss: \(model.loss.name))"
    }

    func field(_ name: String, context: ScriptContext) throws -> Value {
        switch name {
        case "enc": return .object(AutoencoderLibrary.layerObject(model.enc))
        case "mu": return .object(AutoencoderLibrary.layerObject(model.mu))
        case "logvar": return .object(AutoencoderLibrary.layerObject(model.logvar))
        case "dec": return .object(AutoencoderLibrary.layerObject(model.dec))
        case "out": return .object(AutoencoderLibrary.layerObject(model.out))
        case "n_in": return .number(Double(model.inputs))
        case "n_latent": return .number(Double(model.latent))
        case "hidden": return .number(Double(model.hidden))
        case "encode":
            return .function(Builtin("v.encode", [.required("X")], help: "μ and log σ² of each row of X, as a record {mu, logvar}.",
                                     example: "v = vae(4, 2, hidden: 3)\nv.encode(rand(5, 4)).mu") { args, _ in
                let e = try self.model.encode(try args.tensor("X"))
                return .record(RecordBox([("mu", .tensor(e.mu)), ("logvar", .tensor(e.logvar))]))
            })
        case "decode":
            return .function(Builtin("v.decode", [.required("Z")], help: "The decoder's output (in (0, 1)) for latent codes Z (N×n_latent).",
                                     example: "v = vae(4, 2, hidden: 3)\nv.decode(zeros(1, 2))") { args, _ in
                .tensor(try self.model.decode(try args.tensor("Z")))
            })
        case "sample":
            return .function(Builtin("v.sample", [.required("n")], help: "n new data points: decode(z) for z drawn from N(0, I) (randn order).",
                                     example: "v = vae(4, 2, hidden: 3)\nv.sample(3)") { args, ctx in
                .tensor(try self.model.sample(try args.int("n"), rng: ctx.rng))
            })
        case "loss":
            return .function(Builtin("v.loss", [.required("X"), .named("eps")],
                                     help: "reconstruction + KL on X, averaged over the batch; ε drawn from the seeded stream, or the given N×n_latent eps.",
                                     example: "v = vae(4, 2, hidden: 3)\nv.loss(rand(5, 4), eps: zeros(5, 2))") { args, ctx in
                let eps = args.isNone("eps") ? nil : try args.tensor("eps")
                return .number(try self.model.terms(try args.tensor("X"), eps: eps, rng: ctx.rng).loss)
            })
        case "terms":
            return .function(Builtin("v.terms", [.required("X"), .named("eps")],
                                     help: "The ELBO split on X: a record with loss, reconstruction, kl and elbo (= −loss).",
                                     example: "v = vae(4, 2, hidden: 3)\nv.terms(rand(5, 4)).kl") { args, ctx in
                let eps = args.isNone("eps") ? nil : try args.tensor("eps")
                let t = try self.model.terms(try args.tensor("X"), eps: eps, rng: ctx.rng)
                return .record(RecordBox([("loss", .number(t.loss)), ("reconstruction", .number(t.reconstruction)),
                                          ("kl", .number(t.kl)), ("elbo", .number(t.elbo))]))
            })
        default: throw noField(name)
        }
    }

    func call(_ arguments: Arguments, context: ScriptContext) throws -> Value {
        .tensor(try model.reconstruct(try AutoencoderLibrary.singleTensor(arguments, "vae")))
    }

    func modelRecord() throws -> ModelRecord { model.modelRecord }

    func objective(loss: Value?, context: ScriptContext) throws -> any TrainableModel {
        try AutoencoderLibrary.checkTrainLoss(loss, fixed: model.loss, kind: "vae")
        return model
    }
}

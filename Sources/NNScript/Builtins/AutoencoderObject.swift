// The script face of an autoencoder: `ae(X)`, `ae.encode`, `ae.decode`, `ae.loss`, `ae.terms`,
// the weights W b W2 b2 (readable and writable), and what `train(ae, X, ...)` optimises.
import TensorKit
import NeuralKit

/// An autoencoder held by a script value.
final class AutoencoderObject: TrainableScriptObject, ModelScriptObject {
    let model: any AutoencoderModel
    init(_ model: any AutoencoderModel) { self.model = model }

    var kindName: String { "autoencoder" }
    var impliesTarget: Bool { true }
    var fieldNames: [String] {
        ["W", "b", "W2", "b2", "encode", "decode", "loss", "terms", "act", "out", "noise", "sparsity",
         "contractive", "tied", "n_in", "n_code", "hidden", "layers"]
    }
    var memoryBytes: Int { model.parameters.reduce(0) { $0 + 8 * $1.value.count } }

    var description: String {
        let o = model.options
        var parts = ["act: \(o.act.name)", "out: \(o.out.name)", "loss: \(o.loss.name)"]
        if let n = o.noise { parts.append("noise: \(n.description)") }
        if let s = o.sparsity { parts.append("sparsity: \(s.description)") }
        if o.contractive > 0 { parts.append("contractive: \(briefText(.number(o.contractive)))") }
        if o.tied { parts.append("tied: true") }
        let widths = [model.inputs] + model.hidden + [model.codes] + model.hidden.reversed() + [model.inputs]
        return "autoencoder \(widths.map(String.init).joined(separator: "-")) (\(parts.joined(separator: ", ")))"
    }

    func field(_ name: String, context: ScriptContext) throws -> Value {
        let o = model.options
        switch name {
        case "W": return .tensor(model.w.value)
        case "b": return .tensor(model.b.value)
        case "W2": return .tensor(model.decoderWeights)
        case "b2": return .tensor(model.b2.value)
        case "act": return AutoencoderLibrary.transferValue(o.act)
        case "out": return AutoencoderLibrary.transferValue(o.out)
        case "noise": return o.noise.map { .object(NoiseObject($0)) } ?? .none
        case "sparsity": return o.sparsity.map { .object(SparsityObject($0)) } ?? .none
        case "contractive": return .number(o.contractive)
        case "tied": return .bool(o.tied)
        case "n_in": return .number(Double(model.inputs))
        case "n_code": return .number(Double(model.codes))
        case "hidden": return .list(ListBox(model.hidden.map { .number(Double($0)) }, readOnly: ReadOnlyList.autoencoder("hidden")))
        case "layers":
            guard let layers = model.layers else {
                throw ScriptError.runtime("this autoencoder has one hidden layer: its weights are ae.W, ae.b, ae.W2, ae.b2 (ae.layers exists with hidden: [...])")
            }
            return .list(ListBox(layers.map { .object(AutoencoderLibrary.layerObject($0)) }, readOnly: ReadOnlyList.autoencoder("layers")))
        case "encode":
            return method("encode", "The code h = act(X Wᵀ + b) of each row (k-sparse: the αk largest kept); no noise.",
                          "ae = autoencoder(4, 2)\nae.encode(ones(3, 4))") { .tensor(try self.model.encode($0)) }
        case "decode":
            return method("decode", "The reconstruction out(H W2ᵀ + b2) of codes H (N×n_code).",
                          "ae = autoencoder(4, 2)\nae.decode(zeros(3, 2))", parameter: "H") { .tensor(try self.model.decode($0)) }
        case "loss":
            return method("loss", "The full objective (reconstruction + penalties) on X at the current weights, without noise.",
                          "ae = autoencoder(4, 2)\nae.loss(rand(5, 4))") { .number(try self.model.objective($0)) }
        case "terms":
            return method("terms", "The objective's parts on X without noise: a record with loss, reconstruction, penalty, rho_hat (mean code per unit), rho (kl target), jacobian (mean ‖∂h/∂x‖_F).",
                          "ae = autoencoder(4, 2, sparsity: kl(rho: 0.1, beta: 1))\nae.terms(rand(5, 4))") { x in
                let t = try self.model.terms(x)
                var fields: [(String, Value)] = [("loss", .number(t.loss)), ("reconstruction", .number(t.reconstruction)),
                                                 ("penalty", .number(t.penalty)), ("rho_hat", .tensor(Tensor(t.rhoHat)))]
                if case .kl(let rho, _) = o.sparsity { fields.append(("rho", .number(rho))) }
                if !t.jacobianNorm.isNaN { fields.append(("jacobian", .number(t.jacobianNorm))) }
                return .record(RecordBox(fields))
            }
        default: throw noField(name)
        }
    }

    func setField(_ name: String, _ value: Value, context: ScriptContext) throws {
        switch name {
        case "W", "b", "W2", "b2":
            guard case .tensor(let t) = value else {
                throw ScriptError.runtime("\(kindName).\(name) must be a tensor, got \(value.kindName)")
            }
            try model.set(name, t)
        default:
            if fieldNames.contains(name) {
                throw ScriptError.runtime("field '\(name)' of an autoencoder is read-only (make a new one: autoencoder(..., \(name): ...))")
            }
            throw noField(name)
        }
    }

    func call(_ arguments: Arguments, context: ScriptContext) throws -> Value {
        .tensor(try model.reconstruct(try AutoencoderLibrary.singleTensor(arguments, "autoencoder")))
    }

    func modelRecord() throws -> ModelRecord { model.modelRecord }

    func objective(loss: Value?, context: ScriptContext) throws -> any TrainableModel {
        try AutoencoderLibrary.checkTrainLoss(loss, fixed: model.options.loss, kind: "autoencoder")
        return model
    }

    /// A bound method of one tensor argument.
    func method(_ name: String, _ help: String, _ example: String, parameter: String = "X",
                _ body: @escaping (Tensor) throws -> Value) -> Value {
        .function(Builtin("ae.\(name)", [.required(parameter)], help: help, example: example) { args, _ in
            try body(try args.tensor(parameter))
        })
    }
}

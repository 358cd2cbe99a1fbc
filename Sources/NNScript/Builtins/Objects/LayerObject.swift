// The script face of a dense layer: fields W, b, act (readable and writable), n_in, n_out;
// calling it runs f(X Wᵀ + b) on a batch or f(W x + b) on a vector.
import TensorKit
import NeuralKit

/// `dense(n_in, n_out, act: f)` as a script object.
final class LayerObject: TrainableScriptObject {
    let layer: Dense

    init(_ layer: Dense) { self.layer = layer }

    var kindName: String { "layer" }
    var fieldNames: [String] { ["W", "b", "act", "n_in", "n_out"] }

    func field(_ name: String, context: ScriptContext) throws -> Value {
        switch name {
        case "W": return .tensor(layer.weight.value)
        case "b": return .tensor(layer.bias.value)
        case "act": return NetworkValues.value(of: layer.activation)
        case "n_in": return .number(Double(layer.inputs))
        case "n_out": return .number(Double(layer.outputs))
        default: throw noField(name)
        }
    }

    func setField(_ name: String, _ value: Value, context: ScriptContext) throws {
        let args = Arguments(function: "layer.\(name)", values: [name: value])
        switch name {
        case "W": try layer.setWeight(try args.tensor(name))
        case "b": try layer.setBias(try args.tensor(name))
        case "act": layer.activation = try NetworkValues.activation(value, "layer.act", "act")
        case "n_in", "n_out": throw ScriptError.runtime("field '\(name)' of a layer is read-only (make a new dense layer to change its size)")
        default: throw noField(name)
        }
    }

    func call(_ arguments: Arguments, context: ScriptContext) throws -> Value {
        let (x, vector) = try NetworkValues.batch(try NetworkValues.input(arguments, kindName), width: layer.inputs, "layer")
        let a = try layer(x)
        return vector ? .tensor(Tensor(shape: [layer.outputs], storage: a.storage)) : .tensor(a)
    }

    /// `dense(2 → 4, act: tanh, 12 parameters)`.
    var description: String {
        "dense(\(layer.inputs) → \(layer.outputs), act: \(layer.activation.name), \(layer.parameterCount) parameters)"
    }

    var memoryBytes: Int { layer.parameterCount * 8 }

    var impliesTarget: Bool { false }

    /// A single layer trains as a one-layer network (the delta rule of a single-layer net).
    func objective(loss: Value?, context: ScriptContext) throws -> any TrainableModel {
        let l = try loss.map { try NetworkValues.loss($0, "train") } ?? .mse
        return SupervisedObjective(network: try Network(layers: [layer]), loss: l)
    }
}

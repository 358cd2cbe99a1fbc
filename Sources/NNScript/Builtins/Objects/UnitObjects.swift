// The script faces of single units (lecture 3.2–3.3): neuron (fields w, bias, act), perceptron
// (w, bias, lr) and the Hebbian unit (w, lr); each is called on a vector or a batch of rows.
import TensorKit
import NeuralKit

/// `neuron(w, bias: b, act: f)`: y = φ(Σ w_j x_j + b); `act` may be any function of a number.
final class NeuronObject: ScriptObject {
    var weights: Tensor
    var bias: Double
    /// A transfer function value, or any function (then called on the tensor of weighted inputs).
    var act: Value

    init(weights: Tensor, bias: Double, act: Value) {
        self.weights = weights
        self.bias = bias
        self.act = act
    }

    var kindName: String { "neuron" }
    var fieldNames: [String] { ["w", "bias", "act"] }

    func field(_ name: String, context: ScriptContext) throws -> Value {
        switch name {
        case "w": return .tensor(weights)
        case "bias": return .number(bias)
        case "act": return act
        default: throw noField(name)
        }
    }

    func setField(_ name: String, _ value: Value, context: ScriptContext) throws {
        let args = Arguments(function: "neuron.\(name)", values: [name: value])
        switch name {
        case "w":
            let w = try args.tensor(name)
            guard w.rank == 1, w.count == weights.count else {
                throw ScriptError.runtime("neuron.w: expected a vector of \(weights.count) weights, got shape \(w.shape)")
            }
            weights = w
        case "bias": bias = try args.number(name)
        case "act":
            guard case .function = value else { throw args.bad(name, "function") }
            act = value
        default: throw noField(name)
        }
    }

    /// The transfer function, when `act` is one.
    var transfer: Activation? {
        if case .function(let f) = act, let b = f as? Builtin { return b.transfer }
        return nil
    }

    func call(_ arguments: Arguments, context: ScriptContext) throws -> Value {
        let unit = try Neuron(weights: weights, bias: bias, activation: transfer ?? .linear)
        let u = try unit.weightedInput(try NetworkValues.input(arguments, kindName))
        if transfer != nil { return NetworkValues.value(try unit(try NetworkValues.input(arguments, kindName))) }
        return try context.callFunction(act, [NetworkValues.value(u)])
    }

    var description: String {
        let name: String
        if case .function(let f) = act { name = f.name } else { name = act.kindName }
        return "neuron(\(weights.count) inputs, bias: \(bias), act: \(name))"
    }
}

/// `perceptron(m, lr: 0.1)`: Rosenblatt's unit.
final class PerceptronObject: ScriptObject {
    let unit: Perceptron

    init(_ unit: Perceptron) { self.unit = unit }

    var kindName: String { "perceptron" }
    var fieldNames: [String] { ["w", "bias", "lr"] }

    func field(_ name: String, context: ScriptContext) throws -> Value {
        if name == "bias" { return .number(unit.bias) }
        guard let value = learningUnitField(unit, name) else { throw noField(name) }
        return value
    }

    func setField(_ name: String, _ value: Value, context: ScriptContext) throws {
        if name == "bias" {
            unit.bias = try Arguments(function: "perceptron.bias", values: [name: value]).number(name)
        } else if try !setLearningUnitField(unit, kind: kindName, name, value) {
            throw noField(name)
        }
    }

    func call(_ arguments: Arguments, context: ScriptContext) throws -> Value {
        try callUnit(arguments, kind: kindName, unit.predict)
    }

    var description: String {
        "perceptron(\(unit.inputs) inputs, lr: \(Tensor.numberText(unit.learningRate))) w = \(numberList(unit.weights)), bias = \(Tensor.numberText(unit.bias))"
    }
}

/// `hebbian(m, lr: 0.1)`: a linear unit trained with Hebb's rule.
final class HebbianObject: ScriptObject {
    let unit: Hebbian

    init(_ unit: Hebbian) { self.unit = unit }

    var kindName: String { "hebbian" }
    var fieldNames: [String] { ["w", "lr"] }

    func field(_ name: String, context: ScriptContext) throws -> Value {
        guard let value = learningUnitField(unit, name) else { throw noField(name) }
        return value
    }

    func setField(_ name: String, _ value: Value, context: ScriptContext) throws {
        guard try setLearningUnitField(unit, kind: kindName, name, value) else { throw noField(name) }
    }

    func call(_ arguments: Arguments, context: ScriptContext) throws -> Value {
        try callUnit(arguments, kind: kindName, unit.predict)
    }

    var description: String { "hebbian(\(unit.inputs) inputs, lr: \(Tensor.numberText(unit.learningRate))) w = \(numberList(unit.weights))" }
}

/// The fields perceptron and hebbian share: the weights `w` (as many as the unit has inputs) and
/// the learning rate `lr`.
private protocol LearningUnit: AnyObject {
    var weights: [Double] { get set }
    var learningRate: Double { get set }
    var inputs: Int { get }
}

extension Perceptron: LearningUnit {}
extension Hebbian: LearningUnit {}

/// `u.w` or `u.lr`; nil for any other name.
private func learningUnitField(_ unit: LearningUnit, _ name: String) -> Value? {
    switch name {
    case "w": return .tensor(Tensor(unit.weights))
    case "lr": return .number(unit.learningRate)
    default: return nil
    }
}

/// `u.w = ...` or `u.lr = ...`; false for any other name.
private func setLearningUnitField(_ unit: LearningUnit, kind: String, _ name: String, _ value: Value) throws -> Bool {
    let args = Arguments(function: "\(kind).\(name)", values: [name: value])
    switch name {
    case "w": unit.weights = try weightVector(args, inputs: unit.inputs, kind: kind)
    case "lr": unit.learningRate = try args.number(name)
    default: return false
    }
    return true
}

/// Weights as nns prints a list of numbers: `[0.5, -1, nan]`.
private func numberList(_ xs: [Double]) -> String {
    "[" + xs.map(Tensor.numberText).joined(separator: ", ") + "]"
}

/// A single unit's new weights from `u.w = ...`: a vector of exactly `inputs` numbers.
private func weightVector(_ args: Arguments, inputs: Int, kind: String) throws -> [Double] {
    let w = try args.tensor("w")
    guard w.count == inputs, w.rank <= 1 else {
        throw ScriptError.runtime("\(kind).w: expected a vector of \(inputs) weights, got shape \(w.shape)")
    }
    return w.storage
}

/// Calling a single unit: one input row gives a number, an N-row batch the N outputs.
private func callUnit(_ arguments: Arguments, kind: String, _ predict: (Tensor) throws -> Tensor) throws -> Value {
    let x = try NetworkValues.input(arguments, kind)
    let y = try predict(x)
    return x.rank == 1 ? .number(y.storage[0]) : .tensor(y)
}

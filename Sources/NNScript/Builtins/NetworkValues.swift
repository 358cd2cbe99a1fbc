// Conversions between script values and the network library's types: transfer functions and
// losses from function values, tensors from arguments, results back into values.
import TensorKit
import NeuralKit

enum NetworkValues {
    /// The transfer function a value stands for (`sigmoid`, `relu`, ... or their name as a string).
    static func activation(_ v: Value, _ function: String, _ parameter: String) throws -> Activation {
        switch v {
        case .function(let f):
            if let b = f as? Builtin, let act = b.transfer { return act }
            throw ScriptError.badArgument(parameter, to: function, "a transfer function such as sigmoid, tanh or relu expected, got the function \(f.name)")
        case .string(let s):
            if let act = Activation(name: s) { return act }
            throw ScriptError.badArgument(parameter, to: function, "unknown transfer function \"\(s)\"; known: \(Activation.allCases.map(\.name).joined(separator: ", "))")
        default:
            throw ScriptError.badArgument(parameter, to: function, "transfer function expected, got \(v.kindName)")
        }
    }

    /// The loss a value stands for (`mse`, `sse`, `bce`, `cross_entropy`, or their name).
    static func loss(_ v: Value, _ function: String, _ parameter: String = "loss") throws -> Loss {
        switch v {
        case .function(let f):
            if let b = f as? Builtin, TransferLibrary.isLossBuiltin(b), let l = Loss(name: b.name) { return l }
            throw ScriptError.badArgument(parameter, to: function, "a loss such as mse, sse, bce or cross_entropy expected, got the function \(f.name)")
        case .string(let s):
            if let l = Loss(name: s) { return l }
            throw ScriptError.badArgument(parameter, to: function, "unknown loss \"\(s)\"; known: mse, sse, bce, cross_entropy")
        default:
            throw ScriptError.badArgument(parameter, to: function, "loss expected, got \(v.kindName)")
        }
    }

    /// The transfer function's built-in value, for reading `layer.act`.
    static func value(of act: Activation) -> Value {
        .function(TransferLibrary.transferBuiltin(act))
    }

    /// A tensor result as a value: 0-d tensors become numbers.
    static func value(_ t: Tensor) -> Value {
        t.rank == 0 ? .number(t.storage[0]) : .tensor(t)
    }

    /// A list of tensors as a list value.
    static func list(_ ts: [Tensor]) -> Value {
        .list(ListBox(ts.map { .tensor($0) }))
    }

    /// A batch for a layer or network: an N × n matrix as is, a vector of n as one row (`wasVector`).
    static func batch(_ x: Tensor, width: Int, _ function: String) throws -> (Tensor, wasVector: Bool) {
        if x.rank == 2 { return (x, false) }
        if x.rank == 1 && x.count == width { return (Tensor(shape: [1, width], storage: x.storage), true) }
        if x.rank == 0 && width == 1 { return (Tensor(shape: [1, 1], storage: x.storage), true) }
        throw ScriptError.runtime("\(function): expected an N×\(width) matrix or a vector of \(width), got shape \(x.shape)")
    }

    /// Targets for a batch of N rows and `outputs` columns: an [N] vector becomes N×1 when there is
    /// one output; class labels [N] become one-hot rows when the loss is cross_entropy.
    static func targets(_ y: Tensor, rows: Int, outputs: Int, loss: Loss?, _ function: String) throws -> Tensor {
        if y.rank == 1 && y.count == rows {
            if outputs == 1 { return Tensor(shape: [rows, 1], storage: y.storage) }
            if loss == .crossEntropy {
                var hot = [Double](repeating: 0, count: rows * outputs)
                for (i, l) in y.storage.enumerated() {
                    guard l >= 0, l < Double(outputs), l == l.rounded() else {
                        throw ScriptError.runtime("\(function): label \(l) in row \(i) is not a class index 0…\(outputs - 1)")
                    }
                    hot[i * outputs + Int(l)] = 1
                }
                return Tensor(shape: [rows, outputs], storage: hot)
            }
        }
        if y.rank == 0 && rows == 1 && outputs == 1 { return Tensor(shape: [1, 1], storage: y.storage) }
        return y
    }

    /// Positive whole sizes from a tensor or list (`mlp([2, 4, 1])`).
    static func sizes(_ v: Value, _ function: String, _ parameter: String) throws -> [Int] {
        var numbers: [Double] = []
        switch v {
        case .tensor(let t) where t.rank == 1: numbers = t.storage
        case .list(let l):
            for item in l.items {
                guard case .number(let x) = item else { throw ScriptError.badArgument(parameter, to: function, "list of layer sizes expected") }
                numbers.append(x)
            }
        default: throw ScriptError.badArgument(parameter, to: function, "list of layer sizes such as [2, 4, 1] expected, got \(v.kindName)")
        }
        return try numbers.map { try size($0, function, parameter) }
    }

    /// One positive whole size, checked before conversion (no trap on 1e300 or nan).
    static func size(_ x: Double, _ function: String, _ parameter: String) throws -> Int {
        guard x == x.rounded(), x >= 1, x <= 1e8 else {
            throw ScriptError.badArgument(parameter, to: function, "a whole number ≥ 1 expected, got \(Tensor.numberText(x))")
        }
        return Int(x)
    }
}

extension NetworkValues {
    /// The one input of a called object (`net(X)`, `p(x)`): positional arguments arrive in `rest`.
    static func input(_ arguments: Arguments, _ kind: String) throws -> Tensor {
        var items = arguments.rest
        if !arguments.isNone("x") { items.insert(arguments["x"], at: 0) }
        guard items.count == 1 else {
            throw ScriptError.runtime("a \(kind) takes one argument (the input X), got \(items.count)")
        }
        let a = Arguments(function: kind, values: ["x": items[0]])
        return try a.tensor("x")
    }
}

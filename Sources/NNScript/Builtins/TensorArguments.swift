// Turning script values into what the tensor built-ins need (tensors, shapes, axes, seeds) and
// tensors back into values; errors read like every other argument error.
import TensorKit

extension Arguments {
    /// A tensor from a tensor, number, bool or list of numbers/tensors (stacked).
    func anyTensor(_ name: String) throws -> Tensor {
        try TensorArgs.tensor(self[name], name: name, function: function)
    }

    /// An optional `axis:` argument (none means the whole tensor).
    func axis(_ name: String = "axis") throws -> Int? {
        isNone(name) ? nil : try int(name)
    }
}

/// Helpers shared by the tensor and io built-ins.
enum TensorArgs {
    /// A value as a tensor; lists of numbers become 1-D tensors, lists of equal tensors stack.
    static func tensor(_ value: Value, name: String, function: String) throws -> Tensor {
        switch value {
        case .tensor(let t): return t
        case .number(let x): return Tensor(scalar: x)
        case .bool(let b): return Tensor(scalar: b ? 1 : 0)
        case .list(let box):
            let parts = try box.items.map { try tensor($0, name: name, function: function) }
            if parts.isEmpty { return Tensor([]) }
            do {
                return try Tensor.stack(parts)
            } catch let e as TensorError {
                throw ScriptError.badArgument(name, to: function, e.message)
            }
        case .string, .none, .record, .function, .object:
            throw ScriptError.badArgument(name, to: function, "tensor expected, got \(value.kindName)")
        }
    }

    /// A shape from `zeros(2, 3)`, `zeros([2, 3])` or `zeros(5)`: whole numbers ≥ 0.
    static func shape(_ values: [Value], function: String) throws -> [Int] {
        let shape = try flatDimensions(values, function: function).map { try Tensor.dimension($0, function) }
        _ = try Tensor.checkedCount(shape)
        return shape
    }

    /// Dimensions that may include −1 (reshape).
    static func reshapeDims(_ values: [Value], function: String) throws -> [Int] {
        try flatDimensions(values, function: function).map { x in x == -1 ? -1 : try Tensor.dimension(x, function) }
    }

    /// The numbers of dimension arguments given as numbers, vectors or lists, in order.
    private static func flatDimensions(_ values: [Value], function: String) throws -> [Double] {
        var dims: [Double] = []
        for v in values {
            switch v {
            case .number(let x): dims.append(x)
            case .tensor(let t) where t.rank <= 1: dims.append(contentsOf: t.storage)
            case .list(let box):
                for item in box.items {
                    guard case .number(let x) = item else {
                        throw ScriptError.runtime("\(function): a shape holds numbers, got a \(item.kindName)")
                    }
                    dims.append(x)
                }
            default:
                throw ScriptError.runtime("\(function): dimensions must be numbers, got a \(v.kindName)")
            }
        }
        return dims
    }

    /// A seed: a whole number 0 ≤ n < 2⁶⁴ (numbers above 2⁵³ are already rounded by Double).
    static func seed(_ x: Double) throws -> UInt64 {
        guard x.isFinite, x == x.rounded(), x >= 0, let s = UInt64(exactly: x) else {
            throw ScriptError.badArgument("n", to: "seed", ScriptError.expected("a whole number from 0 to 2^64 − 1", got: Tensor.numberText(x)))
        }
        return s
    }

    /// A result tensor as a value: a 0-d tensor becomes a number.
    static func value(_ t: Tensor) -> Value {
        t.rank == 0 ? .number(t.storage.first ?? 0) : .tensor(t)
    }
}

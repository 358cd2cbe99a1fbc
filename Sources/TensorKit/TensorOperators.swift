// The operations the language's operators map to: elementwise binary operators with NumPy
// broadcasting, negation, the `@` product, and indexing/slicing by axis.
// PLACEHOLDER: the tensor work fills in the bodies; the API stays.

/// An elementwise binary operator (`+ - * / % ^` and the comparisons, which give 0/1).
public enum BinaryOp: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

/// One entry of an index expression `x[i, a:b:c, :]`.
public enum TensorIndex: Sendable, Equatable {
    /// A single position (negative counts from the end); drops the axis.
    case at(Int)
    /// A slice `start:stop:step` with Python's rules for omitted and negative parts; keeps the axis.
    case slice(start: Int?, stop: Int?, step: Int?)
}

extension Tensor {
    /// `a op b` elementwise with NumPy broadcasting.
    public static func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        throw TensorError("\(op.rawValue): not built yet")
    }
    /// `a op x` for a number x, elementwise.
    public static func binary(_ op: BinaryOp, _ a: Tensor, _ x: Double) throws -> Tensor {
        throw TensorError("\(op.rawValue): not built yet")
    }
    /// `x op b` for a number x, elementwise.
    public static func binary(_ op: BinaryOp, _ x: Double, _ b: Tensor) throws -> Tensor {
        throw TensorError("\(op.rawValue): not built yet")
    }
    /// `-a`.
    public static prefix func - (a: Tensor) -> Tensor {
        Tensor(shape: a.shape, storage: a.storage.map { -$0 })
    }
    /// `a @ b` as the contract fixes it: 1-D@1-D dot (a 0-d tensor), 2-D@1-D, 1-D@2-D, 2-D@2-D.
    public static func matmulOperator(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        throw TensorError("@: not built yet")
    }
    /// `x[indices]`: fewer indices than axes leave the trailing axes whole.
    public func indexed(_ indices: [TensorIndex]) throws -> Tensor {
        throw TensorError("indexing: not built yet")
    }
    /// `x[indices] = value`, broadcasting `value` to the selected region.
    public mutating func assign(_ indices: [TensorIndex], _ value: Tensor) throws {
        throw TensorError("indexed assignment: not built yet")
    }
}

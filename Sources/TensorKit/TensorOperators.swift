// The operations the language's operators map to: elementwise binary operators with NumPy
// broadcasting, negation and the `@` product. (Indexing lives in Indexing.swift.)
import Foundation

/// An elementwise binary operator (`+ - * / % ^` and the comparisons, which give 0/1).
public enum BinaryOp: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="

    /// The operator on two numbers: IEEE arithmetic, `%` floored like Python, comparisons 1/0.
    @inlinable
    public func apply(_ x: Double, _ y: Double) -> Double {
        switch self {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply: return x * y
        case .divide: return x / y
        case .modulo: return flooredModulo(x, y)
        case .power: return Foundation.pow(x, y)
        case .equal: return x == y ? 1 : 0
        case .notEqual: return x != y ? 1 : 0
        case .less: return x < y ? 1 : 0
        case .lessEqual: return x <= y ? 1 : 0
        case .greater: return x > y ? 1 : 0
        case .greaterEqual: return x >= y ? 1 : 0
        }
    }
}

/// x mod y with the sign of y, as Python's and NumPy's `%`: r = fmod(x, y), moved by y when the
/// signs differ (−7 % 3 = 2); a zero result takes y's sign; x % 0 is nan.
@inlinable
public func flooredModulo(_ x: Double, _ y: Double) -> Double {
    var r = fmod(x, y)
    if r != 0 {
        if (r < 0) != (y < 0) { r += y }
    } else {
        r = y < 0 ? -0.0 : 0.0
    }
    return r
}

extension Tensor {
    /// `a op b` elementwise with NumPy broadcasting.
    public static func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard let shape = broadcastShape(a.shape, b.shape) else {
            throw TensorError.shapes(op.rawValue, a.shape, b.shape, "do not broadcast")
        }
        _ = try checkedCount(shape)
        // One specialised loop per operator: the switch is outside the loop.
        switch op {
        case .add: return zip(a, b, outShape: shape) { $0 + $1 }
        case .subtract: return zip(a, b, outShape: shape) { $0 - $1 }
        case .multiply: return zip(a, b, outShape: shape) { $0 * $1 }
        case .divide: return zip(a, b, outShape: shape) { $0 / $1 }
        case .modulo: return zip(a, b, outShape: shape) { flooredModulo($0, $1) }
        case .power: return zip(a, b, outShape: shape) { Foundation.pow($0, $1) }
        case .equal: return zip(a, b, outShape: shape) { $0 == $1 ? 1 : 0 }
        case .notEqual: return zip(a, b, outShape: shape) { $0 != $1 ? 1 : 0 }
        case .less: return zip(a, b, outShape: shape) { $0 < $1 ? 1 : 0 }
        case .lessEqual: return zip(a, b, outShape: shape) { $0 <= $1 ? 1 : 0 }
        case .greater: return zip(a, b, outShape: shape) { $0 > $1 ? 1 : 0 }
        case .greaterEqual: return zip(a, b, outShape: shape) { $0 >= $1 ? 1 : 0 }
        }
    }
    /// `a op x` for a number x, elementwise.
    public static func binary(_ op: BinaryOp, _ a: Tensor, _ x: Double) throws -> Tensor {
        try binary(op, a, Tensor(shape: [], storage: [x]))
    }
    /// `x op b` for a number x, elementwise.
    public static func binary(_ op: BinaryOp, _ x: Double, _ b: Tensor) throws -> Tensor {
        try binary(op, Tensor(shape: [], storage: [x]), b)
    }
    /// `-a`.
    public static prefix func - (a: Tensor) -> Tensor {
        a.map { -$0 }
    }

    /// `a @ b` as NumPy defines it: 1-D@1-D dot (a 0-d tensor), 2-D@1-D, 1-D@2-D, 2-D@2-D.
    public static func matmulOperator(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        switch (a.rank, b.rank) {
        case (1, 1):
            guard a.count == b.count else {
                throw TensorError.shapes("@", a.shape, b.shape, "do not line up: \(a.count) ≠ \(b.count)")
            }
            return Tensor(scalar: dotProduct(a, b))
        case (2, 1):
            return try matrixVector(a, b)
        case (1, 2):
            return try vectorMatrix(a, b)
        case (2, 2):
            return try matmul(a, b)
        default:
            throw TensorError.shapes("@", a.shape, b.shape,
                                     "are not vectors or matrices (@ takes tensors with 1 or 2 axes)")
        }
    }
}

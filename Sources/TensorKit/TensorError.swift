// The one error type of the tensor library: every failure a user can cause is one of these,
// built by a named factory so that the wording is fixed in one place.

/// An error whose text is meant for the user; the language adds the file:line:col.
public protocol DescribedError: Error, Sendable {
    /// The message, without location.
    var message: String { get }
}

/// A failure of a tensor operation (shapes, indices, sizes, files).
public struct TensorError: DescribedError, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }

    /// The largest number of elements a tensor may hold before allocation is refused (8 GiB of Doubles).
    public static let defaultElementLimit = 1 << 30

    static func elementCount(shape: [Int], expected: Int, found: Int) -> TensorError {
        TensorError("shape \(shape) needs \(expected) elements, found \(found)")
    }
    static func reshape(from: [Int], to: [Int]) -> TensorError {
        TensorError("reshape: cannot reshape \(from) into \(to)")
    }
    static func negativeDimension(_ shape: [Int]) -> TensorError {
        TensorError("shape \(shape) has a negative dimension")
    }
    static func tooLarge(_ shape: [Int], limit: Int) -> TensorError {
        TensorError("a tensor of shape \(shape) is too large (limit \(limit) elements)")
    }
    /// Two shapes that an operation needs to match, for example `@: shapes [3, 4] and [3, 2] do not line up: 4 ≠ 3`.
    public static func shapes(_ op: String, _ a: [Int], _ b: [Int], _ detail: String) -> TensorError {
        TensorError("\(op): shapes \(a) and \(b) \(detail)")
    }
}

extension Tensor {
    /// The element count of `shape`, refusing negative dimensions, overflow and sizes above the limit.
    public static func checkedCount(_ shape: [Int], limit: Int = TensorError.defaultElementLimit) throws -> Int {
        var count = 1
        for d in shape {
            guard d >= 0 else { throw TensorError.negativeDimension(shape) }
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow, product <= limit else { throw TensorError.tooLarge(shape, limit: limit) }
            count = product
        }
        return count
    }
}

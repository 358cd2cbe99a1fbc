// The one error type of the tensor library: every failure a user can cause is one of these,
// built by a named factory so that the wording is fixed in one place.
import Synchronization

/// An error whose text is meant for the user; the language adds the file:line:col.
public protocol DescribedError: Error, Sendable {
    /// The message, without location.
    var message: String { get }
}

/// A failure of a tensor operation (shapes, indices, sizes, files).
public struct TensorError: DescribedError, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }

    /// The element limit in force when none is set: 8 GiB of Doubles.
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
        TensorError("a tensor of shape \(shape) is too large (limit \(limit) elements, \(limit / (1 << 27)) GiB)")
    }
    /// An index past the end of an axis: `index 5 is out of range for axis 0 of length 3`.
    public static func indexOutOfRange(_ index: Int, axis: Int, length: Int) -> TensorError {
        TensorError("index \(index) is out of range for axis \(axis) of length \(length)")
    }
    /// More indices than the tensor has axes.
    public static func tooManyIndices(_ given: Int, rank: Int) -> TensorError {
        TensorError("too many indices: \(given) given for a tensor with \(rank) ax\(rank == 1 ? "is" : "es")")
    }
    /// An axis argument outside `-rank..<rank`.
    public static func badAxis(_ op: String, _ axis: Int, rank: Int) -> TensorError {
        TensorError("\(op): axis \(axis) is out of range for a tensor with \(rank) ax\(rank == 1 ? "is" : "es")")
    }
    /// A dimension given as a number that is not a whole number in range.
    public static func badDimension(_ op: String, _ value: Double) -> TensorError {
        TensorError("\(op): a dimension must be a whole number ≥ 0, got \(Tensor.numberText(value))")
    }
    /// Two shapes that an operation needs to match, for example `@: shapes [3, 4] and [3, 2] do not line up: 4 ≠ 3`.
    public static func shapes(_ op: String, _ a: [Int], _ b: [Int], _ detail: String) -> TensorError {
        TensorError("\(op): shapes \(a) and \(b) \(detail)")
    }
}

/// The settable element limit, shared by every tensor (an atomic, so no global `var`).
private let elementLimitStorage = Atomic<Int>(TensorError.defaultElementLimit)

extension Tensor {
    /// The largest number of elements a tensor may hold; larger ones are refused before allocation.
    public static var elementLimit: Int {
        get { elementLimitStorage.load(ordering: .relaxed) }
        set { elementLimitStorage.store(max(1, newValue), ordering: .relaxed) }
    }

    /// The element count of `shape`, refusing negative dimensions, overflow, sizes above the limit
    /// and (from 64 MiB) sizes the free memory cannot hold.
    public static func checkedCount(_ shape: [Int], limit: Int = Tensor.elementLimit) throws -> Int {
        let count = try elementCount(shape, limit: limit)
        try MemoryBudget.check(bytes: count * MemoryLayout<Double>.stride, shape: shape)
        return count
    }

    /// The element count of `shape`, refusing negative dimensions, overflow and sizes above the
    /// limit, without asking for memory: for shapes over elements that already exist (a reshape).
    public static func elementCount(_ shape: [Int], limit: Int = Tensor.elementLimit) throws -> Int {
        var count = 1
        for d in shape {
            guard d >= 0 else { throw TensorError.negativeDimension(shape) }
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow, product <= limit else { throw TensorError.tooLarge(shape, limit: limit) }
            count = product
        }
        return count
    }

    /// Throws when a new tensor as large as `t` would not fit in the memory left: called before an
    /// elementwise result or a copy of a large tensor is made, so that running out of memory is an
    /// error at the line that asked, not the end of the session.
    public static func checkRoom(forCopyOf t: Tensor) throws {
        try MemoryBudget.check(bytes: t.count * MemoryLayout<Double>.stride, shape: t.shape)
    }
}

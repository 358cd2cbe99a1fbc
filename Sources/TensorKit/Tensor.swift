// Tensor: an N-d, row-major, Float64 array with value semantics.
// Storage is a Swift Array, so copies are cheap and copy-on-write: `B = A; B[0] = 1` leaves A alone.

/// An N-dimensional row-major array of Doubles; a 0-d tensor has shape [] and one element.
public struct Tensor: Sendable, Equatable {
    /// The extent of each axis, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `storage.count == shape.product`.
    public var storage: [Double]

    /// A tensor of the given shape and elements; the caller guarantees the counts agree.
    public init(shape: [Int], storage: [Double]) {
        self.shape = shape
        self.storage = storage
    }

    /// A tensor of the given shape with every element `value`, refused above the size limit.
    public init(shape: [Int], repeating value: Double) throws {
        let count = try Tensor.checkedCount(shape)
        self.init(shape: shape, storage: [Double](repeating: value, count: count))
    }

    /// A tensor of the given shape and elements, checking that the counts agree.
    public init(shape: [Int], elements: [Double]) throws {
        let count = try Tensor.elementCount(shape)
        guard count == elements.count else {
            throw TensorError.elementCount(shape: shape, expected: count, found: elements.count)
        }
        self.init(shape: shape, storage: elements)
    }

    /// A 1-D tensor holding `values`.
    public init(_ values: [Double]) {
        self.init(shape: [values.count], storage: values)
    }

    /// A 0-d tensor holding one number.
    public init(scalar: Double) {
        self.init(shape: [], storage: [scalar])
    }

    /// The number of axes.
    @inlinable public var rank: Int { shape.count }
    /// The number of elements.
    @inlinable public var count: Int { storage.count }

    /// Reinterprets the same elements under a new shape with the same element count.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        let count = try Tensor.elementCount(newShape)
        guard count == storage.count else {
            throw TensorError.reshape(from: shape, to: newShape)
        }
        return Tensor(shape: newShape, storage: storage)
    }

    /// Sets the shape without touching storage; the caller guarantees the count agrees.
    public mutating func unsafeSetShape(_ newShape: [Int]) {
        shape = newShape
    }
}

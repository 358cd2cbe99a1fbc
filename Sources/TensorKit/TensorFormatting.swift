// How a tensor prints: a shape header, aligned columns, a precision, large tensors summarised.
// PLACEHOLDER: the tensor work fills in the body; the API stays.

extension Tensor {
    /// The printed form at `precision` significant digits, at most `width` columns wide; large
    /// tensors are summarised with `…` so printing a 10,000×10,000 tensor is instant.
    public func formatted(precision: Int = 4, width: Int = 80) -> String {
        "tensor \(shape)"
    }
}

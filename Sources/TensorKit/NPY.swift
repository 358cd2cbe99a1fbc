// NumPy's .npy format: write `<f8` C-order; read `<f8 <f4 <i8 <i4 |u1 |b1`.
// PLACEHOLDER: the tensor work fills this in; the API stays.

/// Reading and writing NumPy .npy files.
public enum NPY {
    /// Writes `tensor` to `path` atomically (temporary file, then rename).
    public static func write(_ tensor: Tensor, to path: String) throws {
        throw TensorError("save: .npy writing is not built yet")
    }
    /// Reads a tensor from `path`; malformed files are errors, never crashes.
    public static func read(_ path: String) throws -> Tensor {
        throw TensorError("load: .npy reading is not built yet")
    }
}

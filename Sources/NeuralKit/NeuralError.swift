// The one error type of the network library: every failure a user can cause (shapes, options,
// files, diverging training) is built here by a named factory, so the wording lives in one place.
import TensorKit

/// A failure of a network operation; the language adds file:line:col.
public struct NeuralError: DescribedError, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }

    /// Two shapes that had to agree, e.g. `mse: prediction [4, 1] and target [4, 2] differ`.
    public static func shapes(_ op: String, _ what: String, _ a: [Int], _ b: [Int], _ detail: String) -> NeuralError {
        NeuralError("\(op): \(what) \(a) and \(b) \(detail)")
    }
    /// An input whose width does not match a layer's.
    public static func inputWidth(_ op: String, expected: Int, found: [Int]) -> NeuralError {
        NeuralError("\(op): expected input rows of \(expected) features, got shape \(found)")
    }
    /// A bad option value: what was expected and what came.
    public static func option(_ op: String, _ name: String, _ expected: String, _ found: String) -> NeuralError {
        NeuralError("\(op): \(name) must be \(expected), got \(found)")
    }
    /// Training diverged: a NaN or infinite loss in some epoch.
    public static func diverged(epoch: Int, loss: Double) -> NeuralError {
        NeuralError("train: the loss became \(Tensor.numberText(loss)) in epoch \(epoch); try a smaller learning rate")
    }
    /// The loss is not finite because the data itself holds nan or infinite values.
    public static func nonFiniteData(epoch: Int, which: String) -> NeuralError {
        NeuralError("train: the loss became nan or infinite in epoch \(epoch) because \(which) holds nan or infinite values; clean the data first")
    }
    /// A model file that cannot be read.
    public static func modelFile(_ path: String, _ detail: String) -> NeuralError {
        NeuralError("load: \(path) is not a valid .nnm model file (\(detail))")
    }
}

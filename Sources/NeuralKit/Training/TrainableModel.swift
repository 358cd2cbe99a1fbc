// The protocol between models and the trainer: a model exposes its parameters and computes the
// loss and all gradients of one batch; optimizers and the training loop know nothing else of it.
import TensorKit

/// A trainable tensor and the gradient of the last backward pass with respect to it.
public final class Parameter {
    /// The current value (a layer's W or b).
    public var value: Tensor
    /// ∂loss/∂value from the last `lossAndGradients` call; same shape as `value`.
    public var grad: Tensor

    public init(_ value: Tensor) {
        self.value = value
        self.grad = Tensor(shape: value.shape, storage: [Double](repeating: 0, count: value.count))
    }
}

extension Parameter {
    /// Lets `body` write ∂loss/∂value in place: `grad`'s storage is reused from step to step
    /// (made the shape of `value` first if it is not).
    public func writeGradient(_ body: (UnsafeMutableBufferPointer<Double>) throws -> Void) rethrows {
        if grad.shape != value.shape {
            grad = Tensor(shape: value.shape, storage: [Double](repeating: 0, count: value.count))
        }
        try grad.storage.withUnsafeMutableBufferPointer { try body($0) }
    }
}

/// Something the trainer can optimise: one forward and backward pass per batch.
public protocol TrainableModel: AnyObject {
    /// Every parameter, in a fixed order (optimizer state is kept in the same order).
    var parameters: [Parameter] { get }
    /// Runs forward and backward on a batch (rows of `x`, and of `y` when the model needs a
    /// target; autoencoders ignore `y`), stores ∂loss/∂θ in each parameter's `grad`, and returns
    /// the batch loss at the weights before the step. `rng` feeds noise and sampling.
    func lossAndGradients(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double
    /// The loss on a batch without training noise and without touching gradients (validation
    /// loss); the default runs `lossAndGradients`.
    func evaluationLoss(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double
    /// Frees whatever batch-sized buffers the model kept between steps (called when training
    /// ends, so a model does not hold a whole batch's memory while it is only being used).
    func releaseStepBuffers()
}

extension TrainableModel {
    public func evaluationLoss(_ x: Tensor, _ y: Tensor, rng: RandomGenerator) throws -> Double {
        try lossAndGradients(x, y, rng: rng)
    }

    public func releaseStepBuffers() {}
}

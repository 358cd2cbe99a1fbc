// The protocol between models and the trainer: a model exposes its parameters and computes the
// loss and all gradients of one batch; optimizers and the training loop know nothing else of it.
import TensorKit

/// A trainable tensor and the gradient of the last backward pass with respect to it.
public final class Parameter {
    /// The current value (a layer's W or b).
    public var value: Tensor
    /// ∂loss/∂value from the last `lossAndGradients` call; same shape as `value`.
    public var grad: Tensor

    /// True once the current step has written its first contribution into `grad` (see
    /// `startStep`); later contributions are added to it.
    private(set) var hasStepGradient = false

    public init(_ value: Tensor) {
        self.value = value
        self.grad = Tensor(shape: value.shape, storage: [Double](repeating: 0, count: value.count))
    }

    /// Begins a backward pass: the next contribution replaces `grad` instead of being added to it
    /// (micrograd's zero_grad, without touching the memory).
    public func startStep() { hasStepGradient = false }

    /// Ends a backward pass: a parameter no layer wrote into has a zero gradient.
    public func finishStep() {
        guard !hasStepGradient else { return }
        grad = Tensor(shape: value.shape, storage: [Double](repeating: 0, count: value.count))
        hasStepGradient = true
    }

    /// True when the caller is the step's first contribution to `grad` (and should write rather
    /// than add); marks the gradient as begun.
    func startsGradient() -> Bool {
        defer { hasStepGradient = true }
        return !hasStepGradient
    }
}

extension [Parameter] {
    /// `startStep` for each.
    func startStep() { for p in self { p.startStep() } }
    /// `finishStep` for each.
    func finishStep() { for p in self { p.finishStep() } }
}

extension Parameter {
    /// Lets `body` write ∂loss/∂value in place: `grad`'s storage is reused from step to step
    /// (made the shape of `value` first if it is not).
    public func writeGradient(_ body: (UnsafeMutableBufferPointer<Double>) throws -> Void) rethrows {
        if grad.count != value.count || grad.shape != value.shape {
            grad = Tensor(shape: value.shape, storage: [Double](repeating: 0, count: value.count))
        }
        try grad.storage.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// A bias gradient: ∇b += Σ_rows δ from the cache, or the column sums the loss left there
    /// (taken without a copy when they are the step's first contribution).
    func accumulateColumnSums(_ cache: inout LayerCache) {
        let first = startsGradient()
        if cache.hasDeltaColumnSums {
            cache.hasDeltaColumnSums = false
            if first && cache.deltaColumnSums.count == value.count && grad.count == value.count {
                swap(&grad.storage, &cache.deltaColumnSums.storage)
                return
            }
        }
        MatrixKernels.sumRows(cache.delta, into: &grad, accumulate: !first)
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

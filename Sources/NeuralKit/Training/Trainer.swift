// The one training loop: minibatches (shuffled by the seeded stream), one forward/backward pass
// and one optimizer step each, the per-epoch loss history, validation with early stopping, stop
// requests, divergence.
import CTensorKernels
import TensorKit

/// How `Trainer.fit` walks the data.
public struct TrainingOptions: Sendable {
    /// Passes over the data.
    public var epochs: Int
    /// Rows per step; 0 (or ≥ N) means the whole set in one step.
    public var batchSize: Int
    /// Visit the rows in a fresh random order each epoch.
    public var shuffle: Bool
    /// Early stopping: stop after this many epochs in a row whose validation loss is not below
    /// the best so far, and end with the best epoch's weights (nil: run every epoch).
    public var patience: Int?

    public init(epochs: Int = 100, batchSize: Int = 0, shuffle: Bool = true, patience: Int? = nil) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.patience = patience
    }
}

/// Where training is, reported after every step (for progress bars).
public struct TrainingProgress: Sendable {
    /// The current epoch, from 1.
    public var epoch: Int
    /// The number of epochs asked for.
    public var epochs: Int
    /// Rows done in this epoch, and rows per epoch.
    public var samplesDone: Int
    public var samplesPerEpoch: Int
    /// The mean loss over this epoch's rows so far.
    public var epochLoss: Double
    /// Steps done since `fit` began.
    public var steps: Int
}

/// The result of a training run: one loss per epoch, the validation loss per epoch if asked.
public struct TrainingHistory: Sendable {
    /// Per epoch: the mean over the epoch's rows of each step's loss (at the weights before that
    /// step), a last smaller batch weighted by its size. After a stop request, the last entry
    /// covers the rows done in the interrupted epoch.
    public var loss: [Double] = []
    /// Per epoch: the loss on the validation set after the epoch (empty without one).
    public var validationLoss: [Double] = []
    /// True when a stop request (Ctrl-C) ended training early.
    public var interrupted = false
    /// The number of optimizer steps taken.
    public var steps = 0
    /// With early stopping: the 0-based epoch whose weights training ended with (the lowest
    /// validation loss); nil without it or when no validation loss was finite.
    public var bestEpoch: Int?
    /// True when early stopping ended training before the last epoch.
    public var stopped = false

    public init() {}
}

/// Trains a model with an optimizer: the loop runs entirely in Swift, reusing its batch buffers.
public final class Trainer {
    public let model: any TrainableModel
    public let optimizer: any Optimizer
    public var options: TrainingOptions

    public init(model: any TrainableModel, optimizer: any Optimizer, options: TrainingOptions) {
        self.model = model
        self.optimizer = optimizer
        self.options = options
    }

    /// Trains on the rows of `x` (N × features) with targets `y` (N rows; nil means the target is
    /// `x` itself, as for autoencoders). Random draws: when `shuffle` is on and a batch is smaller
    /// than N, one `rng.permutation(N)` at the start of every epoch, nothing else (the model may
    /// draw its own noise from `rng` inside each step). `shouldStop` is polled after each step;
    /// `onEpoch` sees the history after each finished epoch (for live loss curves). With
    /// `patience` (which needs `validation`), training stops once the validation loss has not
    /// improved for that many epochs, and ends with the weights of the best epoch.
    public func fit(_ x: Tensor, _ y: Tensor?, validation: (x: Tensor, y: Tensor?)? = nil,
                    rng: RandomGenerator, shouldStop: () -> Bool = { false },
                    onStep: ((TrainingProgress) -> Void)? = nil,
                    onEpoch: ((TrainingHistory) -> Void)? = nil) throws -> TrainingHistory {
        guard x.rank == 2, x.shape[0] >= 1 else {
            throw NeuralError.option("train", "X", "a matrix with one sample per row", "shape \(x.shape)")
        }
        let n = x.shape[0]
        if let y, y.rank == 0 || y.shape[0] != n {
            throw NeuralError.shapes("train", "X and Y have shapes", x.shape, y.shape,
                                     "with different numbers of rows")
        }
        guard options.epochs >= 0 else {
            throw NeuralError.option("train", "epochs", "at least 0", "\(options.epochs)")
        }
        guard options.batchSize >= 0 else {
            throw NeuralError.option("train", "batch", "0 (the whole set) or a positive size", "\(options.batchSize)")
        }
        var early: EarlyStopping?
        if let patience = options.patience {
            guard validation != nil else {
                throw NeuralError.option("train", "patience", "given together with validation: (early stopping watches the validation loss)", "patience: \(patience) without validation")
            }
            guard patience >= 1 else {
                throw NeuralError.option("train", "patience", "a whole number of epochs ≥ 1", "\(patience)")
            }
            early = EarlyStopping(patience: patience)
        }
        let batch = options.batchSize == 0 ? n : min(options.batchSize, n)
        let wholeSet = batch == n
        let parameters = model.parameters
        defer { model.releaseStepBuffers() }
        var history = TrainingHistory()
        var gatherX = BatchGatherer(source: x), gatherY = y.map { BatchGatherer(source: $0) }
        var order: [Int] = Array(0..<n)

        for epoch in 1...max(options.epochs, 1) where options.epochs > 0 {
            let shuffled = options.shuffle && !wholeSet
            if shuffled { order = rng.permutation(n) }
            var total = 0.0, done = 0
            while done < n {
                let rows = min(batch, n - done)
                let xb: Tensor, yb: Tensor
                if wholeSet {
                    xb = x
                    yb = y ?? x
                } else {
                    xb = gatherX.gather(order, from: done, count: rows, contiguous: !shuffled)
                    yb = gatherY?.gather(order, from: done, count: rows, contiguous: !shuffled) ?? xb
                }
                let loss = try model.lossAndGradients(xb, yb, rng: rng)
                guard loss.isFinite else {
                    // Bad data, not a bad learning rate, is the likelier cause when the batch itself is not finite.
                    if xb.storage.contains(where: { !$0.isFinite }) { throw NeuralError.nonFiniteData(epoch: epoch, which: "X") }
                    if yb.storage.contains(where: { !$0.isFinite }) { throw NeuralError.nonFiniteData(epoch: epoch, which: "Y") }
                    throw NeuralError.diverged(epoch: epoch, loss: loss)
                }
                optimizer.step(parameters)
                history.steps += 1
                total += loss * Double(rows)
                done += rows
                onStep?(TrainingProgress(epoch: epoch, epochs: options.epochs, samplesDone: done,
                                         samplesPerEpoch: n, epochLoss: total / Double(done),
                                         steps: history.steps))
                if shouldStop() {
                    history.loss.append(total / Double(done))
                    history.interrupted = true
                    return history
                }
            }
            history.loss.append(total / Double(n))
            var stop = false
            if let validation {
                let v = try model.evaluationLoss(validation.x, validation.y ?? validation.x, rng: rng)
                history.validationLoss.append(v)
                stop = early?.observe(v, epoch: epoch - 1, parameters: parameters) ?? false
            }
            onEpoch?(history)
            if stop {
                history.stopped = epoch < options.epochs
                break
            }
        }
        if let early {
            // Early stopping ends with the best epoch's weights, whether it stopped or ran out of epochs.
            early.snapshot?.restore()
            history.bestEpoch = early.bestEpoch
        }
        return history
    }
}

/// Copies chosen rows of a matrix into a reused batch tensor.
struct BatchGatherer {
    let source: Tensor
    let width: Int
    // Two buffers, one per batch size seen (full batches and the last smaller one), so neither
    // reallocates. A buffer is taken out while being filled, so its storage is uniquely held.
    private var slots: [Tensor] = []

    init(source: Tensor) {
        self.source = source
        width = source.rank >= 1 ? source.count / max(source.shape[0], 1) : 1
    }

    /// Rows order[start ..< start + count] (or rows start ..< start + count when `contiguous`).
    mutating func gather(_ order: [Int], from start: Int, count: Int, contiguous: Bool) -> Tensor {
        var shape = source.shape
        if shape.isEmpty { shape = [count] } else { shape[0] = count }
        var out: Tensor
        if let i = slots.firstIndex(where: { $0.shape == shape }) {
            out = slots.remove(at: i)
        } else {
            out = Tensor(shape: shape, storage: [Double](repeating: 0, count: count * width))
        }
        let w = width
        source.storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                if contiguous {
                    d.update(from: s + start * w, count: count * w)
                    return
                }
                // One vectorised pass over the chosen rows (CTensorKernels); `order` holds a
                // permutation of the source's rows, so every index is in range.
                order.withUnsafeBufferPointer { o in
                    guard let rows = o.baseAddress, start + count <= o.count else { return }
                    nns_gather_rows(s, w, rows + start, count, d)
                }
            }
        }
        if slots.count >= 2 { slots.removeFirst() }
        slots.append(out)
        return out
    }
}

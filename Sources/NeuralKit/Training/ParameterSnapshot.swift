// A copy of a model's weights that can be put back exactly: early stopping keeps the best
// epoch's weights in one, and `undo` the weights a model had before its last `train`.
import TensorKit

/// The values of a list of parameters at one moment.
public struct ParameterSnapshot {
    /// The parameters and the values they had; a Tensor is a value, so later updates of the
    /// parameters (which write into their own storage) leave these copies alone.
    private let saved: [(Parameter, Tensor)]

    /// The current values of `parameters`.
    public init(_ parameters: [Parameter]) {
        saved = parameters.map { ($0, $0.value) }
    }

    /// Puts every saved value back, bit for bit.
    public func restore() {
        for (p, v) in saved { p.value = v }
    }

    /// The number of numbers held.
    public var count: Int { saved.reduce(0) { $0 + $1.1.count } }
}

/// Early stopping's bookkeeping: the best validation loss so far, its epoch and weights, and how
/// many epochs in a row have not improved on it.
struct EarlyStopping {
    /// Epochs in a row without a new best after which training stops.
    let patience: Int
    private(set) var best = Double.infinity
    /// The 0-based epoch of the best validation loss (nil before the first finite one).
    private(set) var bestEpoch: Int?
    private(set) var snapshot: ParameterSnapshot?
    private var waited = 0

    init(patience: Int) { self.patience = patience }

    /// Records the validation loss after 0-based `epoch`; true when training should stop. A loss
    /// counts as better only when strictly below the best (nan never is).
    mutating func observe(_ loss: Double, epoch: Int, parameters: [Parameter]) -> Bool {
        if loss < best {
            best = loss
            bestEpoch = epoch
            snapshot = ParameterSnapshot(parameters)
            waited = 0
            return false
        }
        waited += 1
        return waited >= patience
    }
}

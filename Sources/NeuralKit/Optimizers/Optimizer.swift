// Optimizers update parameters from their gradients. Their state (momentum buffers, Adam's
// moments and step counts) lives in the optimizer, keyed by the Parameter objects, so one
// optimizer passed to two `train` calls continues where it stopped.
import TensorKit

/// Updates parameters in place from their `grad`; keeps whatever state its rule needs.
public protocol Optimizer: AnyObject {
    /// The step size η.
    var learningRate: Double { get set }
    /// One update of every parameter from its current `grad`.
    func step(_ parameters: [Parameter])
    /// Forgets all state (momentum, moments, step counts).
    func reset()
    /// The name and settings, e.g. `sgd(lr: 0.1, momentum: 0.9)`.
    var description: String { get }
}

/// Per-parameter state, held with a strong reference to its parameter so the key stays valid.
struct ParameterState {
    let parameter: Parameter
    var first: [Double]
    var second: [Double]
    var steps: Int
}

/// A table of state keyed by parameter identity.
struct ParameterStateTable {
    private var table: [ObjectIdentifier: ParameterState] = [:]

    /// The state of `p`, created (zeros, 0 steps) on first use or when p's size changed. One hash
    /// lookup per call, and the entry is modified where it lies (this runs every training step).
    mutating func withState<R>(_ p: Parameter, needsSecond: Bool, _ body: (inout ParameterState) -> R) -> R {
        let key = ObjectIdentifier(p)
        let n = p.value.count
        if let i = table.index(forKey: key), table.values[i].first.count == n {
            return body(&table.values[i])
        }
        let fresh = ParameterState(parameter: p, first: [Double](repeating: 0, count: n),
                                   second: needsSecond ? [Double](repeating: 0, count: n) : [], steps: 0)
        table[key] = fresh
        return body(&table[key, default: fresh])
    }

    /// The largest step count of any parameter.
    var maxSteps: Int { table.values.map(\.steps).max() ?? 0 }

    mutating func removeAll() { table.removeAll() }
    var count: Int { table.count }
}

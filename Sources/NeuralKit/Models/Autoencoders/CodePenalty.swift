// Penalties on an autoencoder's code h = φ(z): each gives its value on a batch and adds its
// gradient where it joins backpropagation, ∂P/∂h before the code layer's δ, or ∂P/∂z onto δ (and
// ∂P/∂W directly). A model reads the penalties its options ask for from one table.
import TensorKit

/// Where a penalty's gradient joins the way back through the code layer.
public enum PenaltyJoin: Sendable {
    /// ∂P/∂h is added to ∂C/∂h, before the code layer turns it into δ = φ′(z) ∘ ∂C/∂h.
    case code
    /// ∂P/∂z is added to the code layer's δ, and ∂P/∂W to its weight gradient (as the step's
    /// first contribution, before the layer's own δᵀx).
    case preActivation
}

/// A term P(h) added to an autoencoder's objective, with its gradient.
public protocol CodePenalty {
    /// Where the gradient joins (see `PenaltyJoin`).
    var joins: PenaltyJoin { get }
    /// P on the batch whose code layer's cache is `code` (h = code.a, z = code.z) in `rows` rows,
    /// `layer` being the code layer (its W for penalties of the Jacobian). With `gradient`, adds
    /// ∂P/∂h (`.code`) or ∂P/∂z (`.preActivation`, then also ∂P/∂W into `layer.weight`) to it.
    func value(_ code: LayerCache, layer: Dense, rows: Int, gradient: UnsafeMutableBufferPointer<Double>?) -> Double
}

/// The penalties nns knows, one row each: a row reads the options and gives its penalty when
/// they ask for it. A new penalty is its file (a `CodePenalty`) and one row here.
public enum CodePenalties {
    /// A row of the table: the name `help` and error messages use, and the reader of the options.
    public typealias Row = (name: String, make: @Sendable (AutoencoderOptions) -> (any CodePenalty)?)

    /// Sparsity first, then the contractive term: the order the objective adds them in.
    public static let table: [Row] = [
        ("kl", { o in if case .kl? = o.sparsity { return o.sparsity }; return nil }),
        ("l1", { o in if case .l1? = o.sparsity { return o.sparsity }; return nil }),
        ("contractive", { o in o.contractive > 0 ? ContractivePenalty(act: o.act, lambda: o.contractive) : nil }),
    ]

    /// The penalties `options` ask for, in table order.
    public static func penalties(for options: AutoencoderOptions, table: [Row] = table) -> [any CodePenalty] {
        table.compactMap { $0.make(options) }
    }
}

/// KL and L1 sparsity are penalties on h (top-k is a code transform instead, see `TopKCode`).
extension SparsityPenalty: CodePenalty {
    public var joins: PenaltyJoin { .code }

    public func value(_ code: LayerCache, layer: Dense, rows: Int, gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        penalty(code.a.storage, rows: rows, cols: layer.outputs, grad: gradient)
    }
}

extension [any CodePenalty] {
    /// Σ P over the penalties joining at `join`, each adding its gradient into `g` when given.
    func value(_ join: PenaltyJoin, _ code: LayerCache, layer: Dense, rows: Int,
               gradient g: inout Tensor, gradients: Bool) -> Double {
        var total = 0.0
        for p in self where p.joins == join {
            total += g.storage.withUnsafeMutableBufferPointer { pg in
                p.value(code, layer: layer, rows: rows, gradient: gradients ? pg : nil)
            }
        }
        return total
    }
}

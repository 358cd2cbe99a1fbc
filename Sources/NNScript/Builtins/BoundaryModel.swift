// The models `boundary` draws — networks, layers, single units and functions of a batch — and
// how each runs on the whole grid of points in one call.
import TensorKit
import NeuralKit

/// A model `boundary` can evaluate on a batch of points.
enum BoundaryModel {
    case network(Network)
    case layer(Dense)
    case neuron(NeuronObject)
    case perceptron(Perceptron)
    case hebbian(Hebbian)
    case function(Value, name: String)

    init(_ v: Value) throws {
        switch v {
        case .object(let n as NetworkObject): self = .network(n.network)
        case .object(let l as LayerObject): self = .layer(l.layer)
        case .object(let n as NeuronObject): self = .neuron(n)
        case .object(let p as PerceptronObject): self = .perceptron(p.unit)
        case .object(let h as HebbianObject): self = .hebbian(h.unit)
        case .function(let f): self = .function(v, name: f.name)
        case .object(let o):
            throw ScriptError.runtime("boundary: cannot draw the decision regions of \(o.kindWithArticle); give a network, layer, neuron, perceptron or a function of an N×2 batch")
        default:
            throw ScriptError.badArgument("model", to: "boundary", "network, layer, neuron, perceptron or function expected, got \(v.kindName)")
        }
    }

    /// The number of inputs, when the model knows it.
    var inputs: Int? {
        switch self {
        case .network(let n): return n.inputs
        case .layer(let l): return l.inputs
        case .neuron(let n): return n.weights.count
        case .perceptron(let p): return p.inputs
        case .hebbian(let h): return h.inputs
        case .function: return nil
        }
    }

    /// `network 2 → 8 → 1`, `neuron`, ...
    var name: String {
        switch self {
        case .network(let n): return "network " + ([n.inputs] + n.layers.map(\.outputs)).map(String.init).joined(separator: " → ")
        case .layer(let l): return "layer \(l.inputs) → \(l.outputs)"
        case .neuron: return "neuron"
        case .perceptron: return "perceptron"
        case .hebbian: return "Hebbian unit"
        case .function(_, let name): return name.hasPrefix("<") ? "function" : "function \(name)"
        }
    }

    /// The output's transfer function, when known.
    var outputTransfer: Activation? {
        switch self {
        case .network(let n): return n.layers[n.layers.count - 1].activation
        case .layer(let l): return l.activation
        case .neuron(let n): return n.transfer
        case .perceptron: return .step
        case .hebbian: return .linear
        case .function: return nil
        }
    }

    /// The outputs (N×k) on a batch, and with `units` each hidden layer's activations.
    func evaluate(_ x: Tensor, units: Bool, _ ctx: ScriptContext) throws -> (output: Tensor, hidden: [(Dense, Tensor)]) {
        let n = x.shape[0]
        func column(_ t: Tensor) throws -> Tensor {
            guard t.count >= n, t.rank <= 2, t.rank < 2 ? t.count == n : t.shape[0] == n else {
                throw ScriptError.runtime("boundary: the \(name) gave outputs of shape \(t.shape) for \(n) points (N values or an N×k matrix expected)")
            }
            return t.rank == 2 ? t : Tensor(shape: [n, 1], storage: t.storage)
        }
        switch self {
        case .network(let net):
            if !units { return (try net.predict(x), []) }
            let pass = try net.forwardPass(x)
            let hidden = (0..<(net.layers.count - 1)).map { (net.layers[$0], pass.a[$0 + 1]) }
            return (pass.a[net.layers.count], hidden)
        case .layer(let l): return (try l(x), [])
        case .neuron(let unit):
            guard case .tensor(let t) = try unit.call(Arguments(function: "neuron", values: [:], rest: [.tensor(x)]), context: ctx) else {
                throw ScriptError.runtime("boundary: the neuron's act gave no tensor on a batch of points")
            }
            return (try column(t), [])
        case .perceptron(let p): return (try column(try p.predict(x)), [])
        case .hebbian(let h): return (try column(try h.predict(x)), [])
        case .function(let f, _):
            switch try ctx.callFunction(f, [.tensor(x)]) {
            case .tensor(let t):
                guard t.rank <= 2 else { throw ScriptError.runtime("boundary: the function gave a tensor of shape \(t.shape); N values or an N×k matrix expected") }
                return (try column(t), [])
            case let other:
                throw ScriptError.runtime("boundary: the function gave a \(other.kindName) for the N×2 batch of grid points; it must return a tensor of N outputs")
            }
        }
    }
}

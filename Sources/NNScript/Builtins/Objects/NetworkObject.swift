// The script face of a network: `net(X)`, `net.layers[i]` (the same layer objects seq was given),
// its summary as printed description, and what `train` optimises for it.
import TensorKit
import NeuralKit

/// `seq(...)` / `mlp(...)` as a script object.
final class NetworkObject: TrainableScriptObject {
    let network: Network
    /// One object per layer, kept so that `net.layers[0].W = ...` reaches the network's layer.
    let layerObjects: [LayerObject]

    init(layers: [LayerObject]) throws {
        network = try Network(layers: layers.map(\.layer))
        layerObjects = layers
    }

    init(_ network: Network) {
        self.network = network
        layerObjects = network.layers.map(LayerObject.init)
    }

    var kindName: String { "network" }
    var fieldNames: [String] { ["layers", "n_in", "n_out", "parameters"] }

    func field(_ name: String, context: ScriptContext) throws -> Value {
        switch name {
        case "layers": return .list(ListBox(layerObjects.map { .object($0) }, readOnly: ReadOnlyList.networkLayers))
        case "n_in": return .number(Double(network.inputs))
        case "n_out": return .number(Double(network.outputs))
        case "parameters": return .number(Double(network.parameterCount))
        default: throw noField(name)
        }
    }

    func call(_ arguments: Arguments, context: ScriptContext) throws -> Value {
        let (x, vector) = try NetworkValues.batch(try NetworkValues.input(arguments, kindName), width: network.inputs, "network")
        let a = try network.predict(x)
        return vector ? .tensor(Tensor(shape: [network.outputs], storage: a.storage)) : .tensor(a)
    }

    var description: String { NetworkObject.summary(network) }

    var memoryBytes: Int { network.parameterCount * 8 }

    var impliesTarget: Bool { false }

    func objective(loss: Value?, context: ScriptContext) throws -> any TrainableModel {
        let l = try loss.map { try NetworkValues.loss($0, "train") } ?? .mse
        return SupervisedObjective(network: network, loss: l)
    }

    /// A table of the layers: index, kind, shapes of W and b, parameter count, and the total.
    static func summary(_ net: Network) -> String {
        var rows: [[String]] = [["layer", "", "W", "b", "act", "parameters"]]
        for (i, l) in net.layers.enumerated() {
            rows.append(["\(i)", "dense \(l.inputs) → \(l.outputs)", "\(l.outputs)×\(l.inputs)", "\(l.outputs)",
                         l.activation.name, "\(l.parameterCount)"])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for r in rows { for (k, c) in r.enumerated() { widths[k] = max(widths[k], c.displayWidth) } }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var lines = ["network: \(plural(net.inputs, "input")) → \(plural(net.outputs, "output")), \(plural(net.layers.count, "layer"))"]
        for r in rows {
            var line = "  "
            for (k, c) in r.enumerated() {
                // Padded by display width; the parameter count (last) is right-aligned.
                line += k == r.count - 1 ? c.leftPadded(toWidth: widths[k]) : c.padded(toWidth: widths[k]) + "  "
            }
            lines.append(line)
        }
        lines.append("  total parameters: \(net.parameterCount)")
        return lines.joined(separator: "\n")
    }
}

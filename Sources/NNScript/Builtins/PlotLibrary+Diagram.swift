// The diagram built-in: a network (or a layer, neuron or perceptron, drawn as a one-layer
// network) as the lecture's Figure 3.1 in files and notebooks, as Hinton diagrams of each Wˡ in
// the terminal.
import TensorKit
import NeuralKit
import PlotKit

extension PlotLibrary {
    static var diagram: Builtin {
        Builtin(
            "diagram",
            [.required("net"), .named("file")],
            help: """
            Draws a network as the lecture does (Figure 3.1): one column of nodes per layer, inputs on the \
            left, one edge per weight coloured by its sign (blue excitatory, w > 0; orange inhibitory, w < 0) \
            and as wide as |w|, each node coloured by its bias, the layer sizes and transfer functions \
            labelled. A layer of more than 16 units is summarised: its 10 units with the largest Σ|w| over \
            their edges (in and out) are drawn, in index order, with only their edges and a count of the \
            rest. In the terminal each Wˡ is a Hinton diagram: one block per weight (rows the layer's units, \
            columns its inputs, the bias after │), bigger for larger |w|, filled for w > 0 and hollow for \
            w < 0 (or coloured by sign); a matrix too wide for the terminal shows the largest |w| of each \
            block of weights. Networks, layers, neurons and perceptrons; file: "net.svg" or "net.png".
            """,
            example: """
            seed(0)
            net = mlp([2, 3, 1], act: tanh, out: sigmoid)
            diagram(net)
            diagram(net, file: "/tmp/nns-example-diagram.svg")
            """
        ) { args, ctx in
            let picture = try networkDiagram(args["net"])
            let file: String? = args.isNone("file") ? nil : try args.string("file")
            try present(file: file, alt: "diagram of the \(picture.title)", ctx,
                        scene: { picture.scene() },
                        text: { width in picture.renderText(color: ctx.terminal.color, width: width) })
            return .none
        }
    }

    /// The layers of a network-like value as diagram layers.
    static func networkDiagram(_ v: Value) throws -> NetworkDiagram {
        func layer(_ d: Dense) -> DiagramLayer {
            DiagramLayer(inputs: d.inputs, outputs: d.outputs, weights: d.weight.value.storage,
                         biases: d.bias.value.storage, transfer: d.activation.name)
        }
        switch v {
        case .object(let n as NetworkObject):
            let sizes = [n.network.inputs] + n.network.layers.map(\.outputs)
            return NetworkDiagram(layers: n.network.layers.map(layer),
                                  title: "network " + sizes.map(String.init).joined(separator: " → "))
        case .object(let l as LayerObject):
            return NetworkDiagram(layers: [layer(l.layer)], title: "layer \(l.layer.inputs) → \(l.layer.outputs)")
        case .object(let n as NeuronObject):
            let name: String
            if case .function(let f) = n.act { name = f.name } else { name = "act" }
            return NetworkDiagram(layers: [DiagramLayer(inputs: n.weights.count, outputs: 1, weights: n.weights.storage,
                                                        biases: [n.bias], transfer: name)], title: "neuron")
        case .object(let p as PerceptronObject):
            return NetworkDiagram(layers: [DiagramLayer(inputs: p.unit.inputs, outputs: 1, weights: p.unit.weights,
                                                        biases: [p.unit.bias], transfer: "step")], title: "perceptron")
        case .object(let o):
            throw ScriptError.runtime("diagram: cannot draw \(o.kindWithArticle); give a network (seq or mlp), a layer, a neuron or a perceptron")
        default:
            throw ScriptError.badArgument("net", to: "diagram", "network expected, got \(v.kindName)")
        }
    }
}

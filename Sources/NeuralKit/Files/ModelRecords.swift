// How each model of this library maps to a model-file record (kind tag, options, named tensors)
// and back; the decoders check every shape, so a well-formed file with wrong contents is an error.
import TensorKit

extension Dense: ModelFileConvertible {
    /// Kind `layer`: option `act`, tensors `W` (out × in) and `b` (out).
    public var modelRecord: ModelRecord {
        ModelRecord(kind: "layer", options: [("act", .string(activation.name))],
                    tensors: [("W", weight.value), ("b", bias.value)])
    }

    /// A layer from a `layer` record (or from the entries under `prefix` of a larger record).
    public static func decode(_ r: ModelRecord, prefix: String = "") throws -> Dense {
        try Dense(weight: try r.tensor(prefix + "W"), bias: try r.tensor(prefix + "b"),
                  activation: try r.activation(prefix + "act"))
    }
}

extension Network: ModelFileConvertible {
    /// Kind `network`: option `layers` (the count) and per layer i `layers.i.act`,
    /// tensors `layers.i.W`, `layers.i.b`.
    public var modelRecord: ModelRecord {
        var r = ModelRecord(kind: "network", options: [("layers", .number(Double(layers.count)))])
        for (i, l) in layers.enumerated() {
            r.options.append(("layers.\(i).act", .string(l.activation.name)))
            r.tensors.append(("layers.\(i).W", l.weight.value))
            r.tensors.append(("layers.\(i).b", l.bias.value))
        }
        return r
    }

    /// A network from a `network` record.
    public static func decode(_ r: ModelRecord) throws -> Network {
        let n = try r.number("layers")
        guard n >= 1, n <= 100_000, n == n.rounded() else { throw NeuralError.badLayerCount(n) }
        return try Network(layers: try (0..<Int(n)).map { try Dense.decode(r, prefix: "layers.\($0).") })
    }
}

extension Neuron: ModelFileConvertible {
    /// Kind `neuron`: options `act`, `bias`; tensor `w`.
    public var modelRecord: ModelRecord {
        ModelRecord(kind: "neuron", options: [("act", .string(activation.name)), ("bias", .number(bias))],
                    tensors: [("w", weights)])
    }

    public static func decode(_ r: ModelRecord) throws -> Neuron {
        try Neuron(weights: try r.tensor("w"), bias: try r.number("bias"), activation: try r.activation("act"))
    }
}

extension Perceptron: ModelFileConvertible {
    /// Kind `perceptron`: options `lr`, `bias`; tensor `w`.
    public var modelRecord: ModelRecord {
        ModelRecord(kind: "perceptron", options: [("lr", .number(learningRate)), ("bias", .number(bias))],
                    tensors: [("w", Tensor(weights))])
    }

    public static func decode(_ r: ModelRecord) throws -> Perceptron {
        let w = try r.tensor("w")
        guard w.rank == 1 else { throw NeuralError.notAVector("a perceptron's", w.shape) }
        let p = try Perceptron(inputs: w.count, learningRate: try r.number("lr"))
        p.weights = w.storage
        p.bias = try r.number("bias")
        return p
    }
}

extension Hebbian: ModelFileConvertible {
    /// Kind `hebbian`: option `lr`; tensor `w`.
    public var modelRecord: ModelRecord {
        ModelRecord(kind: "hebbian", options: [("lr", .number(learningRate))], tensors: [("w", Tensor(weights))])
    }

    public static func decode(_ r: ModelRecord) throws -> Hebbian {
        let w = try r.tensor("w")
        guard w.rank == 1, w.count >= 1 else { throw NeuralError.notAVector("a hebbian unit's", w.shape) }
        let h = try Hebbian(inputs: w.count, learningRate: try r.number("lr"), rng: RandomGenerator(seed: 0))
        h.weights = w.storage
        return h
    }
}

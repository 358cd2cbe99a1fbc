// Autoencoders and VAEs in .nnm model files (kinds `autoencoder` and `vae`): their options and
// tensors by name, and back, with every shape and option checked when reading — the weights'
// shapes before the model is built, so sizes a file lies about cannot make it allocate.
import TensorKit

extension Autoencoder {
    /// Kind `autoencoder`: options n_in, n_code, act, out, loss, tied, contractive, noise (+ noise_param),
    /// sparsity (+ rho, beta | lambda | k, alpha); tensors W, b, W2 (unless tied), b2.
    public var modelRecord: ModelRecord {
        var r = Autoencoder.optionRecord(inputs: inputs, codes: codes, options: options)
        r.tensors = [("W", w.value), ("b", b.value)]
        if let w2 { r.tensors.append(("W2", w2.value)) }
        r.tensors.append(("b2", b2.value))
        return r
    }

    /// The options every autoencoder record holds, whatever its depth.
    static func optionRecord(inputs: Int, codes: Int, options o: AutoencoderOptions) -> ModelRecord {
        var r = ModelRecord(kind: "autoencoder", options: [
            ("n_in", .number(Double(inputs))), ("n_code", .number(Double(codes))),
            ("act", .string(o.act.name)), ("out", .string(o.out.name)), ("loss", .string(o.loss.name)),
            ("tied", .bool(o.tied)), ("contractive", .number(o.contractive)),
        ])
        switch o.noise {
        case nil: r.options.append(("noise", .string("none")))
        case .gaussian(let s)?: r.options += [("noise", .string("gaussian")), ("noise_param", .number(s))]
        case .masking(let p)?: r.options += [("noise", .string("masking")), ("noise_param", .number(p))]
        case .saltPepper(let p)?: r.options += [("noise", .string("salt_pepper")), ("noise_param", .number(p))]
        }
        switch o.sparsity {
        case nil: r.options.append(("sparsity", .string("none")))
        case .kl(let rho, let beta)?: r.options += [("sparsity", .string("kl")), ("rho", .number(rho)), ("beta", .number(beta))]
        case .l1(let lambda)?: r.options += [("sparsity", .string("l1")), ("lambda", .number(lambda))]
        case .topK(let k, let alpha)?: r.options += [("sparsity", .string("topk")), ("k", .number(Double(k))), ("alpha", .number(alpha))]
        }
        return r
    }

    /// An autoencoder of any depth from an `autoencoder` record.
    public static func decodeAny(_ r: ModelRecord) throws -> any AutoencoderModel {
        guard r.options.contains(where: { $0.0 == "hidden" }) else { return try decode(r) }
        let layers = try wholeNumber(r, "hidden")
        guard layers <= 64 else { throw NeuralError.badSetting("autoencoder", "hidden", Double(layers)) }
        let widths = try (0..<layers).map { try wholeNumber(r, "hidden.\($0)") }
        let sizes = [try wholeNumber(r, "n_in")] + widths + [try wholeNumber(r, "n_code")]
        let chain = Array(zip(sizes.dropFirst(), sizes)) + Array(zip(sizes.reversed().dropFirst(), sizes.reversed()))
        for (i, (outputs, inputs)) in chain.enumerated() { try r.requireShape("layers.\(i).W", [outputs, inputs]) }
        let ae = try DeepAutoencoder(inputs: try wholeNumber(r, "n_in"), codes: try wholeNumber(r, "n_code"),
                                     hidden: widths, options: try decodeOptions(r), rng: RandomGenerator(seed: 0))
        for (i, layer) in (ae.encoder + ae.decoder).enumerated() {
            try layer.setWeight(try r.tensor("layers.\(i).W"))
            try layer.setBias(try r.tensor("layers.\(i).b"))
        }
        return ae
    }

    /// A whole-number option from 1 to 2²⁴.
    static func wholeNumber(_ r: ModelRecord, _ name: String) throws -> Int {
        let x = try r.number(name)
        guard x >= 1, x <= Double(1 << 24), x == x.rounded() else { throw NeuralError.badSetting("autoencoder", name, x) }
        return Int(x)
    }

    /// A one-layer autoencoder from an `autoencoder` record.
    public static func decode(_ r: ModelRecord) throws -> Autoencoder {
        try r.requireShape("W", [try wholeNumber(r, "n_code"), try wholeNumber(r, "n_in")])
        let ae = try Autoencoder(inputs: try wholeNumber(r, "n_in"), codes: try wholeNumber(r, "n_code"),
                                 options: try decodeOptions(r), rng: RandomGenerator(seed: 0))
        try ae.set("W", try r.tensor("W"))
        try ae.set("b", try r.tensor("b"))
        if !ae.options.tied { try ae.set("W2", try r.tensor("W2")) }
        try ae.set("b2", try r.tensor("b2"))
        return ae
    }

    /// The variant options of an `autoencoder` record.
    static func decodeOptions(_ r: ModelRecord) throws -> AutoencoderOptions {
        func count(_ name: String) throws -> Int { try wholeNumber(r, name) }
        var o = AutoencoderOptions()
        o.act = try r.activation("act")
        o.out = try r.activation("out")
        let loss = try r.string("loss")
        guard let kind = Loss(name: loss), kind.kind != .crossEntropy else {
            throw NeuralError.unknownSetting("autoencoder", "loss", loss)
        }
        o.loss = kind
        o.tied = try r.bool("tied")
        o.contractive = try r.number("contractive")
        switch try r.string("noise") {
        case "none": o.noise = nil
        case "gaussian": o.noise = .gaussian(sigma: try r.number("noise_param"))
        case "masking": o.noise = .masking(p: try r.number("noise_param"))
        case "salt_pepper": o.noise = .saltPepper(p: try r.number("noise_param"))
        case let other: throw NeuralError.unknownSetting("autoencoder", "noise", other)
        }
        switch try r.string("sparsity") {
        case "none": o.sparsity = nil
        case "kl": o.sparsity = .kl(rho: try r.number("rho"), beta: try r.number("beta"))
        case "l1": o.sparsity = .l1(lambda: try r.number("lambda"))
        case "topk": o.sparsity = .topK(k: try count("k"), alpha: try r.number("alpha"))
        case let other: throw NeuralError.unknownSetting("autoencoder", "sparsity", other)
        }
        return o
    }
}

extension DeepAutoencoder {
    /// Kind `autoencoder` with option `hidden` (the count) and `hidden.i` (the widths); tensors
    /// `layers.i.W`, `layers.i.b` for the encoder's then the decoder's layers.
    public var modelRecord: ModelRecord {
        var r = Autoencoder.optionRecord(inputs: inputs, codes: codes, options: options)
        r.options.append(("hidden", .number(Double(hidden.count))))
        for (i, h) in hidden.enumerated() { r.options.append(("hidden.\(i)", .number(Double(h)))) }
        for (i, layer) in (encoder + decoder).enumerated() {
            r.tensors += [("layers.\(i).W", layer.weight.value), ("layers.\(i).b", layer.bias.value)]
        }
        return r
    }
}

extension VAE: ModelFileConvertible {
    /// Kind `vae`: options n_in, n_latent, hidden, act, loss; tensors enc.W, enc.b, mu.W, ... out.b.
    public var modelRecord: ModelRecord {
        var r = ModelRecord(kind: "vae", options: [
            ("n_in", .number(Double(inputs))), ("n_latent", .number(Double(latent))), ("hidden", .number(Double(hidden))),
            ("act", .string(enc.activation.name)), ("loss", .string(loss == .sse ? "sse" : "bce")),
        ])
        for (name, layer) in zip(VAE.layerNames, layers) {
            r.tensors += [("\(name).W", layer.weight.value), ("\(name).b", layer.bias.value)]
        }
        return r
    }

    /// The layers' names in files and scripts, in order.
    public static let layerNames = ["enc", "mu", "logvar", "dec", "out"]

    /// A VAE from a `vae` record.
    public static func decode(_ r: ModelRecord) throws -> VAE {
        func count(_ name: String) throws -> Int {
            let x = try r.number(name)
            guard x >= 1, x <= Double(1 << 20), x == x.rounded() else { throw NeuralError.badSetting("vae", name, x) }
            return Int(x)
        }
        let loss = try r.string("loss")
        guard loss == "bce" || loss == "sse" else { throw NeuralError.unknownSetting("vae", "loss", loss) }
        let (n, h, l) = (try count("n_in"), try count("hidden"), try count("n_latent"))
        for (name, shape) in zip(VAE.layerNames, [[h, n], [l, h], [l, h], [h, l], [n, h]]) {
            try r.requireShape("\(name).W", shape)
        }
        let v = try VAE(inputs: try count("n_in"), latent: try count("n_latent"), hidden: try count("hidden"),
                        act: try r.activation("act"), loss: loss == "sse" ? .sse : Loss.bce.summedPerSample,
                        rng: RandomGenerator(seed: 0))
        for (name, layer) in zip(VAE.layerNames, v.layers) {
            try layer.setWeight(try r.tensor("\(name).W"))
            try layer.setBias(try r.tensor("\(name).b"))
        }
        return v
    }
}

extension ModelRecord {
    /// Throws unless the record holds tensor `name` with `shape`. Decoders check this before they
    /// build a model of the sizes the record claims, so a small file cannot make them allocate
    /// gigabytes of weights it does not hold.
    func requireShape(_ name: String, _ shape: [Int]) throws {
        let t = try tensor(name)
        guard t.shape == shape else {
            throw NeuralError("load: the \(kind) in this file has '\(name)' of shape \(t.shape), where its sizes need \(shape)")
        }
    }
}

// Networks from weights trained elsewhere: a PyTorch `nn.Sequential` of `nn.Linear` layers saves
// its state dict as `P.weight` (out × in) and `P.bias` (out) for each layer P (`0`, `2`, `4`: the
// transfer-function modules between them hold no tensors). The layers are taken in the natural
// order of P — runs of digits compare as numbers, so `2` comes before `10` — and must chain.
import TensorKit

extension NeuralError {
    /// A state dict whose tensors do not make a chain of dense layers.
    static func stateDict(_ file: String, _ detail: String) -> NeuralError {
        NeuralError("load: '\(file)' does not hold the dense layers of a network (\(detail))")
    }
}

extension Network {
    /// The network whose layer i has W = `P.weight` and b = `P.bias` for the i-th layer name P in
    /// natural order; `hidden` is every layer's transfer function but the last, which gets
    /// `output`. A layer saved without a bias (`nn.Linear(bias=False)`) gets b = 0.
    public static func fromStateDict(_ tensors: [(name: String, tensor: Tensor)], hidden: Activation,
                                     output: Activation, file: String) throws -> Network {
        func bad(_ detail: String) -> NeuralError { NeuralError.stateDict(file, detail) }
        var weights: [String: (key: String, tensor: Tensor)] = [:]
        var biases: [String: (key: String, tensor: Tensor)] = [:]
        for (key, t) in tensors {
            let (prefix, field) = split(key)
            switch field {
            case "weight": weights[prefix] = (key, t)
            case "bias": biases[prefix] = (key, t)
            default:
                throw bad("the tensor \(quoted(key)) is neither a weight nor a bias; nns reads the nn.Linear layers of an nn.Sequential, saved as P.weight and P.bias")
            }
        }
        guard !weights.isEmpty else { throw bad("it has no tensor named P.weight") }
        if let orphan = biases.keys.sorted(by: naturalOrder).first(where: { weights[$0] == nil }) {
            throw bad("\(quoted(biases[orphan]?.key ?? orphan)) has no matching \(quoted(joined(orphan, "weight")))")
        }
        var layers: [Dense] = []
        var previous: (key: String, outputs: Int)?
        let names = weights.keys.sorted(by: naturalOrder)
        for (i, name) in names.enumerated() {
            guard let (wKey, w) = weights[name] else { continue }
            guard w.rank == 2, w.shape[0] >= 1, w.shape[1] >= 1 else {
                throw bad("\(quoted(wKey)) has shape \(w.shape); a weight must be a non-empty matrix, outputs × inputs")
            }
            if let previous, previous.outputs != w.shape[1] {
                throw bad("\(quoted(previous.key)) gives \(previous.outputs) outputs but \(quoted(wKey)) of shape \(w.shape) takes \(w.shape[1]) inputs; the layers do not chain")
            }
            var b = try Tensor(shape: [w.shape[0]], repeating: 0)
            if let (bKey, given) = biases[name] {
                guard given.rank == 1, given.count == w.shape[0] else {
                    throw bad("\(quoted(bKey)) has shape \(given.shape) but \(quoted(wKey)) of shape \(w.shape) needs a bias of shape [\(w.shape[0])]")
                }
                b = given
            }
            layers.append(try Dense(weight: w, bias: b, activation: i == names.count - 1 ? output : hidden))
            previous = (wKey, w.shape[0])
        }
        return try Network(layers: layers)
    }

    /// `0.weight` → (`0`, `weight`); `layers.10.bias` → (`layers.10`, `bias`); `weight` → (``, `weight`).
    static func split(_ key: String) -> (prefix: String, field: String) {
        guard let dot = key.lastIndex(of: ".") else { return ("", key) }
        return (String(key[..<dot]), String(key[key.index(after: dot)...]))
    }

    static func joined(_ prefix: String, _ field: String) -> String { prefix.isEmpty ? field : prefix + "." + field }

    static func quoted(_ key: String) -> String {
        let shown = key.unicodeScalars.count > 80 ? String(String.UnicodeScalarView(key.unicodeScalars.prefix(80))) + "…" : key
        return "'" + shown.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0) }.joined() + "'"
    }

    /// Natural order: `a` before `b` when, compared run by run, a run of digits is a smaller
    /// number (`2` < `10`, leading zeros ignored, then fewer zeros first), digits come before
    /// other text, and other text compares by its Unicode scalars.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        let ra = runs(a), rb = runs(b)
        for (x, y) in zip(ra, rb) {
            switch (x.isNumber, y.isNumber) {
            case (true, true):
                let tx = x.text.drop { $0 == "0" }, ty = y.text.drop { $0 == "0" }
                if tx.count != ty.count { return tx.count < ty.count }
                if tx != ty { return tx.unicodeScalars.lexicographicallyPrecedes(ty.unicodeScalars) }
                if x.text.count != y.text.count { return x.text.count < y.text.count }
            case (true, false): return true
            case (false, true): return false
            case (false, false):
                if x.text != y.text { return x.text.unicodeScalars.lexicographicallyPrecedes(y.text.unicodeScalars) }
            }
        }
        return ra.count < rb.count
    }

    /// The runs of ASCII digits and of other characters, in order.
    private static func runs(_ s: String) -> [(text: Substring, isNumber: Bool)] {
        var out: [(text: Substring, isNumber: Bool)] = []
        var start = s.startIndex
        var index = s.startIndex
        var digit: Bool?
        while index < s.endIndex {
            let d = s[index].isASCII && s[index].isNumber
            if let digit, digit != d {
                out.append((s[start..<index], digit))
                start = index
            }
            digit = d
            index = s.index(after: index)
        }
        if let digit { out.append((s[start..<index], digit)) }
        return out
    }
}

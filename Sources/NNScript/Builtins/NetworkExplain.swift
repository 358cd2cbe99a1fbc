// explain(backprop(...)): one backpropagation step printed as the lecture writes it, layer by
// layer from L down to 1, each symbol with its shape and values.
import TensorKit
import NeuralKit

enum NetworkExplain {
    static var explain: Builtin {
        Builtin("explain", [.required("r"), .named("precision", .number(4))],
                help: """
                Prints a backprop result step by step in the lecture's symbols, from the output layer L \
                down to layer 1: z^l, a^l, δ^l (with the formula used), ∇W^l and ∇b^l, each with its shape \
                and values. Layer l of the lecture is net.layers[l − 1].
                """,
                example: "net = mlp([2, 2, 1])\nd = xor()\nexplain(backprop(net, d.x, d.y, loss: mse))") { args, ctx in
            guard case .record(let r) = args["r"] else { throw args.bad("r", "backprop record") }
            ctx.write(try text(r, precision: max(1, min(17, try args.int("precision")))))
            return .none
        }
    }

    /// Reads the list `name` of tensors from a backprop record.
    static func tensors(_ r: RecordBox, _ name: String) throws -> [Tensor] {
        guard case .list(let l)? = r[name] else {
            throw ScriptError.runtime("explain: the record has no list '\(name)' (pass the result of backprop)")
        }
        return try l.items.map {
            guard case .tensor(let t) = $0 else { throw ScriptError.runtime("explain: '\(name)' holds a \($0.kindName), tensors expected") }
            return t
        }
    }

    /// A superscript layer number (² for 2).
    static func sup(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }

    static func shape(_ t: Tensor) -> String { t.shape.map(String.init).joined(separator: "×") }

    static func text(_ r: RecordBox, precision: Int) throws -> String {
        let z = try tensors(r, "z"), a = try tensors(r, "a"), delta = try tensors(r, "delta")
        let dW = try tensors(r, "dW"), db = try tensors(r, "db")
        let layers = delta.count
        guard layers >= 1, z.count == layers, a.count == layers + 1, dW.count == layers, db.count == layers else {
            throw ScriptError.runtime("explain: the record's lists do not fit together (pass the result of backprop)")
        }
        var acts = [String](repeating: "f", count: layers)
        if case .list(let l)? = r["act"] {
            for (i, v) in l.items.enumerated() where i < layers {
                if case .function(let f) = v { acts[i] = f.name }
            }
        }
        var lossName = "C"
        if case .function(let f)? = r["loss_fn"] { lossName = f.name }
        var lossValue = ""
        if case .number(let x)? = r["loss"] { lossValue = Tensor.numberText(x) }

        func block(_ label: String, _ t: Tensor) -> String {
            let body = t.formatted(precision: precision, width: 76)
            var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
            // The shape is in the label already; drop the formatter's `tensor [..]` header line.
            if lines.count > 1, lines[0].hasPrefix("tensor") { lines.removeFirst() }
            return "    \(label)  [\(shape(t))]\n" + lines.map { "      " + $0 }.joined(separator: "\n") + "\n"
        }

        let n = a[0].rank >= 1 ? a[0].shape[0] : 1
        let big = "L"
        var out = "Backpropagation on a batch of N = \(n), loss C = \(lossName) = \(lossValue)\n"
        out += "Layer l is net.layers[l − 1]; L = \(layers). Forward: z^l = a^(l−1) (W^l)ᵀ + b^l, a^l = f_l(z^l), a⁰ = X.\n\n"
        for l in stride(from: layers, through: 1, by: -1) {
            let i = l - 1, s = sup(l), p = sup(l - 1)
            let role = l == layers ? "output layer \(big) = \(l)" : "layer \(l)"
            out += "\(role): f\(s) = \(acts[i]), W\(s) is \(shape(dW[i]))\n"
            out += block("z\(s) = a\(p) (W\(s))ᵀ + b\(s)", z[i])
            out += block("a\(s) = \(acts[i])(z\(s))", a[l])
            // The output layer's rule with its note in a column of its own (by display width).
            func noted(_ formula: String, _ note: String) -> String { formula.padded(toWidth: 27) + note }
            let rule: String
            if l == layers {
                rule = acts[i] == "softmax" && lossName == "cross_entropy"
                    ? noted("δ\(s) = (a\(s) − Y) / N", "(softmax + cross_entropy fused)")
                    : acts[i] == "softmax"
                    ? noted("δ\(s) = J_softmax(z\(s))ᵀ ∇_a C", "(full Jacobian; ∇_a C = ∂\(lossName)/∂a\(s))")
                    : noted("δ\(s) = f′(z\(s)) ∘ ∇_a C", "(∇_a C = ∂\(lossName)/∂a\(s))")
            } else {
                rule = acts[i] == "softmax"
                    ? "δ\(s) = J_softmax(z\(s))ᵀ (δ\(sup(l + 1)) W\(sup(l + 1)))"
                    : "δ\(s) = f′(z\(s)) ∘ (δ\(sup(l + 1)) W\(sup(l + 1)))"
            }
            out += block(rule, delta[i])
            out += block("∇W\(s) = (δ\(s))ᵀ a\(p)", dW[i])
            out += block("∇b\(s) = Σ_rows δ\(s)", db[i])
            out += "\n"
        }
        return out
    }
}

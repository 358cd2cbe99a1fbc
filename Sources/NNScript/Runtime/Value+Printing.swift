// How values print: numbers as the contract fixes them (integers without ".0", otherwise the
// shortest round-trip text in Python's repr style), strings raw at top level and quoted inside
// lists and records, tensors through the tensor formatter, functions as `<fn name>`.
import TensorKit

/// The printed text of numbers.
enum NumberFormat {
    /// `3`, `-0`, `0.5`, `1e-05`, `1e+20`, `inf`, `nan`: like Python's repr, without `.0`.
    static func text(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(.towardZero), abs(x) < 1e16 {
            if x == 0 { return x.sign == .minus ? "-0" : "0" }
            return String(Int64(x))
        }
        // Swift's description is the shortest round-trip text and switches to exponent form
        // exactly where Python's repr does (below 1e-4, from 1e16), with a two-digit exponent.
        return x.description
    }
}

extension Value {
    /// The text `print` writes: strings raw.
    func printed(_ context: ScriptContext) -> String {
        if case .string(let s) = self { return s }
        return shown(context, depth: 0)
    }

    /// The text of a value inside a list or record: strings quoted.
    func shown(_ context: ScriptContext, depth: Int) -> String {
        switch self {
        case .number(let x): return NumberFormat.text(x)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return Value.quoted(s)
        case .none: return "none"
        case .tensor(let t):
            return t.formatted(precision: context.printPrecision, width: context.terminal.width)
        case .list(let l):
            if depth > 20 { return "[...]" }
            return "[" + l.items.map { $0.shown(context, depth: depth + 1) }.joined(separator: ", ") + "]"
        case .record(let r):
            if depth > 20 { return "{...}" }
            return "{" + r.fields.map { "\($0.0): \($0.1.shown(context, depth: depth + 1))" }
                .joined(separator: ", ") + "}"
        case .function(let f):
            return f.name == "<fn>" ? "<fn>" : "<fn \(f.name)>"
        case .object(let o):
            return o.description
        }
    }

    /// A string in double quotes with `\n \t \" \\` escaped, as it would be written in a script.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}

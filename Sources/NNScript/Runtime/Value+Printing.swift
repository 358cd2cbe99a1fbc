// How values print: numbers in one form (integers without ".0", otherwise the
// shortest round-trip text in Python's repr style), strings raw at top level and quoted inside
// lists and records, tensors through the tensor formatter, functions as `<fn name>`.
import TensorKit

extension Value {
    /// The text `print` writes: strings raw.
    func printed(_ context: ScriptContext) -> String {
        if case .string(let s) = self { return s }
        return shown(context, depth: 0)
    }

    /// The text of a value inside a list or record: strings quoted.
    func shown(_ context: ScriptContext, depth: Int) -> String {
        var state = ShowState()
        var out = ""
        show(context, depth: depth, into: &out, state: &state)
        return out
    }

    /// Appends the shown text. A list or record that contains itself shows `[...]` / `{...}` where
    /// it recurs (as Python does), nesting stops at depth 20, and after `ShowState.budget` items
    /// the rest is elided: a list holding itself twice would otherwise print 2^20 copies.
    private func show(_ context: ScriptContext, depth: Int, into out: inout String, state: inout ShowState) {
        state.items += 1
        switch self {
        case .number(let x): out += Tensor.numberText(x)
        case .bool(let b): out += b ? "true" : "false"
        case .string(let s): out += Value.quoted(s)
        case .none: out += "none"
        case .tensor(let t):
            out += t.formatted(precision: context.printPrecision, width: context.terminal.width)
        case .list(let l):
            let id = ObjectIdentifier(l)
            if depth > 20 || state.open.contains(id) { out += "[...]"; return }
            state.open.insert(id)
            var parts: [String] = []
            for item in l.items {
                if state.items > ShowState.budget { parts.append("..."); break }
                var text = ""
                item.show(context, depth: depth + 1, into: &text, state: &state)
                parts.append(text)
            }
            out += Value.layout(parts, "[", "]")
            state.open.remove(id)
        case .record(let r):
            let id = ObjectIdentifier(r)
            if depth > 20 || state.open.contains(id) { out += "{...}"; return }
            state.open.insert(id)
            var parts: [String] = []
            for (key, v) in r.fields {
                if state.items > ShowState.budget { parts.append("..."); break }
                var text = ""
                v.show(context, depth: depth + 1, into: &text, state: &state)
                // A tensor's or object's later lines line up under its first; a block list or
                // record closes under the key.
                let block = text.hasPrefix("[\n") || text.hasPrefix("{\n")
                parts.append(key + ": " + Value.indented(text, by: block ? 0 : key.displayWidth + 2))
            }
            out += Value.layout(parts, "{", "}")
            state.open.remove(id)
        case .function(let f):
            out += f.name == "<fn>" ? "<fn>" : "<fn \(f.name)>"
        case .object(let o):
            out += o.description
        }
    }

    /// A list's or record's parts between its brackets: `[1, "a"]` on one line when every part
    /// is one line; otherwise each part on its own lines, indented, as a pretty printer would:
    ///
    ///     [
    ///       tensor [2, 2]
    ///       [[0, 0],
    ///        [0, 0]],
    ///       1
    ///     ]
    static func layout(_ parts: [String], _ open: String, _ close: String) -> String {
        guard parts.contains(where: { $0.contains("\n") }) else {
            return open + parts.joined(separator: ", ") + close
        }
        let body = parts.map { "  " + indented($0, by: 2) }.joined(separator: ",\n")
        return open + "\n" + body + "\n" + close
    }

    /// The text with every line after the first moved right by `n` spaces.
    static func indented(_ text: String, by n: Int) -> String {
        guard n > 0, text.contains("\n") else { return text }
        let pad = "\n" + String(repeating: " ", count: n)
        return text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: pad)
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

/// What showing a value has seen so far: the containers being shown (to spot a container inside
/// itself) and how many items were written.
private struct ShowState {
    /// Items written before the rest of a container is elided as `...`.
    static let budget = 100_000
    var open: Set<ObjectIdentifier> = []
    var items = 0
}

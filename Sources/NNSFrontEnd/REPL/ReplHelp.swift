// ReplHelp: the text of `:help`, `:help name` and `?name` — a built-in's signature, help and
// runnable example, a keyword's meaning, a variable's kind and fields, or a command's usage.
import NNScript
import TensorKit

/// Builds help texts from the session's built-ins and values.
struct ReplHelp {
    let source: any CompletionSource

    /// What each keyword does, one line each.
    static let keywordHelp: [String: String] = [
        "if": "if COND { ... } else if COND { ... } else { ... } — COND must be a bool or a number",
        "else": "the other branch of an if: if c { ... } else { ... }",
        "while": "while COND { ... } — repeats while COND holds; Ctrl-C stops it",
        "for": "for i in 0..10 { ... }, for row in X { ... } (first axis), for item in list { ... }",
        "in": "for NAME in RANGE-OR-TENSOR-OR-LIST { ... }",
        "fn": "fn f(x, y = 2) { ... return z }, fn f(x) = x^2, anonymous fn(u) = max(u, 0)",
        "return": "return VALUE — leaves the function with VALUE (none when omitted)",
        "break": "leaves the innermost for or while loop",
        "continue": "goes on with the next round of the innermost loop",
        "and": "a and b — true when both are true (b is evaluated only when needed)",
        "or": "a or b — true when either is true (b is evaluated only when needed)",
        "not": "not a — the opposite bool",
        "true": "the bool true", "false": "the bool false",
        "none": "the value of nothing (what a function without return gives)",
    ]

    /// The overview shown by `:help` without a name.
    func overview(width: Int) -> String {
        var text = "nns: a notebook-style prompt for neural networks.\n"
        text += "Type code and press Enter; an unfinished line (open bracket, trailing operator)\n"
        text += "continues on the next. Out[n] is the value of cell n, _ the last value shown;\n"
        text += "a trailing ; hides the value.\n\nCommands:\n"
        let usageWidth = (ReplCommand.summaries.map(\.usage.displayWidth).max() ?? 0) + 2
        for (usage, summary) in ReplCommand.summaries {
            text += "  " + usage.padded(toWidth: usageWidth) + summary + "\n"
        }
        text += """

            Keys: TAB completes names, fields after '.', named arguments and file names;
            Up/Down and Ctrl-R search the history; Ctrl-C clears the line or stops a running cell;
            Ctrl-D on an empty line quits.

            Built-ins (?name or :help name for details):

            """
        text += CandidateList.layout(source.builtinNames, width: width)
        return text
    }

    /// Help on one name: a built-in, a keyword, a command, or a variable.
    func help(_ rawName: String) -> String? {
        let name = rawName.trimmingSpaces
        if name.hasPrefix(":") { return commandHelp(String(name.dropFirst())) }
        if let value = source.global(name) { return variableHelp(name, value) }
        if let builtin = source.builtin(name) { return Self.builtinHelp(builtin) }
        if let k = Self.keywordHelp[name] { return "\(name) (keyword): \(k)\n" }
        if let c = commandHelp(name) { return c }
        return nil
    }

    /// Names close to an unknown one, for the "no help" message.
    func suggestions(for name: String) -> [String] {
        let all = source.builtinNames + source.globalNames + Self.keywordHelp.keys.sorted()
        let prefix = String(name.prefix(2))
        return Array(Set(all.filter { !prefix.isEmpty && $0.hasPrefix(prefix) })).sorted().prefix(8).map { $0 }
    }

    /// Signature, text and the runnable example of a built-in.
    static func builtinHelp(_ b: Builtin) -> String {
        var text = b.signature + "\n\n" + b.help.trimmingSpaces + "\n"
        let example = b.example.trimmingSpaces
        if !example.isEmpty {
            text += "\nExample:\n"
            for line in example.split(separator: "\n", omittingEmptySubsequences: false) {
                text += "    " + line + "\n"
            }
        }
        return text
    }

    private func commandHelp(_ name: String) -> String? {
        guard let entry = ReplCommand.summaries.first(where: { $0.usage.dropFirst().hasPrefix(name + " ")
                || $0.usage.dropFirst() == name }) else { return nil }
        return entry.usage + " — " + entry.text + "\n"
    }

    private func variableHelp(_ name: String, _ value: Value) -> String {
        var text = "\(name): \(VarsTable.describe(value))\n"
        switch value {
        case .function(let f):
            if let b = f as? Builtin { text += "\n" + Self.builtinHelp(b) }
        case .object(let o):
            text += "fields: " + o.fieldNames.joined(separator: ", ") + "\n"
        case .record(let r):
            text += "fields: " + r.keys.joined(separator: ", ") + "\n"
        case .number, .bool, .string, .none, .tensor, .list:
            break
        }
        return text
    }
}

// A cell typed over several lines, kept in the history as one line too, the way bash's cmdhist
// keeps a multi-line command: the up arrow then brings back the whole `fn … { … }` to edit and
// run again, not just its closing brace.
//
// Lines are joined with "; " where a statement ends (at the top level or inside `{ }`) and with
// a space where the expression goes on (inside `( )` or `[ ]`, after an operator or a comma, or
// before `else`); comments are dropped. The caller keeps the result only when it parses.
enum HistoryCell {
    /// The ways to write the cell as one line, most readable first (`{ a; b }`, then
    /// `{; a; b; }`); empty for a one-line cell or one the join cannot express (a string still
    /// open at the end of a line).
    static func oneLine(_ lines: [String]) -> [String] {
        guard let plain = joined(lines, spacedBraces: false), let spaced = joined(lines, spacedBraces: true) else {
            return []
        }
        return spaced == plain ? [plain] : [spaced, plain]
    }

    private static func joined(_ lines: [String], spacedBraces: Bool) -> String? {
        var pieces: [(code: String, innermost: Character?)] = []
        var open: [Character] = []
        for line in lines {
            guard let code = codePart(line, open: &open) else { return nil }
            let trimmed = code.trimmingSpaces
            if !trimmed.isEmpty { pieces.append((trimmed, open.last)) }
        }
        guard pieces.count > 1 else { return nil }
        var joined = pieces[0].code
        for i in 1..<pieces.count {
            let before = pieces[i - 1]
            let goesOn = before.innermost == "(" || before.innermost == "[" || endsWithOperator(before.code)
                || pieces[i].code.hasPrefix("else")
                || (spacedBraces && (before.code.hasSuffix("{") || pieces[i].code.hasPrefix("}")))
            joined += (goesOn ? " " : "; ") + pieces[i].code
        }
        return joined
    }

    /// `line` without its comment, updating the stack of open brackets; nil when the line ends
    /// inside a string.
    private static func codePart(_ line: String, open: inout [Character]) -> String? {
        var code = ""
        var inString = false, escaped = false
        for c in line {
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                code.append(c)
                continue
            }
            switch c {
            case "#": return code
            case "\"": inString = true
            case "(", "[", "{": open.append(c)
            case ")", "]", "}": if !open.isEmpty { open.removeLast() }
            default: break
            }
            code.append(c)
        }
        return inString ? nil : code
    }

    /// Whether the code ends where an expression must go on: an operator, a comma, an opening
    /// bracket or `and` / `or` / `not`.
    private static func endsWithOperator(_ code: String) -> Bool {
        guard let last = code.last else { return false }
        if "+-*/%^@=<>,.:(![".contains(last) { return true }
        let word = code.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).last.map(String.init)
        return code.last?.isLetter == true && ["and", "or", "not"].contains(word ?? "")
    }
}

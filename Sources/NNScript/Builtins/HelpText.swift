// The text `help` shows: a built-in's signature, help and example; the list of every built-in by
// library; a short note for user functions and objects.

enum HelpText {
    /// Help for a value or a name given as a string; none lists everything.
    static func text(for subject: Value) -> String {
        switch subject {
        case .none: return overview()
        case .string(let name):
            if let b = find(name) { return describe(b) }
            if TokenKind.keywords[name] != nil {
                return "'\(name)' is a keyword of the language; see docs/language.md."
            }
            return "no built-in named '\(name)'; help() lists them all."
        case .function(let f):
            if let b = f as? Builtin { return describe(b) }
            if let u = f as? UserFunction {
                return "\(u.name)(\(u.prototype.parameterNames.joined(separator: ", "))): a function defined in the script."
            }
            return "\(f.name): a function."
        case .object(let o):
            return "a \(o.kindName); fields: \(o.fieldNames.joined(separator: ", "))"
        case .number, .bool, .tensor, .list, .record:
            return "a \(subject.kindName) value; help(name) documents a built-in, help() lists them."
        }
    }

    static func find(_ name: String) -> Builtin? {
        for library in Libraries.all {
            if let b = library.builtins.first(where: { $0.name == name }) { return b }
        }
        return nil
    }

    static func describe(_ b: Builtin) -> String {
        let example = b.example.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "    " + $0 }.joined(separator: "\n")
        return "\(b.signature)\n  \(b.help)\n  example:\n\(example)"
    }

    static func overview() -> String {
        var lines: [String] = ["built-ins (help(name) for one of them):"]
        for library in Libraries.all where !library.builtins.isEmpty {
            var line = "  \(library.name):"
            for name in library.builtins.map(\.name) {
                if line.count + name.count + 1 > 78 {
                    lines.append(line)
                    line = "    "
                }
                line += " " + name
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

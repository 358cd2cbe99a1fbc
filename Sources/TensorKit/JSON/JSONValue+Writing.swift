// JSON text from a JSONValue: compact (one protocol message, one line) or indented (the layout
// Jupyter writes notebooks in), and the one string-quoting rule every JSON nns writes uses.

extension JSONValue {
    /// The value as compact JSON text (one line: newlines inside strings are escaped).
    public var text: String {
        var out = ""
        write(to: &out, indent: nil, level: 0)
        return out
    }

    /// The value as JSON text with members and items on their own lines, `indent` spaces a level.
    public func text(indent: Int) -> String {
        var out = ""
        write(to: &out, indent: String(repeating: " ", count: indent), level: 0)
        return out
    }

    private func write(to out: inout String, indent: String?, level: Int) {
        func newline(_ level: Int) {
            guard let indent else { return }
            out += "\n" + String(repeating: indent, count: level)
        }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += JSONValue.numberText(x)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                JSONValue.writeString(m.key, to: &out)
                out += indent == nil ? ":" : ": "
                m.value.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out += "}"
        }
    }

    /// A number as nns prints it (every such text is a JSON number: `-0`, `1e-05`, `1e+20`);
    /// JSON has no inf or nan, so those become null.
    static func numberText(_ x: Double) -> String { x.isFinite ? NumberText.shortest(x) : "null" }

    /// `s` as a JSON string literal: `"`, `\` and control characters (C0 and DEL) escaped, so the
    /// text is safe on a terminal; everything else as UTF-8.
    public static func quoted(_ s: String) -> String {
        var out = ""
        writeString(s, to: &out)
        return out
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

// How an error reads: `FILE:LINE:COL: error: message`, the offending line with a caret under the
// column, and for runtime errors inside functions the chain of calls, innermost last. The caret
// is placed by display width (神 takes two terminal columns), the reported column stays the
// column in characters; scripts, the prompt, notebook pages and Jupyter all draw it here.
import TensorKit

public enum ErrorRendering {
    static func render(_ e: ScriptError, line lookup: (String, Int) -> String?) -> String {
        guard let loc = e.location else { return "error: \(e.message)" }
        var out = "\(loc.file):\(loc.line):\(loc.column): error: \(e.message)"
        if let text = lookup(loc.file, loc.line) {
            out += "\n" + excerpt(text, column: loc.column, indent: "    ")
        }
        if !e.trace.isEmpty {
            out += "\ncall chain (innermost last):"
            let lines = e.trace.map { "\n  \($0.location.file):\($0.location.line):\($0.location.column): in call to \($0.function)" }
            if lines.count > 12 {
                out += lines.prefix(5).joined() + "\n  ... \(lines.count - 10) more calls ..." + lines.suffix(5).joined()
            } else {
                out += lines.joined()
            }
        }
        return out
    }

    /// The source line as it may be echoed to a terminal: control characters other than tab (an
    /// escape sequence in a damaged or hostile file could restyle the terminal) become U+FFFD,
    /// one character each, so the caret column stays right.
    public static func printable(_ line: String) -> String {
        String(line.map { c -> Character in
            c != "\t" && c.unicodeScalars.contains { $0.properties.generalCategory == .control } ? "\u{FFFD}" : c
        })
    }

    /// The source line made printable and, under it, the caret at the 1-based character
    /// `column`, both after `indent` (no newline at the end).
    public static func excerpt(_ line: String, column: Int, indent: String) -> String {
        let text = printable(line)
        return indent + text + "\n" + indent + caretPadding(text, column: column) + "^"
    }

    /// What goes before the caret so it stands under character `column` (1-based) of `text` on
    /// screen: a tab stays a tab, every other character becomes as many spaces as the columns it
    /// takes (two for 神, none for a combining accent); past the end of the line, one a column.
    public static func caretPadding(_ text: String, column: Int) -> String {
        var pad = ""
        var before = 0
        for c in text {
            guard before < column - 1 else { break }
            if c == "\t" {
                pad.append("\t")
            } else {
                pad += String(repeating: " ", count: DisplayWidth.of(c))
            }
            before += 1
        }
        if column - 1 > before { pad += String(repeating: " ", count: column - 1 - before) }
        return pad
    }
}

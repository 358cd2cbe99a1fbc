// How an error reads: `FILE:LINE:COL: error: message`, the offending line with a caret under the
// column, and for runtime errors inside functions the chain of calls, innermost last.

public enum ErrorRendering {
    static func render(_ e: ScriptError, line lookup: (String, Int) -> String?) -> String {
        guard let loc = e.location else { return "error: \(e.message)" }
        var out = "\(loc.file):\(loc.line):\(loc.column): error: \(e.message)"
        if let text = lookup(loc.file, loc.line).map(printable) {
            out += "\n    " + text + "\n    " + caretPadding(text, column: loc.column) + "^"
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

    /// Spaces (tabs where the line has tabs) up to the 1-based character column.
    static func caretPadding(_ text: String, column: Int) -> String {
        var pad = ""
        for (i, c) in text.enumerated() where i < column - 1 {
            pad.append(c == "\t" ? "\t" : " ")
        }
        if column - 1 > text.count { pad += String(repeating: " ", count: column - 1 - text.count) }
        return pad
    }
}

// How an error is shown: `FILE:LINE:COL: error: message`, the source line, a caret under the
// column, and for runtime errors inside functions the chain of calls, innermost last.
import NNScript

/// Renders errors for the terminal and stderr.
public enum ErrorDisplay {
    /// The full text of `error`; `source` is the text the location refers to.
    public static func render(_ error: Error, source: String) -> String {
        guard let e = error as? ScriptError else { return "error: \(error)" }
        guard let loc = e.location else { return "error: \(e.message)" }
        var text = "\(loc.file):\(loc.line):\(loc.column): error: \(e.message)"
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        if loc.line >= 1, loc.line <= lines.count {
            let line = String(lines[loc.line - 1])
            let pad = String(line.prefix(max(loc.column - 1, 0)).map { $0 == "\t" ? "\t" : " " })
            text += "\n    \(line)\n    \(pad)^"
        }
        for frame in e.trace.reversed() {
            text += "\n  in \(frame.function) at \(frame.location.file):\(frame.location.line):\(frame.location.column)"
        }
        return text
    }
}

// CellErrorDisplay: how the prompt shows a ScriptError — the offending line, a caret under the column
// (drawn by ErrorRendering, by display width) and the message; the location is named when it is
// not the first line of the cell just typed, and the call chain follows.
import NNScript

/// Renders errors against the sources the session has run (cells and loaded files).
struct CellErrorDisplay {
    /// Source text by the file name it was run under (`In[3]`, `lib.nns`).
    var sources: [String: String] = [:]
    /// Colour the word `error:`.
    var color = false

    /// The text to print for `error`, which happened while running the cell named `cell`.
    func render(_ error: ScriptError, cell: String) -> String {
        var text = ""
        if let loc = error.location {
            let isCellStart = loc.file == cell && loc.line == 1
            if !isCellStart { text += "\(loc.file):\(loc.line):\(loc.column):\n" }
            if let line = Self.line(loc.line, of: sources[loc.file]) {
                text += ErrorRendering.excerpt(line, column: loc.column, indent: "  ") + "\n"
            }
        }
        text += (color ? "\u{1B}[1;31merror:\u{1B}[0m " : "error: ") + error.message + "\n"
        // A runaway recursion leaves thousands of frames: show the outermost and innermost five.
        let lines = error.trace.map { step in
            "  in \(step.function) at \(step.location.file):\(step.location.line):\(step.location.column)\n"
        }
        if lines.count > 12 {
            text += lines.prefix(5).joined() + "  ... \(lines.count - 10) more calls ...\n" + lines.suffix(5).joined()
        } else {
            text += lines.joined()
        }
        return text
    }

    /// Line `number` (1-based) of a text, nil when out of range.
    static func line(_ number: Int, of source: String?) -> String? {
        guard let source, number >= 1 else { return nil }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard number <= lines.count else { return nil }
        var line = String(lines[number - 1])
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}

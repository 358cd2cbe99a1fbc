// CellErrorDisplay: how the prompt shows a ScriptError — the offending line, a caret under the column
// (columns are 1-based characters) and the message; the location is named when it is not the
// first line of the cell just typed, and the call chain follows.
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
                text += "  " + line + "\n"
                text += "  " + Self.caretPadding(line, column: loc.column) + "^\n"
            }
        }
        text += (color ? "\u{1B}[1;31merror:\u{1B}[0m " : "error: ") + error.message + "\n"
        for step in error.trace {
            let l = step.location
            text += "  in \(step.function) at \(l.file):\(l.line):\(l.column)\n"
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

    /// Spaces (tabs kept as tabs) up to the 1-based character `column` of `line`.
    static func caretPadding(_ line: String, column: Int) -> String {
        let chars = Array(line)
        let upTo = min(max(column - 1, 0), chars.count)
        return String(chars[..<upTo].map { $0 == "\t" ? "\t" : " " })
    }
}

// NotebookSource: cuts a notebook's source into prose and code cells — the ```nns blocks of a
// Markdown file, or a .nns script split at `# %%` markers or at blank lines between statements.

/// One piece of a notebook source.
public enum NotebookChunk: Equatable, Sendable {
    /// Markdown text, shown as it is.
    case prose(String)
    /// A code cell and the 1-based line of the source it starts on.
    case code(String, line: Int)
}

/// Splitting notebook sources into chunks.
public enum NotebookSource {
    /// The chunks of a Markdown file: each ```` ```nns ```` fenced block is a code cell; everything
    /// else (other fenced blocks included) is prose.
    public static func markdown(_ text: String) -> [NotebookChunk] {
        var chunks: [NotebookChunk] = []
        var prose: [String] = []
        var code: [String] = []
        var codeStart = 0
        var inCell = false
        var otherFence: String? = nil
        func flushProse() {
            let text = trimmedBlankLines(prose)
            if !text.isEmpty { chunks.append(.prose(text.joined(separator: "\n"))) }
            prose = []
        }
        for (i, line) in lines(text).enumerated() {
            let stripped = line.trimmingLeadingSpaces()
            if inCell {
                if stripped.hasPrefix("```") && stripped.allSatisfy({ $0 == "`" || $0 == " " }) {
                    chunks.append(.code(code.joined(separator: "\n"), line: codeStart))
                    code = []
                    inCell = false
                } else {
                    code.append(line)
                }
            } else if let fence = otherFence {
                prose.append(line)
                if stripped.hasPrefix(fence) && stripped.allSatisfy({ $0 == fence.first || $0 == " " }) { otherFence = nil }
            } else if stripped.hasPrefix("```") {
                let info = stripped.drop { $0 == "`" }.trimmingLeadingSpaces()
                let language = info.prefix { !$0.isWhitespace && $0 != "{" }
                if language == "nns" {
                    flushProse()
                    inCell = true
                    codeStart = i + 2
                } else {
                    prose.append(line)
                    otherFence = String(stripped.prefix { $0 == "`" })
                }
            } else {
                prose.append(line)
            }
        }
        if inCell { chunks.append(.code(code.joined(separator: "\n"), line: codeStart)) }
        flushProse()
        return chunks
    }

    /// The chunks of an nns script. With `# %%` marker lines, each marker starts a cell (text after
    /// the marker becomes a heading; `# %% [markdown]` starts a prose cell of `#` comment lines).
    /// Without markers, a blank line ends a cell when the statements before it are complete
    /// (`isIncomplete` asks the parser). A block of only comments becomes prose.
    public static func script(_ text: String, isIncomplete: (String) -> Bool) -> [NotebookChunk] {
        let all = lines(text)
        let hasMarkers = all.contains { isMarker($0) }
        var chunks: [NotebookChunk] = []
        var current: [(Int, String)] = []
        var markdownCell = false
        func flush() {
            defer { current = [] }
            let body = trimmedBlankLines(current.map(\.1))
            guard !body.isEmpty, let first = current.first(where: { !$0.1.allSatisfy(\.isWhitespace) }) else { return }
            if markdownCell || body.allSatisfy({ $0.trimmingLeadingSpaces().hasPrefix("#") }) {
                chunks.append(.prose(body.map(uncommented).joined(separator: "\n")))
            } else {
                chunks.append(.code(body.joined(separator: "\n"), line: first.0))
            }
        }
        for (i, line) in all.enumerated() {
            if hasMarkers && isMarker(line) {
                flush()
                let title = line.trimmingLeadingSpaces().dropFirst(4).trimmingLeadingSpaces()
                markdownCell = title.hasPrefix("[markdown]")
                if !markdownCell && !title.isEmpty { chunks.append(.prose("### " + title)) }
                continue
            }
            if !hasMarkers && line.allSatisfy(\.isWhitespace) {
                let code = current.map(\.1).joined(separator: "\n")
                if !code.allSatisfy(\.isWhitespace) && !isIncomplete(code) {
                    flush()
                    continue
                }
            }
            current.append((i + 1, line))
        }
        flush()
        return chunks
    }

    /// True for a `# %%` cell marker line.
    static func isMarker(_ line: String) -> Bool {
        line.trimmingLeadingSpaces().hasPrefix("# %%")
    }

    /// A comment line as prose: `# text` → `text`, a lone `#` → an empty line.
    static func uncommented(_ line: String) -> String {
        var s = Substring(line.trimmingLeadingSpaces())
        if s.hasPrefix("#") { s = s.dropFirst() }
        if s.hasPrefix(" ") { s = s.dropFirst() }
        return String(s)
    }

    /// The lines of a text (\n or \r\n).
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
    }

    /// The lines without blank lines at either end.
    static func trimmedBlankLines(_ lines: [String]) -> [String] {
        var lines = lines[...]
        while let f = lines.first, f.allSatisfy(\.isWhitespace) { lines = lines.dropFirst() }
        while let l = lines.last, l.allSatisfy(\.isWhitespace) { lines = lines.dropLast() }
        return Array(lines)
    }
}

extension StringProtocol {
    /// The text without its leading spaces and tabs.
    func trimmingLeadingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" })
    }
}

// NotebookProse: the Markdown of a notebook's prose as HTML — headings, paragraphs, lists, quotes,
// fenced code, pipe tables, rules, and inline code, emphasis, links and images. Enough for lecture
// notes; everything is escaped, so prose can never inject markup.
import TensorKit

enum NotebookProse {
    /// The HTML of a Markdown text.
    static func html(_ markdown: String) -> String {
        let lines = NotebookSource.lines(markdown)
        var out = ""
        var i = 0
        var paragraph: [String] = []
        func flushParagraph() {
            if !paragraph.isEmpty {
                out += "<p>\(inline(paragraph.joined(separator: "\n")))</p>\n"
                paragraph = []
            }
        }
        while i < lines.count {
            let line = lines[i]
            let t = line.trimmingLeadingSpaces()
            if t.isEmpty {
                flushParagraph()
                i += 1
            } else if t.hasPrefix("```") || t.hasPrefix("~~~") {
                flushParagraph()
                let fence = String(t.prefix { $0 == t.first })
                var code: [String] = []
                i += 1
                while i < lines.count && !lines[i].trimmingLeadingSpaces().hasPrefix(fence) {
                    code.append(lines[i])
                    i += 1
                }
                i += 1
                out += "<pre><code>\(markupEscaped(code.joined(separator: "\n")))</code></pre>\n"
            } else if let level = headingLevel(t) {
                flushParagraph()
                let text = t.dropFirst(level).trimmingLeadingSpaces()
                out += "<h\(level)>\(inline(text))</h\(level)>\n"
                i += 1
            } else if isRule(t) {
                flushParagraph()
                out += "<hr>\n"
                i += 1
            } else if t.hasPrefix(">") {
                flushParagraph()
                var quoted: [String] = []
                while i < lines.count, lines[i].trimmingLeadingSpaces().hasPrefix(">") {
                    quoted.append(String(lines[i].trimmingLeadingSpaces().dropFirst()).trimmingLeadingSpaces())
                    i += 1
                }
                out += "<blockquote>\n\(html(quoted.joined(separator: "\n")))</blockquote>\n"
            } else if listMarker(t) != nil {
                flushParagraph()
                let ordered = listMarker(t) == .ordered
                var items: [String] = []
                while i < lines.count {
                    let l = lines[i].trimmingLeadingSpaces()
                    if let kind = listMarker(l), (kind == .ordered) == ordered {
                        items.append(String(l.drop { $0 != " " }).trimmingLeadingSpaces())
                    } else if !l.isEmpty, !items.isEmpty, lines[i].hasPrefix("  ") {
                        items[items.count - 1] += "\n" + l   // a continuation line of the item
                    } else {
                        break
                    }
                    i += 1
                }
                let tag = ordered ? "ol" : "ul"
                out += "<\(tag)>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</\(tag)>\n"
            } else if t.hasPrefix("|"), i + 1 < lines.count, isTableRule(lines[i + 1]) {
                flushParagraph()
                out += "<table>\n<tr>" + cells(t).map { "<th>\(inline($0))</th>" }.joined() + "</tr>\n"
                i += 2
                while i < lines.count, lines[i].trimmingLeadingSpaces().hasPrefix("|") {
                    out += "<tr>" + cells(lines[i]).map { "<td>\(inline($0))</td>" }.joined() + "</tr>\n"
                    i += 1
                }
                out += "</table>\n"
            } else {
                paragraph.append(t)
                i += 1
            }
        }
        flushParagraph()
        return out
    }

    static func headingLevel(_ t: String) -> Int? {
        let hashes = t.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = t.dropFirst(hashes)
        return rest.isEmpty || rest.hasPrefix(" ") ? hashes : nil
    }

    static func isRule(_ t: String) -> Bool {
        let s = t.filter { $0 != " " }
        return s.count >= 3 && (s.allSatisfy { $0 == "-" } || s.allSatisfy { $0 == "*" } || s.allSatisfy { $0 == "_" })
    }

    enum ListKind { case bullet, ordered }

    static func listMarker(_ t: String) -> ListKind? {
        if t.hasPrefix("- ") || t.hasPrefix("* ") || t.hasPrefix("+ ") { return .bullet }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, t.dropFirst(digits.count).hasPrefix(". ") { return .ordered }
        return nil
    }

    static func isTableRule(_ line: String) -> Bool {
        let t = line.trimmingLeadingSpaces()
        return t.hasPrefix("|") && t.contains("-") && t.allSatisfy { "|-: ".contains($0) }
    }

    static func cells(_ line: String) -> [String] {
        var t = line.trimmingLeadingSpaces()
        while t.hasSuffix(" ") { t.removeLast() }
        if t.hasPrefix("|") { t.removeFirst() }
        if t.hasSuffix("|") { t.removeLast() }
        return t.split(separator: "|", omittingEmptySubsequences: false).map {
            var c = String($0).trimmingLeadingSpaces()
            while c.hasSuffix(" ") { c.removeLast() }
            return c
        }
    }

    /// Inline Markdown: `code`, **strong**, *em* / _em_, [text](url), ![alt](src); the rest escaped.
    static func inline(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        func find(_ target: String, from start: Int) -> Int? {
            let t = Array(target)
            var j = start
            while j + t.count <= chars.count {
                if Array(chars[j..<(j + t.count)]) == t { return j }
                j += 1
            }
            return nil
        }
        while i < chars.count {
            let c = chars[i]
            if c == "`", let end = find("`", from: i + 1) {
                out += "<code>\(markupEscaped(String(chars[(i + 1)..<end])))</code>"
                i = end + 1
            } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*", let end = find("**", from: i + 2), end > i + 2 {
                out += "<strong>\(inline(String(chars[(i + 2)..<end])))</strong>"
                i = end + 2
            } else if (c == "*" || c == "_"), i + 1 < chars.count, chars[i + 1] != " ",
                      i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber),
                      let end = find(String(c), from: i + 1), end > i + 1 {
                out += "<em>\(inline(String(chars[(i + 1)..<end])))</em>"
                i = end + 1
            } else if c == "!" || c == "[", let link = parseLink(chars, at: c == "!" ? i + 1 : i) {
                let url = safeURL(link.url)
                if c == "!" {
                    out += "<img src=\"\(markupEscaped(url))\" alt=\"\(markupEscaped(link.text))\">"
                } else {
                    out += "<a href=\"\(markupEscaped(url))\">\(inline(link.text))</a>"
                }
                i = link.end
            } else {
                out += markupEscaped(String(c))
                i += 1
            }
        }
        return out
    }

    /// `[text](url)` starting at `start`: its parts and the index after it.
    static func parseLink(_ chars: [Character], at start: Int) -> (text: String, url: String, end: Int)? {
        guard start < chars.count, chars[start] == "[" else { return nil }
        guard let close = chars[start...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "(",
              let paren = chars[(close + 1)...].firstIndex(of: ")") else { return nil }
        return (String(chars[(start + 1)..<close]), String(chars[(close + 2)..<paren]), paren + 1)
    }

    /// Links may not run script: `javascript:` URLs are dropped.
    static func safeURL(_ url: String) -> String {
        let lower = url.lowercased().filter { !$0.isWhitespace }
        return lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") ? "#" : url
    }
}

// NotebookHTML: a notebook as one self-contained HTML page — prose rendered from Markdown, each
// cell's code (lightly highlighted) with In/Out prompts, its output, and its pictures as PNG data:
// URIs — with a small stylesheet and no scripts. The page is UTF-8 (declared first in <head>) and
// its font lists reach Chinese fonts on Linux, macOS and Windows.
import Foundation
import TensorKit

extension Notebook {
    /// The page as HTML text.
    public func html() -> String {
        var body = ""
        for item in items {
            switch item {
            case .prose(let text):
                body += "<div class=\"prose\">\n\(NotebookProse.html(text))</div>\n"
            case .cell(let cell):
                body += cellHTML(cell)
            }
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="nns">
        <title>\(markupEscaped(title))</title>
        <style>
        \(Notebook.stylesheet)
        </style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    func cellHTML(_ cell: NotebookCell) -> String {
        var s = "<section class=\"cell\(cell.failed ? " failed" : "")\" id=\"cell-\(cell.number)\">\n"
        s += "<div class=\"row\"><div class=\"prompt in\">In [\(cell.number)]:</div>"
        s += "<pre class=\"code\"><code>\(boxingWideCharacters(NotebookHighlighter.html(cell.code)))</code></pre></div>\n"
        for output in cell.outputs {
            switch output {
            case .text(let text):
                s += "<div class=\"row\"><div class=\"prompt\"></div><pre class=\"stdout\">\(monospaced(text))</pre></div>\n"
            case .diagnostic(let text):
                s += "<div class=\"row\"><div class=\"prompt\"></div><pre class=\"stderr\">\(monospaced(text))</pre></div>\n"
            case .error(let failure):
                s += "<div class=\"row\"><div class=\"prompt\"></div><pre class=\"stderr\">\(monospaced(failure.text))</pre></div>\n"
            case .picture(let p):
                let data = Data(p.png).base64EncodedString()
                s += "<div class=\"row\"><div class=\"prompt\"></div><figure><img src=\"data:image/png;base64,\(data)\" alt=\"\(markupEscaped(p.alt))\"></figure></div>\n"
            case .value(let text):
                s += "<div class=\"row\"><div class=\"prompt out\">Out[\(cell.number)]:</div><pre class=\"value\">\(monospaced(text))</pre></div>\n"
            }
        }
        return s + "</section>\n"
    }

    /// Text fonts: the system's Latin face, then Chinese faces (macOS, Windows, Noto/Source Han,
    /// Debian's WenQuanYi), so Chinese prose never falls back to boxes where one of them exists.
    static let textFonts = #"-apple-system, "Segoe UI", Helvetica, Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif"#
    /// Monospace fonts for code and output, with Chinese faces for the characters Latin ones lack.
    static let monoFonts = #"ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", "Noto Sans Mono CJK SC", "WenQuanYi Micro Hei Mono", "PingFang SC", "Microsoft YaHei", monospace"#

    /// Output text as it goes into a <pre>: escapes removed, HTML escaped, wide characters boxed.
    func monospaced(_ text: String) -> String {
        boxingWideCharacters(markupEscaped(stripEscapes(text)))
    }

    static let stylesheet = """
    body { margin: 0; background: #fafafa; color: #1f2328; font: 15px/1.55 \(textFonts); }
    main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.5rem 4rem; background: #fff; min-height: 100vh; box-sizing: border-box; }
    .prose { margin: 1rem 0 1rem 6.5rem; }
    .prose pre, .prose code { background: #f3f4f6; border-radius: 4px; }
    .prose pre { padding: .6rem .8rem; overflow-x: auto; }
    .prose code { padding: .1rem .3rem; font-size: 90%; }
    .prose pre code { padding: 0; }
    .prose table { border-collapse: collapse; }
    .prose th, .prose td { border: 1px solid #d0d7de; padding: .25rem .6rem; }
    .prose blockquote { margin-left: 0; padding-left: 1rem; border-left: 3px solid #d0d7de; color: #57606a; }
    .cell { margin: 1rem 0; }
    .row { display: flex; align-items: flex-start; }
    .prompt { flex: 0 0 6rem; padding: .45rem .5rem 0 0; text-align: right; font: 13px/1.4 \(monoFonts); color: #6e7781; }
    .prompt.in { color: #0550ae; }
    .prompt.out { color: #953800; }
    pre { margin: .2rem 0; min-width: 0; flex: 1; white-space: pre-wrap; word-break: break-word; font: 13px/1.4 \(monoFonts); }
    pre .w { display: inline-block; width: 2ch; text-align: center; }
    pre.code { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: .45rem .6rem; }
    pre.stdout, pre.value { padding: .2rem .6rem; }
    pre.stderr { padding: .3rem .6rem; background: #fff1f0; color: #a40e26; border-radius: 4px; }
    .failed pre.code { border-color: #ff8182; }
    figure { margin: .4rem 0; flex: 1; }
    figure img { max-width: 100%; image-rendering: auto; }
    .k { color: #cf222e; } .n { color: #0550ae; } .s { color: #0a3069; } .c { color: #6e7781; font-style: italic; } .f { color: #8250df; }
    """
}

/// Monospace HTML (already escaped) with every wide character in a box exactly two columns
/// wide (`2ch`): Chinese fonts draw a character 1 em wide, not twice a Latin letter, so without it
/// the tables and carets nns lines up by display width would drift apart on the page.
func boxingWideCharacters(_ html: String) -> String {
    guard html.unicodeScalars.contains(where: { DisplayWidth.of($0) == 2 }) else { return html }
    var out = ""
    for c in html {
        if DisplayWidth.of(c) == 2 {
            out += "<span class=\"w\">" + String(c) + "</span>"
        } else {
            out.append(c)
        }
    }
    return out
}

/// Minimal syntax colouring of nns code: keywords, numbers, strings, comments and called names.
enum NotebookHighlighter {
    static let keywords: Set<String> = ["fn", "if", "else", "while", "for", "in", "return", "break",
                                        "continue", "and", "or", "not", "true", "false", "none"]

    /// The code as HTML with `<span>`s around the tokens that get a colour.
    static func html(_ code: String) -> String {
        let chars = Array(code)
        var out = ""
        var i = 0
        func span(_ cls: String, _ text: String) { out += "<span class=\"\(cls)\">\(markupEscaped(text))</span>" }
        while i < chars.count {
            let c = chars[i]
            if c == "#" {
                var j = i
                while j < chars.count && chars[j] != "\n" { j += 1 }
                span("c", String(chars[i..<j]))
                i = j
            } else if c == "\"" {
                var j = i + 1
                while j < chars.count && chars[j] != "\"" && chars[j] != "\n" {
                    j += chars[j] == "\\" ? 2 : 1
                }
                j = min(j + 1, chars.count)
                span("s", String(chars[i..<j]))
                i = j
            } else if c.isNumber && c.isASCII {
                var j = i
                while j < chars.count && (chars[j].isASCII && (chars[j].isNumber || chars[j] == "." || chars[j] == "e"
                                          || ((chars[j] == "-" || chars[j] == "+") && j > i && chars[j - 1] == "e"))) {
                    // Stop before `..` (the range operator).
                    if chars[j] == "." && j + 1 < chars.count && chars[j + 1] == "." { break }
                    j += 1
                }
                span("n", String(chars[i..<j]))
                i = j
            } else if c.isLetter || c == "_" {
                var j = i
                while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
                let word = String(chars[i..<j])
                if keywords.contains(word) {
                    span("k", word)
                } else if j < chars.count && chars[j] == "(" {
                    span("f", word)
                } else {
                    out += markupEscaped(word)
                }
                i = j
            } else {
                out += markupEscaped(String(c))
                i += 1
            }
        }
        return out
    }
}

/// Text without terminal escape sequences (colours, cursor moves) and carriage-return redraws.
func stripEscapes(_ text: String) -> String {
    var out = ""
    var it = text.unicodeScalars.makeIterator()
    while let u = it.next() {
        if u == "\u{1B}" {
            // CSI: ESC [ parameters final-byte (0x40…0x7E).
            guard let next = it.next() else { break }
            if next == "[" {
                while let p = it.next(), !(0x40...0x7E).contains(p.value) {}
            }
            continue
        }
        out.unicodeScalars.append(u)
    }
    return out
}

// Markup escaping: text placed inside HTML or XML (SVG) elements and attribute values, the one
// rule the notebook pages and the SVG pictures share.

/// `text` safe inside an HTML or XML element or a quoted attribute value: `& < > " '` become
/// entities, and the C0 control characters other than tab, newline and carriage return (which
/// XML 1.0 does not allow at all) are left out.
public func markupEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        default:
            if let a = c.asciiValue, a < 32, a != 9, a != 10, a != 13 { continue }
            out.append(c)
        }
    }
    return out
}

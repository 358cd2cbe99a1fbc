// LineScan: a light, forgiving scan of the text left of the cursor for completion — are we in a
// string or comment, which call is still open and which named arguments it already has — plus
// ChainParser, which reads a receiver chain like `net.layers[0]` backwards from its end.

/// What the text left of the cursor is in the middle of.
struct LineScan {
    /// The state at the end of the text.
    enum State: Equatable {
        case code
        /// Inside a string whose opening quote is at this index.
        case string(String.Index)
        case comment
    }

    /// An unclosed `(` and what is known of its arguments so far.
    struct OpenCall: Equatable {
        /// The character offset of the `(`.
        var openParen: Int
        /// Names already given as `name:` at the call's own depth.
        var namedGiven: [String]
    }

    private(set) var state: State = .code
    /// The innermost unclosed bracket, when it is a `(` right after a name (a call).
    private(set) var openCall: OpenCall?

    static func isIdentifier(_ c: Character) -> Bool {
        c == "_" || c.isLetter || c.isNumber
    }

    init(_ text: String) {
        let chars = Array(text)
        // Each open bracket: its character and offset, and the named arguments seen at its depth.
        var stack: [(bracket: Character, offset: Int, named: [String])] = []
        var i = 0
        var index = text.startIndex
        var escaped = false
        while i < chars.count {
            let c = chars[i]
            switch state {
            case .comment: break
            case .string:
                if escaped { escaped = false } else if c == "\\" { escaped = true }
                else if c == "\"" { state = .code }
            case .code:
                switch c {
                case "\"": state = .string(index)
                case "#": state = .comment
                case "(", "[", "{": stack.append((c, i, []))
                case ")", "]", "}": if !stack.isEmpty { stack.removeLast() }
                case ":":
                    // `name:` inside a call's parentheses: a named argument given.
                    var j = i
                    while j > 0 && chars[j - 1] == " " { j -= 1 }
                    var k = j
                    while k > 0 && Self.isIdentifier(chars[k - 1]) { k -= 1 }
                    if k < j, !stack.isEmpty, stack[stack.count - 1].bracket == "(" {
                        stack[stack.count - 1].named.append(String(chars[k..<j]))
                    }
                default: break
                }
            }
            if case .comment = state, c == "\n" { state = .code }
            i += 1
            index = text.index(after: index)
        }
        if let top = stack.last, top.bracket == "(", top.offset > 0,
           Self.isIdentifier(chars[top.offset - 1]) || chars[top.offset - 1] == "]" {
            openCall = OpenCall(openParen: top.offset, namedGiven: top.named)
        }
    }
}

/// Reads `a.b[2].c` backwards from the end of a text into steps, for completion only.
enum ChainParser {
    /// One step of a receiver chain.
    enum Step: Equatable {
        case name(String)
        case index(Int)
    }

    /// The chain ending exactly at the end of `chars`, root first; nil when there is none.
    static func steps(endingAt chars: [Character]) -> [Step]? {
        var steps: [Step] = []
        var end = chars.count
        while true {
            if end > 0 && chars[end - 1] == "]" {
                // `[integer]`
                var j = end - 1
                while j > 0 && (chars[j - 1].isNumber || chars[j - 1] == "-" || chars[j - 1] == " ") {
                    j -= 1
                }
                guard j > 0, chars[j - 1] == "[",
                      let n = Int(String(chars[j..<(end - 1)]).filter { $0 != " " })
                else { return nil }
                steps.append(.index(n))
                end = j - 1
                continue
            }
            var start = end
            while start > 0 && LineScan.isIdentifier(chars[start - 1]) { start -= 1 }
            guard start < end, let first = chars[start...].first, !first.isNumber else { return nil }
            steps.append(.name(String(chars[start..<end])))
            if start > 0 && chars[start - 1] == "." {
                end = start - 1
                continue
            }
            // The root must not itself follow a `.` or another value (`3.x`, `"s".x`).
            return steps.reversed()
        }
    }
}

// KernelQueries: the requests that read the session without running code — completion (the
// prompt's TAB engine), help on the name at the cursor, and whether a cell is complete (from the
// parser's typed "incomplete" flag). Cursors count Unicode scalars, as Jupyter's protocol does.
import NNScript

/// Answers completion, inspection and completeness questions about code in a session.
struct KernelQueries {
    let session: Session

    /// The completions at `cursor`: the candidates and the scalar range of `code` they replace.
    func complete(_ code: String, cursor: Int) -> (matches: [String], start: Int, end: Int) {
        let before = String(String.UnicodeScalarView(code.unicodeScalars.prefix(cursor)))
        let completion = Completer(source: session).complete(before)
        return (completion.candidates, cursor - completion.word.unicodeScalars.count, cursor)
    }

    /// The help text of the name under (or just left of) the cursor; inside a call's parentheses
    /// with no name there, the called function's. nil when there is no name or no help for it.
    func inspect(_ code: String, cursor: Int) -> String? {
        let scalars = Array(code.unicodeScalars)
        let at = min(max(cursor, 0), scalars.count)
        func isName(_ s: Unicode.Scalar) -> Bool { LineScan.isIdentifier(Character(s)) }
        var start = at, end = at
        while start > 0 && isName(scalars[start - 1]) { start -= 1 }
        while end < scalars.count && isName(scalars[end]) { end += 1 }
        var name = String(String.UnicodeScalarView(scalars[start..<end]))
        if !name.isEmpty, start > 0, scalars[start - 1] == ".",
           let steps = ChainParser.steps(endingAt: Array(String(String.UnicodeScalarView(scalars[..<end])))),
           case .name(let root)? = steps.first {
            name = root  // a field: the help of the value it belongs to
        }
        if name.isEmpty || name.first?.isNumber == true {
            let before = String(String.UnicodeScalarView(scalars[..<at]))
            guard let call = LineScan(before).openCall else { return nil }
            let callee = Array(before)[..<call.openParen]
            var k = callee.count
            while k > 0 && LineScan.isIdentifier(callee[k - 1]) { k -= 1 }
            name = String(callee[k...])
        }
        guard !name.isEmpty else { return nil }
        return ReplHelp(source: session).help(name)
    }

    /// What `is_complete_request` answers.
    enum Completeness: Equatable {
        case complete
        /// Unfinished; the indent for the next line.
        case incomplete(indent: String)
        case invalid
    }

    /// Whether `code` runs as it is, needs more lines (the parser ran out of input: an open
    /// bracket, brace or string, or a trailing operator), or can never parse.
    func completeness(_ code: String) -> Completeness {
        if code.trimmingSpaces.isEmpty || ReplCommand.parse(code) != nil { return .complete }
        if session.parses(code) { return .complete }
        guard session.isIncomplete(code) else { return .invalid }
        let lastLine = code.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        var indent = String(lastLine.prefix { $0 == " " || $0 == "\t" })
        if let last = code.trimmingSpaces.last, "{([".contains(last) { indent += "    " }
        return .incomplete(indent: indent)
    }
}

// Lexer: source text → tokens. Statements end at a newline or `;`; a newline is dropped when the
// line ends in an operator, `,` or an open bracket, and anywhere inside `( )` or `[ ]`.

/// Turns source text into tokens, tracking 1-based lines and character columns.
struct Lexer {
    private let chars: [Character]
    private let file: String
    private var index = 0
    private var line = 1
    private var column = 1
    private var tokens: [Token] = []
    /// Open brackets, innermost last; newlines inside `(` and `[` are not statement ends.
    private var open: [Character] = []

    init(_ source: String, file: String) {
        self.chars = Array(source)
        self.file = file
    }

    /// Lexes the whole text; the last token is `.eof`.
    static func tokenize(_ source: String, file: String) throws(ScriptError) -> [Token] {
        var lexer = Lexer(source, file: file)
        return try lexer.run()
    }

    private mutating func run() throws(ScriptError) -> [Token] {
        while index < chars.count {
            let c = chars[index]
            let startLine = line, startColumn = column
            if c == "\n" || c == "\r\n" || c == "\r" {
                advance()
                newline(line: startLine, column: startColumn)
            } else if c == " " || c == "\t" || c.isWhitespace {
                advance()
            } else if c == "#" {
                while index < chars.count, !chars[index].isNewline { advance() }
            } else if c.isASCII, c.isNumber {
                try number(line: startLine, column: startColumn)
            } else if c == "_" || c.isLetter {
                identifier(line: startLine, column: startColumn)
            } else if c == "\"" {
                try string(line: startLine, column: startColumn)
            } else {
                try punctuation(c, line: startLine, column: startColumn)
            }
        }
        add(.eof, "", line: line, column: column)
        return tokens
    }

    private mutating func advance() {
        if chars[index].isNewline {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private func peek(_ offset: Int = 0) -> Character? {
        index + offset < chars.count ? chars[index + offset] : nil
    }

    private mutating func add(_ kind: TokenKind, _ text: String, line: Int, column: Int) {
        tokens.append(Token(kind: kind, text: text, line: line, column: column))
    }

    /// A newline ends a statement unless inside `( )`/`[ ]`, after a continuing token, or repeated.
    private mutating func newline(line: Int, column: Int) {
        if let top = open.last, top == "(" || top == "[" { return }
        guard let last = tokens.last else { return }
        if last.kind == .newline || last.kind == .semicolon || last.kind.continuesLine { return }
        add(.newline, "\\n", line: line, column: column)
    }

    // number → digits ("." digits)? (("e" | "E") ("+" | "-")? digits)?
    private mutating func number(line: Int, column: Int) throws(ScriptError) {
        let start = index
        func digits(_ lexer: inout Lexer) {
            while let d = lexer.peek(), d.isASCII, d.isNumber { lexer.advance() }
        }
        digits(&self)
        if peek() == ".", let d = peek(1), d.isASCII, d.isNumber {
            advance()
            digits(&self)
        }
        if let e = peek(), e == "e" || e == "E" {
            var ahead = 1
            if let s = peek(1), s == "+" || s == "-" { ahead = 2 }
            if let d = peek(ahead), d.isASCII, d.isNumber {
                for _ in 0..<ahead { advance() }
                digits(&self)
            } else {
                // `1e`, `2.5e+`: a number is never followed by a name, so this is an exponent
                // without its digits.
                for _ in 0..<ahead { advance() }
                let text = String(chars[start..<index])
                let found = peek().map { $0.isNewline ? "end of line" : Lexer.shown($0) } ?? "end of input"
                throw ScriptError(phase: .lex, message: "malformed number '\(text)': digits expected after '\(e)' (as in 1e-3), found \(found)",
                                  location: SourceLocation(file: file, line: line, column: column))
            }
        }
        let text = String(chars[start..<index])
        guard let value = Double(text) else {
            throw ScriptError(phase: .lex, message: "malformed number '\(text)'",
                              location: SourceLocation(file: file, line: line, column: column))
        }
        add(.number(value), text, line: line, column: column)
    }

    // identifier → (letter | "_") (letter | digit | "_" | "′")*
    private mutating func identifier(line: Int, column: Int) {
        let start = index
        while let c = peek(), c == "_" || c.isLetter || c.isNumber || c == "′" || c == "'" {
            advance()
        }
        let text = String(chars[start..<index])
        add(TokenKind.keywords[text] ?? .identifier(text), text, line: line, column: column)
    }

    // string → '"' (char | escape)* '"' on one line; escapes \n \t \" \\
    private mutating func string(line: Int, column: Int) throws(ScriptError) {
        let start = index
        advance()
        var value = ""
        while true {
            guard let c = peek(), !c.isNewline else {
                throw ScriptError(phase: .lex, message: "unterminated string (a '\"' is missing before the end of the line)",
                                  location: SourceLocation(file: file, line: line, column: column))
            }
            if c == "\"" { advance(); break }
            if c == "\\" {
                let escapeColumn = self.column
                advance()
                guard let e = peek(), !e.isNewline else { continue }
                switch e {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\"": value.append("\"")
                case "\\": value.append("\\")
                default:
                    throw ScriptError(phase: .lex, message: "unknown escape '\\\(e)' in string (known: \\n \\t \\\" \\\\)",
                                      location: SourceLocation(file: file, line: self.line, column: escapeColumn))
                }
                advance()
            } else {
                value.append(c)
                advance()
            }
        }
        add(.string(value), String(chars[start..<index]), line: line, column: column)
    }

    private mutating func punctuation(_ c: Character, line: Int, column: Int) throws(ScriptError) {
        let next = peek(1)
        var kind: TokenKind
        var length = 1
        switch c {
        case "(": kind = .leftParen; open.append("(")
        case "[": kind = .leftBracket; open.append("[")
        case "{": kind = .leftBrace; open.append("{")
        case ")", "]", "}":
            kind = c == ")" ? .rightParen : c == "]" ? .rightBracket : .rightBrace
            if !open.isEmpty { open.removeLast() }
        case ",": kind = .comma
        case ":": kind = .colon
        case ";": kind = .semicolon
        case "@": kind = .at
        case "^": kind = .caret
        case "%": kind = .percent
        case ".": if next == "." { kind = .dotDot; length = 2 } else { kind = .dot }
        case "+": if next == "=" { kind = .plusEqual; length = 2 } else { kind = .plus }
        case "-": if next == "=" { kind = .minusEqual; length = 2 } else { kind = .minus }
        case "*": if next == "=" { kind = .starEqual; length = 2 } else { kind = .star }
        case "/": if next == "=" { kind = .slashEqual; length = 2 } else { kind = .slash }
        case "=": if next == "=" { kind = .equalEqual; length = 2 } else { kind = .equal }
        case "<": if next == "=" { kind = .lessEqual; length = 2 } else { kind = .less }
        case ">": if next == "=" { kind = .greaterEqual; length = 2 } else { kind = .greater }
        case "!":
            guard next == "=" else {
                throw ScriptError(phase: .lex, message: "unexpected character '!' (write 'not x' for negation, '!=' for not-equal)",
                                  location: SourceLocation(file: file, line: line, column: column))
            }
            kind = .bangEqual; length = 2
        default:
            throw ScriptError(phase: .lex, message: "unexpected character \(Lexer.shown(c))",
                              location: SourceLocation(file: file, line: line, column: column))
        }
        let text = String(chars[index..<(index + length)])
        for _ in 0..<length { advance() }
        add(kind, text, line: line, column: column)
    }

    /// A character for a message: `'x'`, or its code point when it is invisible (NUL, control
    /// codes, odd spaces), so a message never prints a control character.
    static func shown(_ c: Character) -> String {
        if c == " " { return "a space" }
        let visible = c.unicodeScalars.allSatisfy { !$0.properties.isWhitespace && $0.properties.generalCategory != .control
            && $0.properties.generalCategory != .format }
        if visible { return "'\(c)'" }
        return c.unicodeScalars.map { scalar -> String in
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }.joined(separator: " ")
    }
}

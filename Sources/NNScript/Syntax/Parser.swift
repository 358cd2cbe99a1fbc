// Parser: tokens → AST by recursive descent, one method per grammar rule (the rule in a comment
// above it). This file holds the helpers and the statements; Parser+Expressions.swift the rest.

/// A recursive-descent parser over the lexer's tokens.
struct Parser {
    let tokens: [Token]
    let file: String
    var current = 0
    /// How deeply blocks and expressions nest right now; bounded so that no input can exhaust the stack.
    var depth = 0
    static let maximumDepth = 1000

    init(tokens: [Token], file: String) {
        self.tokens = tokens
        self.file = file
    }

    /// Lexes and parses a whole program.
    static func parse(_ source: String, file: String) throws(ScriptError) -> Program {
        var parser = Parser(tokens: try Lexer.tokenize(source, file: file), file: file)
        return try parser.program()
    }

    // MARK: helpers

    var peek: Token { tokens[current] }
    var position: Position { Position(line: peek.line, column: peek.column) }

    func check(_ kind: TokenKind) -> Bool { peek.kind == kind }

    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[current]
        if current < tokens.count - 1 { current += 1 }
        return t
    }

    mutating func match(_ kind: TokenKind) -> Bool {
        if check(kind) { advance(); return true }
        return false
    }

    mutating func skipNewlines() {
        while check(.newline) { advance() }
    }

    /// An error at the current token; at the end of input it marks the source as incomplete.
    func error(_ message: String, at token: Token? = nil) -> ScriptError {
        let t = token ?? peek
        return ScriptError(phase: .parse, message: message,
                           location: SourceLocation(file: file, line: t.line, column: t.column),
                           isIncomplete: t.kind == .eof)
    }

    /// `what expected, found X`.
    func expected(_ what: String) -> ScriptError {
        error("\(what) expected, found \(peek.described)")
    }

    /// Consumes a closing bracket, naming its opener when it is missing.
    mutating func close(_ kind: TokenKind, _ closer: String, opener: Token) throws(ScriptError) {
        if match(kind) { return }
        throw error("'\(closer)' expected (to close '\(opener.text)' at line \(opener.line)), found \(peek.described)")
    }

    mutating func consume(_ kind: TokenKind, _ what: String) throws(ScriptError) -> Token {
        guard check(kind) else { throw expected(what) }
        return advance()
    }

    mutating func identifier(_ what: String) throws(ScriptError) -> (String, Position) {
        guard case .identifier(let name) = peek.kind else { throw expected(what) }
        let p = position
        advance()
        return (name, p)
    }

    // head → expression, before the block of `if`, `while` and `for`
    /// The expression between a keyword and its block. When it is missing, the parser would read
    /// the block's `{ }` as an empty record and then miss the block; say what is missing instead.
    mutating func headExpression(_ what: String, after keyword: String) throws(ScriptError) -> Expr {
        switch peek.kind {
        case .leftBrace where !opensRecord, .newline, .semicolon, .eof:
            throw error("\(what) expected after \(keyword), found \(peek.described)")
        default:
            return try expression()
        }
    }

    /// True when the `{` at hand starts a record literal (`{name: ...}`) rather than a block.
    var opensRecord: Bool {
        guard current + 2 < tokens.count, tokens[current + 2].kind == .colon else { return false }
        switch tokens[current + 1].kind {
        case .identifier, .string: return true
        default: return false
        }
    }

    /// Enters one level of nesting, refusing input nested deeper than `maximumDepth`.
    mutating func enter() throws(ScriptError) {
        depth += 1
        if depth > Parser.maximumDepth {
            throw error("nesting too deep (more than \(Parser.maximumDepth) levels of brackets, blocks or operators in one chain; split a long expression into several statements)")
        }
    }

    // MARK: statements

    // program → (statement (NEWLINE | ";"))* EOF
    mutating func program() throws(ScriptError) -> Program {
        var statements: [Stmt] = []
        var lastHidden = false
        while true {
            while check(.newline) || check(.semicolon) { advance() }
            if check(.eof) { break }
            statements.append(try statement())
            lastHidden = false
            if match(.semicolon) {
                lastHidden = true
            } else if !match(.newline) && !check(.eof) && !endsWithBlock(statements.last) {
                throw expected("end of statement (newline or ';')")
            }
        }
        return Program(statements: statements, lastHidden: lastHidden)
    }

    private func endsWithBlock(_ s: Stmt?) -> Bool {
        switch s {
        case .ifElse, .whileLoop, .forLoop, .function: return true
        default: return false
        }
    }

    // block → "{" (statement (NEWLINE | ";"))* "}"
    mutating func block() throws(ScriptError) -> [Stmt] {
        guard check(.leftBrace) else { throw expected("'{'") }
        let opener = advance()
        try enter()
        defer { depth -= 1 }
        var statements: [Stmt] = []
        while true {
            while check(.newline) || check(.semicolon) { advance() }
            if check(.rightBrace) || check(.eof) { break }
            statements.append(try statement())
            if !match(.semicolon) && !match(.newline) && !check(.rightBrace)
                && !endsWithBlock(statements.last) {
                throw expected("end of statement (newline or ';')")
            }
        }
        try close(.rightBrace, "}", opener: opener)
        return statements
    }

    // statement → fnDecl | ifStmt | whileStmt | forStmt | "break" | "continue"
    //           | "return" expression? | expression (assignOp expression)?
    mutating func statement() throws(ScriptError) -> Stmt {
        let p = position
        switch peek.kind {
        case .kwFn:
            if case .identifier = tokens[min(current + 1, tokens.count - 1)].kind {
                return .function(try functionLiteral())
            }
        case .kwIf: return try ifStatement()
        case .kwWhile:
            advance()
            let condition = try headExpression("condition", after: "'while'")
            return .whileLoop(condition, try block(), p)
        case .kwFor:
            advance()
            let (name, namePosition) = try identifier("loop variable name")
            _ = try consume(.kwIn, "'in'")
            let sequence = try headExpression("range, tensor or list to loop over", after: "'in'")
            return .forLoop(variable: name, namePosition, sequence, try block())
        case .kwBreak: advance(); return .breakLoop(p)
        case .kwContinue: advance(); return .continueLoop(p)
        case .kwReturn:
            advance()
            if check(.newline) || check(.semicolon) || check(.rightBrace) || check(.eof) {
                return .returnValue(nil, p)
            }
            return .returnValue(try expression(), p)
        case .kwElse:
            throw error("'else' without 'if' (else must follow the '}' of an if block)")
        default: break
        }
        let target = try expression()
        let op: AssignOp
        switch peek.kind {
        case .equal: op = .plain
        case .plusEqual: op = .add
        case .minusEqual: op = .subtract
        case .starEqual: op = .multiply
        case .slashEqual: op = .divide
        default: return .expression(target)
        }
        let opToken = advance()
        switch target {
        case .name, .member, .index: break
        default:
            throw error("cannot assign to this expression (a name, x.field or x[i] expected before '\(opToken.text)')", at: opToken)
        }
        let value = try expression()
        return .assign(target: target, op, value, Position(line: opToken.line, column: opToken.column))
    }

    // ifStmt → "if" expression block ("else" (ifStmt | block))?
    mutating func ifStatement() throws(ScriptError) -> Stmt {
        let p = position
        advance()
        let condition = try headExpression("condition", after: "'if'")
        let then = try block()
        // `}` NEWLINE `else` reads as one statement too.
        var ahead = current
        while tokens[ahead].kind == .newline { ahead += 1 }
        guard tokens[ahead].kind == .kwElse else { return .ifElse(condition, then, nil, p) }
        current = ahead
        advance()
        if check(.kwIf) {
            try enter()
            defer { depth -= 1 }
            return .ifElse(condition, then, [try ifStatement()], p)
        }
        return .ifElse(condition, then, try block(), p)
    }
}

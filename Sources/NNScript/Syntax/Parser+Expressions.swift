// Parser, expressions: one method per precedence level, loosest first:
// or · and · not · comparisons · `..` · `+ -` · `* / % @` · unary `-` · `^` · call/index/member.

extension Parser {
    // expression → or
    mutating func expression() throws(ScriptError) -> Expr {
        try enter()
        defer { depth -= 1 }
        return try or()
    }

    // or → and ("or" and)*
    mutating func or() throws(ScriptError) -> Expr {
        var left = try and()
        let outer = depth
        defer { depth = outer }
        while check(.kwOr) {
            let p = position
            advance()
            try enter()   // a long chain nests as deeply as brackets do
            left = .or(left, try and(), p)
        }
        return left
    }

    // and → not ("and" not)*
    mutating func and() throws(ScriptError) -> Expr {
        var left = try not()
        let outer = depth
        defer { depth = outer }
        while check(.kwAnd) {
            let p = position
            advance()
            try enter()
            left = .and(left, try not(), p)
        }
        return left
    }

    // not → "not" not | comparison
    mutating func not() throws(ScriptError) -> Expr {
        if check(.kwNot) {
            let p = position
            advance()
            try enter()
            defer { depth -= 1 }
            return .unary(.not, try not(), p)
        }
        return try comparison()
    }

    // comparison → range (("==" | "!=" | "<" | "<=" | ">" | ">=") range)?
    mutating func comparison() throws(ScriptError) -> Expr {
        let left = try range()
        guard let op = comparisonOperator(peek.kind) else { return left }
        let p = position
        advance()
        let right = try range()
        if comparisonOperator(peek.kind) != nil {
            throw error("comparisons cannot be chained: write 'a < b and b < c'")
        }
        return .binary(op, left, right, p)
    }

    private func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .equalEqual: return .equal
        case .bangEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        default: return nil
        }
    }

    // range → additive (".." additive)?
    mutating func range() throws(ScriptError) -> Expr {
        let left = try additive()
        guard check(.dotDot) else { return left }
        let p = position
        advance()
        return .range(left, try additive(), p)
    }

    // additive → multiplicative (("+" | "-") multiplicative)*
    mutating func additive() throws(ScriptError) -> Expr {
        var left = try multiplicative()
        let outer = depth
        defer { depth = outer }
        while true {
            let op: BinaryOperator
            switch peek.kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return left
            }
            let p = position
            advance()
            try enter()
            left = .binary(op, left, try multiplicative(), p)
        }
    }

    // multiplicative → unary (("*" | "/" | "%" | "@") unary)*
    mutating func multiplicative() throws(ScriptError) -> Expr {
        var left = try unary()
        let outer = depth
        defer { depth = outer }
        while true {
            let op: BinaryOperator
            switch peek.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            case .percent: op = .modulo
            case .at: op = .matmul
            default: return left
            }
            let p = position
            advance()
            try enter()
            left = .binary(op, left, try unary(), p)
        }
    }

    // unary → "-" unary | power
    mutating func unary() throws(ScriptError) -> Expr {
        if check(.minus) {
            let p = position
            advance()
            try enter()
            defer { depth -= 1 }
            let operand = try unary()
            if case .number(let x, _) = operand { return .number(-x, p) }
            return .unary(.negate, operand, p)
        }
        return try power()
    }

    // power → postfix ("^" unary)?        (right-associative: 2 ^ 3 ^ 2 = 2 ^ 9; 2 ^ -1 = 0.5)
    mutating func power() throws(ScriptError) -> Expr {
        let base = try postfix()
        guard check(.caret) else { return base }
        let p = position
        advance()
        try enter()
        defer { depth -= 1 }
        return .binary(.power, base, try unary(), p)
    }

    // postfix → primary ("(" arguments ")" | "[" indices "]" | "." IDENTIFIER)*
    mutating func postfix() throws(ScriptError) -> Expr {
        var e = try primary()
        let outer = depth
        defer { depth = outer }
        while true {
            if check(.leftParen) || check(.leftBracket) || check(.dot) { try enter() }
            switch peek.kind {
            case .leftParen:
                e = try call(e)
            case .leftBracket:
                let opener = advance()
                let items = try indices(opener)
                e = .index(e, items, Position(line: opener.line, column: opener.column))
            case .dot:
                advance()
                let (name, p) = try identifier("field name after '.'")
                e = .member(e, name, p)
            default:
                return e
            }
        }
    }

    // arguments → (expression ("," expression)*)? ("," IDENTIFIER ":" expression)*   (positional first)
    mutating func call(_ callee: Expr) throws(ScriptError) -> Expr {
        let opener = advance()
        var positional: [Expr] = []
        var named: [(String, Expr, Position)] = []
        while !check(.rightParen) {
            if case .identifier(let name) = peek.kind, tokens[current + 1].kind == .colon {
                let p = position
                advance()
                advance()
                if named.contains(where: { $0.0 == name }) {
                    throw error("argument '\(name)' given twice", at: tokens[current - 2])
                }
                named.append((name, try expression(), p))
            } else {
                if !named.isEmpty {
                    throw error("positional argument after named arguments (positional arguments come first)")
                }
                positional.append(try expression())
            }
            if !match(.comma) { break }
        }
        try close(.rightParen, ")", opener: opener)
        return .call(callee, positional: positional, named: named, callee.position)
    }

    // indices → index ("," index)* ; index → expression | expression? ":" expression? (":" expression?)?
    mutating func indices(_ opener: Token) throws(ScriptError) -> [IndexItem] {
        var items: [IndexItem] = []
        repeat {
            if check(.rightBracket) { break }
            var start: Expr? = nil
            if !check(.colon) { start = try expression() }
            if match(.colon) {
                var stop: Expr? = nil, step: Expr? = nil
                if !check(.colon) && !check(.comma) && !check(.rightBracket) { stop = try expression() }
                if match(.colon), !check(.comma) && !check(.rightBracket) { step = try expression() }
                items.append(.slice(start: start, stop: stop, step: step))
            } else if let s = start {
                items.append(.at(s))
            }
        } while match(.comma)
        try close(.rightBracket, "]", opener: opener)
        if items.isEmpty { throw error("index expected inside '[ ]'", at: tokens[current - 1]) }
        return items
    }

    // primary → NUMBER | STRING | "true" | "false" | "none" | IDENTIFIER | "(" expression ")"
    //         | "[" (expression ("," expression)* ","?)? "]" | "{" (key ":" expression ",")* "}" | function
    mutating func primary() throws(ScriptError) -> Expr {
        let p = position
        switch peek.kind {
        case .number(let x): advance(); return .number(x, p)
        case .string(let s): advance(); return .string(s, p)
        case .kwTrue: advance(); return .bool(true, p)
        case .kwFalse: advance(); return .bool(false, p)
        case .kwNone: advance(); return .none(p)
        case .identifier(let name): advance(); return .name(name, p)
        case .leftParen:
            let opener = advance()
            let e = try expression()
            try close(.rightParen, ")", opener: opener)
            return e
        case .leftBracket:
            let opener = advance()
            var elements: [Expr] = []
            while !check(.rightBracket) {
                elements.append(try expression())
                if !match(.comma) { break }
            }
            try close(.rightBracket, "]", opener: opener)
            return .bracket(elements, p)
        case .leftBrace:
            return try record()
        case .kwFn:
            return .function(try functionLiteral())
        default:
            throw expected("expression")
        }
    }

    // record → "{" ((IDENTIFIER | STRING) ":" expression ("," ...)*)? "}"   (newlines allowed inside)
    mutating func record() throws(ScriptError) -> Expr {
        let p = position
        let opener = advance()
        var fields: [(String, Expr)] = []
        skipNewlines()
        while !check(.rightBrace) {
            let key: String
            switch peek.kind {
            case .identifier(let name): key = name
            case .string(let s): key = s
            default: throw expected("field name")
            }
            advance()
            _ = try consume(.colon, "':' after field name '\(key)'")
            fields.append((key, try expression()))
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        try close(.rightBrace, "}", opener: opener)
        return .record(fields, p)
    }

    // function → "fn" IDENTIFIER? "(" (parameter ("," parameter)*)? ")" ("=" expression | block)
    // parameter → IDENTIFIER ("=" expression)?
    mutating func functionLiteral() throws(ScriptError) -> FunctionDecl {
        let p = position
        advance()
        var name: String? = nil
        if case .identifier(let n) = peek.kind { name = n; advance() }
        guard check(.leftParen) else { throw expected("'(' and the parameters") }
        let opener = advance()
        var parameters: [Parameter] = []
        while !check(.rightParen) {
            let (pname, pp) = try identifier("parameter name")
            if parameters.contains(where: { $0.name == pname }) {
                throw error("parameter '\(pname)' appears twice", at: tokens[current - 1])
            }
            var defaultValue: Expr? = nil
            if match(.equal) { defaultValue = try expression() }
            else if parameters.last?.defaultValue != nil {
                throw error("parameter '\(pname)' needs a default value (it follows one that has a default)", at: tokens[current - 1])
            }
            parameters.append(Parameter(name: pname, defaultValue: defaultValue, position: pp))
            if !match(.comma) { break }
        }
        try close(.rightParen, ")", opener: opener)
        let body: [Stmt]
        if check(.equal) {
            let eq = advance()
            let e = try expression()
            body = [.returnValue(e, Position(line: eq.line, column: eq.column))]
        } else if check(.leftBrace) {
            body = try block()
        } else {
            throw expected("'=' or '{' (the function body)")
        }
        return FunctionDecl(name: name, parameters: parameters, body: body, position: p)
    }
}

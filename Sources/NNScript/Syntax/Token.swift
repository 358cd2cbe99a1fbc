// Token: the lexer's output — a kind, the exact text and where it starts (1-based line/column,
// columns counted in characters so `θ` is one column).

/// The kinds of tokens of nns.
enum TokenKind: Equatable {
    case number(Double)
    case string(String)
    case identifier(String)
    // Keywords.
    case kwFn, kwIf, kwElse, kwWhile, kwFor, kwIn, kwBreak, kwContinue, kwReturn
    case kwAnd, kwOr, kwNot, kwTrue, kwFalse, kwNone
    // Brackets.
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    // Punctuation and operators.
    case comma, dot, colon, semicolon, newline
    case plus, minus, star, slash, percent, caret, at, dotDot
    case equal, plusEqual, minusEqual, starEqual, slashEqual
    case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    case eof

    /// The keywords by spelling.
    static let keywords: [String: TokenKind] = [
        "fn": .kwFn, "if": .kwIf, "else": .kwElse, "while": .kwWhile, "for": .kwFor, "in": .kwIn,
        "break": .kwBreak, "continue": .kwContinue, "return": .kwReturn, "and": .kwAnd,
        "or": .kwOr, "not": .kwNot, "true": .kwTrue, "false": .kwFalse, "none": .kwNone,
    ]

    /// True when a line ending in this token continues on the next line.
    var continuesLine: Bool {
        switch self {
        case .comma, .dot, .colon, .leftParen, .leftBracket, .leftBrace,
             .plus, .minus, .star, .slash, .percent, .caret, .at, .dotDot,
             .equal, .plusEqual, .minusEqual, .starEqual, .slashEqual,
             .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual,
             .kwAnd, .kwOr, .kwNot:
            return true
        case .number, .string, .identifier, .kwFn, .kwIf, .kwElse, .kwWhile, .kwFor, .kwIn,
             .kwBreak, .kwContinue, .kwReturn, .kwTrue, .kwFalse, .kwNone,
             .rightParen, .rightBracket, .rightBrace, .semicolon, .newline, .eof:
            return false
        }
    }
}

/// One token with its text and position.
struct Token {
    let kind: TokenKind
    /// The characters as written (for messages).
    let text: String
    let line: Int
    let column: Int

    /// How messages name this token: `'+'`, `number 3`, `end of line`, `end of input`.
    var described: String {
        switch kind {
        case .newline: return "end of line"
        case .eof: return "end of input"
        case .number: return "number \(text)"
        case .string: return "string \(text)"
        case .identifier(let name): return "name '\(name)'"
        default: return "'\(text)'"
        }
    }
}

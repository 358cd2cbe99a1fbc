// AST: the parsed program. Expressions and statements are enums carrying their source position;
// functions are classes so the resolver can attach each one's scope (its slots) to it.

/// A 1-based line and character column inside the file being compiled.
struct Position: Equatable {
    let line: Int
    let column: Int
}

/// Unary operators.
enum UnaryOp { case negate, not }

/// Binary operators that evaluate both sides (the logical ones short-circuit separately).
enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", power = "^"
    case matmul = "@"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

/// One entry of an index expression.
enum IndexItem {
    case at(Expr)
    case slice(start: Expr?, stop: Expr?, step: Expr?)
}

/// An expression.
indirect enum Expr {
    case number(Double, Position)
    case string(String, Position)
    case bool(Bool, Position)
    case none(Position)
    case name(String, Position)
    case unary(UnaryOp, Expr, Position)
    case binary(BinaryOperator, Expr, Expr, Position)
    case and(Expr, Expr, Position)
    case or(Expr, Expr, Position)
    case range(Expr, Expr, Position)
    case call(Expr, positional: [Expr], named: [(String, Expr, Position)], Position)
    case index(Expr, [IndexItem], Position)
    case member(Expr, String, Position)
    case bracket([Expr], Position)
    case record([(String, Expr)], Position)
    case function(FunctionDecl)

    /// Where the expression starts (its operator for binary and postfix forms).
    var position: Position {
        switch self {
        case .number(_, let p), .string(_, let p), .bool(_, let p), .none(let p), .name(_, let p),
             .unary(_, _, let p), .binary(_, _, _, let p), .and(_, _, let p), .or(_, _, let p),
             .range(_, _, let p), .call(_, _, _, let p), .index(_, _, let p), .member(_, _, let p),
             .bracket(_, let p), .record(_, let p):
            return p
        case .function(let f):
            return f.position
        }
    }
}

/// Compound assignment operators.
enum AssignOp { case plain, add, subtract, multiply, divide }

/// A statement.
indirect enum Stmt {
    case expression(Expr)
    case assign(target: Expr, AssignOp, Expr, Position)
    case function(FunctionDecl)
    case ifElse(Expr, [Stmt], [Stmt]?, Position)
    case whileLoop(Expr, [Stmt], Position)
    case forLoop(variable: String, Position, Expr, [Stmt])
    case breakLoop(Position)
    case continueLoop(Position)
    case returnValue(Expr?, Position)
}

/// One parameter of a user function.
struct Parameter {
    let name: String
    let defaultValue: Expr?
    let position: Position
}

/// A function literal or declaration; the resolver fills in `scope`.
final class FunctionDecl {
    /// The declared name; nil for `fn(u) = ...`.
    let name: String?
    let parameters: [Parameter]
    /// The body; a one-liner `fn f(x) = e` is `[return e]`.
    let body: [Stmt]
    let position: Position
    /// Slots and captures, set by the resolver.
    var scope: FunctionScope?

    init(name: String?, parameters: [Parameter], body: [Stmt], position: Position) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.position = position
    }
}

/// A parsed program: its statements, and whether the last one ended in `;` (hiding its value).
struct Program {
    let statements: [Stmt]
    let lastHidden: Bool
}

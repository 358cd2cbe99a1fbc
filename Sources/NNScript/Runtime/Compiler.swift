// Compiler: turns the resolved AST into Swift closures over frames — each statement an `Exec`,
// each expression an `Eval`. Names were resolved to slots before this runs, so a variable read
// is one pointer load. This file holds the program, statements and loops.

/// Compiles one program (a script or a REPL cell) against an interpreter.
final class Compiler {
    let interpreter: Interpreter
    let file: String
    /// The function being compiled (the top level has only temporaries).
    var scope: FunctionScope
    var loopDepth = 0

    init(interpreter: Interpreter, file: String, topLevel: FunctionScope) {
        self.interpreter = interpreter
        self.file = file
        self.scope = topLevel
    }

    func location(_ p: Position) -> SourceLocation {
        SourceLocation(file: file, line: p.line, column: p.column)
    }

    func compileError(_ message: String, _ p: Position) -> ScriptError {
        ScriptError(phase: .parse, message: message, location: location(p))
    }

    /// The statements to run, and the final expression whose value `run` returns (if shown).
    func program(_ program: Program) throws(ScriptError) -> (Exec, Eval?) {
        var statements = program.statements
        var last: Eval? = nil
        if !program.lastHidden, case .expression(let e)? = statements.last {
            statements.removeLast()
            var execs: [ExecBox] = []
            for s in statements { execs.append(ExecBox(run: try statement(s))) }
            last = try expression(e)
            return (sequence(execs), last)
        }
        var execs: [ExecBox] = []
        for s in statements { execs.append(ExecBox(run: try statement(s))) }
        return (sequence(execs), nil)
    }

    /// One Exec running `execs` in order, stopping at break/continue/return. Built as a balanced
    /// tree of pairs: closures kept in arrays would be called through reabstraction thunks.
    func sequence(_ execs: [ExecBox]) -> Exec {
        switch execs.count {
        case 0: return { _ in .normal }
        case 1: return execs[0].run
        default:
            let middle = execs.count / 2
            let a = sequence(Array(execs[..<middle])), b = sequence(Array(execs[middle...]))
            return { f throws(ScriptError) in
                let r = try a(f)
                if r == .normal { return try b(f) }
                return r
            }
        }
    }

    func block(_ statements: [Stmt]) throws(ScriptError) -> Exec {
        var execs: [ExecBox] = []
        for (i, s) in statements.enumerated() {
            if let fused = try guardReturn(s, Array(statements[(i + 1)...])) {
                execs.append(ExecBox(run: fused))
                return sequence(execs)
            }
            execs.append(ExecBox(run: try statement(s)))
        }
        return sequence(execs)
    }

    /// `return a op b` for + - * / in one closure: the operator's number case is computed where
    /// the value is returned, one closure call fewer (`return fib(n - 1) + fib(n - 2)`).
    private func returnArithmetic(_ e: Expr) throws(ScriptError) -> Exec? {
        guard case .binary(let op, let a, let b, let p) = e else { return nil }
        switch op {
        case .add, .subtract, .multiply, .divide: break
        case .modulo, .power, .matmul, .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return nil
        }
        let left = try operand(a), right = try operand(b)
        let loc = location(p)
        let slot = interpreter.returnSlot
        return { f throws(ScriptError) in
            let u = try fetch(left, f), v = try fetch(right, f)
            if case .number(let x) = u, case .number(let y) = v {
                slot.store(.number(Operators.arithmetic(op, x, y)))
                return .returned
            }
            do { slot.store(try Operators.binary(op, u, v)) } catch { throw located(error, loc) }
            return .returned
        }
    }

    /// `if c { return e }` and the statements after it as one closure — the base case of a
    /// recursion (`if n < 2 { return n }`) then costs no calls through the block, the `then`
    /// branch and the `return` statement. nil when `s` is not of that form.
    private func guardReturn(_ s: Stmt, _ rest: [Stmt]) throws(ScriptError) -> Exec? {
        guard !scope.isTopLevel, case .ifElse(let c, let then, nil, _) = s, then.count == 1,
              case .returnValue(let e, _) = then[0] else { return nil }
        let value = try e.map { x throws(ScriptError) in try operand(x) } ?? .constant(.none)
        let slot = interpreter.returnSlot
        let after = try block(rest)
        if case .binary(let op, let l, let r, let p) = c, Operators.isComparison(op) {
            let left = try operand(l), right = try operand(r)
            let loc = location(p)
            return { f throws(ScriptError) in
                let yes: Bool
                if let x = peekNumber(left, f), let y = peekNumber(right, f) {
                    yes = Operators.arithmetic(op, x, y) != 0
                } else {
                    let u = try fetch(left, f), v = try fetch(right, f)
                    do { yes = try Operators.truth(try Operators.binary(op, u, v), "if") }
                    catch { throw located(error, loc) }
                }
                if yes {
                    slot.store(try fetch(value, f))
                    return .returned
                }
                return try after(f)
            }
        }
        let test = try condition(c, "if")
        return { f throws(ScriptError) in
            if try test(f) {
                slot.store(try fetch(value, f))
                return .returned
            }
            return try after(f)
        }
    }

    func statement(_ s: Stmt) throws(ScriptError) -> Exec {
        switch s {
        case .expression(let e):
            let code = try expression(e)
            return { f throws(ScriptError) in _ = try code(f); return .normal }
        case .assign(let target, let op, let value, let p):
            return try assignment(target, op, value, p)
        case .function(let decl):
            let make = try function(decl)
            let store = try writer(decl.name ?? "<fn>", decl.position)
            return { f throws(ScriptError) in
                try store(f, try make(f))
                return .normal
            }
        case .ifElse(.binary(let op, let l, let r, let p), let a, let b, _) where Operators.isComparison(op):
            // `if x < y`: the comparison is read inline, one closure call fewer per test.
            let left = try operand(l), right = try operand(r)
            let loc = location(p)
            let then = try block(a)
            guard let b else {
                return { f throws(ScriptError) in
                    if let x = peekNumber(left, f), let y = peekNumber(right, f) {
                        return Operators.arithmetic(op, x, y) != 0 ? try then(f) : .normal
                    }
                    let u = try fetch(left, f), v = try fetch(right, f)
                    if case .number(let x) = u, case .number(let y) = v {
                        return Operators.arithmetic(op, x, y) != 0 ? try then(f) : .normal
                    }
                    let yes: Bool
                    do { yes = try Operators.truth(try Operators.binary(op, u, v), "if") }
                    catch { throw located(error, loc) }
                    return yes ? try then(f) : .normal
                }
            }
            let otherwise = try block(b)
            return { f throws(ScriptError) in
                if let x = peekNumber(left, f), let y = peekNumber(right, f) {
                    return Operators.arithmetic(op, x, y) != 0 ? try then(f) : try otherwise(f)
                }
                let u = try fetch(left, f), v = try fetch(right, f)
                let yes: Bool
                if case .number(let x) = u, case .number(let y) = v {
                    yes = Operators.arithmetic(op, x, y) != 0
                } else {
                    do { yes = try Operators.truth(try Operators.binary(op, u, v), "if") }
                    catch { throw located(error, loc) }
                }
                return yes ? try then(f) : try otherwise(f)
            }
        case .ifElse(let c, let a, let b, _):
            let test = try condition(c, "if")
            let then = try block(a)
            guard let b else {
                return { f throws(ScriptError) in try test(f) ? try then(f) : .normal }
            }
            let otherwise = try block(b)
            return { f throws(ScriptError) in try test(f) ? try then(f) : try otherwise(f) }
        case .whileLoop(let c, let body, let p):
            return try whileLoop(c, body, p)
        case .forLoop(let v, let p, let sequence, let body):
            return try forLoop(v, p, sequence, body)
        case .breakLoop(let p):
            guard loopDepth > 0 else { throw compileError("'break' outside a loop", p) }
            return { _ in .breakLoop }
        case .continueLoop(let p):
            guard loopDepth > 0 else { throw compileError("'continue' outside a loop", p) }
            return { _ in .continueLoop }
        case .returnValue(let e, let p):
            guard !scope.isTopLevel else { throw compileError("'return' outside a function", p) }
            let slot = interpreter.returnSlot
            guard let e else { return { _ in slot.pointee = .none; return .returned } }
            if let fused = try returnArithmetic(e) { return fused }
            let value = try operand(e)
            if value.kind != .code {
                return { f throws(ScriptError) in
                    slot.store(try fetch(value, f))
                    return .returned
                }
            }
            let code = value.code
            return { f throws(ScriptError) in
                slot.store(try code(f))
                return .returned
            }
        }
    }

    private func whileLoop(_ c: Expr, _ body: [Stmt], _ p: Position) throws(ScriptError) -> Exec {
        let test = try condition(c, "while")
        loopDepth += 1
        let run = try block(body)
        loopDepth -= 1
        let interrupt = interpreter.context.interrupt
        let loc = location(p)
        return { f throws(ScriptError) in
            while try test(f) {
                if interrupt.isRaised { throw located(ScriptError.interrupted, loc) }
                switch try run(f) {
                case .normal, .continueLoop: continue
                case .breakLoop: return .normal
                case .returned: return .returned
                }
            }
            return .normal
        }
    }

    private func forLoop(_ name: String, _ p: Position, _ sequence: Expr, _ body: [Stmt]) throws(ScriptError) -> Exec {
        let store = try target(name, p)
        let interrupt = interpreter.context.interrupt
        let loc = location(sequence.position)
        if case .range(let a, let b, _) = sequence {
            let low = try expression(a), high = try expression(b)
            loopDepth += 1
            let run = try block(body)
            loopDepth -= 1
            // A lazy range: `for i in 0..3000000` allocates nothing.
            return { f throws(ScriptError) in
                let lo = try rangeBound(try low(f), loc), hi = try rangeBound(try high(f), loc)
                var i = lo
                while i < hi {
                    if interrupt.isRaised { throw located(ScriptError.interrupted, loc) }
                    try put(store, f, .number(i))
                    switch try run(f) {
                    case .normal, .continueLoop: break
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    }
                    i += 1
                }
                return .normal
            }
        }
        let items = try expression(sequence)
        loopDepth += 1
        let run = try block(body)
        loopDepth -= 1
        let context = interpreter.context
        return { f throws(ScriptError) in
            let s = try items(f)
            var i = 0
            while true {
                if interrupt.isRaised { throw located(ScriptError.interrupted, loc) }
                guard let item = try Access.element(s, i, context: context, at: loc) else { return .normal }
                try put(store, f, item)
                switch try run(f) {
                case .normal, .continueLoop: break
                case .breakLoop: return .normal
                case .returned: return .returned
                }
                i += 1
            }
        }
    }
}

/// Attaches a location to an error that has none yet (errors from built-ins).
@inline(never)
func located(_ error: ScriptError, _ loc: SourceLocation) -> ScriptError {
    if error.location != nil { return error }
    var e = error
    e.location = loc
    return e
}

/// A range bound: a number (bools count as 0/1).
func rangeBound(_ v: Value, _ loc: SourceLocation) throws(ScriptError) -> Double {
    if let x = Operators.numeric(v) { return x }
    throw ScriptError(phase: .runtime, message: "'..' needs numbers, got \(v.kindName)", location: loc)
}

/// `located` for the untyped errors that `do`/`catch` blocks see.
@inline(never)
func located(_ error: any Error, _ loc: SourceLocation) -> ScriptError {
    located(Interpreter.scriptError(error), loc)
}

// Compiler, expressions: constants, names, operators (with number + number fast paths),
// conditions compiled straight to Bool, literals, index and member reads.

import TensorKit

extension Compiler {
    func expression(_ e: Expr) throws(ScriptError) -> Eval {
        switch e {
        case .number(let x, _): return { _ in .number(x) }
        case .string(let s, _): return { _ in .string(s) }
        case .bool(let b, _): return { _ in .bool(b) }
        case .none: return { _ in .none }
        case .name: return eval(try operand(e))
        case .unary(.negate, let a, let p):
            let code = try expression(a)
            let loc = location(p)
            return { f throws(ScriptError) in
                let v = try code(f)
                if case .number(let x) = v { return .number(-x) }
                do { return try Operators.negate(v) } catch { throw located(error, loc) }
            }
        case .unary(.not, _, _), .and, .or:
            let test = try condition(e, "'\(e.operatorName)'")
            return { f throws(ScriptError) in .bool(try test(f)) }
        case .binary(let op, let a, let b, let p):
            return try binary(op, a, b, p)
        case .range(let a, let b, let p):
            let low = try expression(a), high = try expression(b)
            let loc = location(p)
            return { f throws(ScriptError) in
                let lo = try rangeBound(try low(f), loc), hi = try rangeBound(try high(f), loc)
                do { return .tensor(try Access.rangeTensor(lo, hi)) } catch { throw located(error, loc) }
            }
        case .call(let callee, let positional, let named, let p):
            return try call(callee, positional, named, p)
        case .index(let base, let items, let p):
            if items.count == 1, case .at(let i) = items[0] {
                // x[i]: no index array, vectors and lists read directly.
                let b = try operand(base), index = try operand(i)
                let loc = location(p)
                let context = interpreter.context
                return { f throws(ScriptError) in
                    if let x = peekNumber(index, f), let element = peekVectorElement(b, f, x) {
                        return .number(element)
                    }
                    let container = try fetch(b, f), at = try fetch(index, f)
                    if case .tensor(let t) = container, t.rank == 1, case .number(let x) = at,
                       x >= 0, x < Double(t.count), x == x.rounded(.towardZero) {
                        return .number(t.storage[Int(x)])
                    }
                    do { return try Access.index(container, [.at(at)], context: context) }
                    catch { throw located(error, loc) }
                }
            }
            let code = try expression(base)
            let indices = try indexCode(items)
            let loc = location(p)
            let context = interpreter.context
            return { f throws(ScriptError) in
                let b = try code(f)
                let i = try indices(f)
                do { return try Access.index(b, i, context: context) } catch { throw located(error, loc) }
            }
        case .member(let base, let name, let p):
            let code = try expression(base)
            let loc = location(p)
            let context = interpreter.context
            return { f throws(ScriptError) in
                let b = try code(f)
                do { return try Access.member(b, name, context: context) } catch { throw located(error, loc) }
            }
        case .bracket(let items, let p):
            var codes: [EvalBox] = []
            for item in items { codes.append(EvalBox(run: try expression(item))) }
            let loc = location(p)
            // Rows written as literals must line up; tensors held in variables that do not
            // (`validation: [Xv, Yv]`) make a list instead.
            let writtenRows = items.contains { if case .bracket = $0 { return true } else { return false } }
            return { f throws(ScriptError) in
                var values: [Value] = []
                values.reserveCapacity(codes.count)
                for c in codes { values.append(try c.run(f)) }
                do { return try Access.bracket(values, writtenRows: writtenRows) } catch { throw located(error, loc) }
            }
        case .record(let fields, _):
            var codes: [(String, EvalBox)] = []
            for (k, v) in fields { codes.append((k, EvalBox(run: try expression(v)))) }
            return { f throws(ScriptError) in
                let r = RecordBox()
                for (k, c) in codes { r[k] = try c.run(f) }
                return .record(r)
            }
        case .function(let decl):
            return try function(decl)
        }
    }

    /// Index entries compiled to one closure giving their values.
    func indexCode(_ items: [IndexItem]) throws(ScriptError) -> (Frame) throws(ScriptError) -> [IndexValue] {
        struct Entry {
            let a: Operand?, b: Operand?, c: Operand?
            let isSlice: Bool
        }
        var codes: [Entry] = []
        for item in items {
            switch item {
            case .at(let e): codes.append(Entry(a: try operand(e), b: nil, c: nil, isSlice: false))
            case .slice(let a, let b, let c):
                codes.append(Entry(a: try a.map { e throws(ScriptError) in try operand(e) },
                                   b: try b.map { e throws(ScriptError) in try operand(e) },
                                   c: try c.map { e throws(ScriptError) in try operand(e) }, isSlice: true))
            }
        }
        return { f throws(ScriptError) in
            var out: [IndexValue] = []
            out.reserveCapacity(codes.count)
            for entry in codes {
                if !entry.isSlice, let a = entry.a {
                    out.append(.at(try fetch(a, f)))
                } else {
                    var a: Value? = nil, b: Value? = nil, c: Value? = nil
                    if let x = entry.a { a = try fetch(x, f) }
                    if let x = entry.b { b = try fetch(x, f) }
                    if let x = entry.c { c = try fetch(x, f) }
                    out.append(.slice(a, b, c))
                }
            }
            return out
        }
    }

    /// A binary operator, with a number fast path; plain operands are read inline.
    func binary(_ op: BinaryOperator, _ a: Expr, _ b: Expr, _ p: Position) throws(ScriptError) -> Eval {
        let left = try operand(a), right = try operand(b)
        let loc = location(p)
        switch op {
        case .add:
            return { f throws(ScriptError) in
                if let x = peekNumber(left, f), let y = peekNumber(right, f) { return .number(x + y) }
                let u = try fetch(left, f), v = try fetch(right, f)
                if case .number(let x) = u, case .number(let y) = v { return .number(x + y) }
                do { return try Operators.binary(op, u, v) } catch { throw located(error, loc) }
            }
        case .subtract:
            return { f throws(ScriptError) in
                if let x = peekNumber(left, f), let y = peekNumber(right, f) { return .number(x - y) }
                let u = try fetch(left, f), v = try fetch(right, f)
                if case .number(let x) = u, case .number(let y) = v { return .number(x - y) }
                do { return try Operators.binary(op, u, v) } catch { throw located(error, loc) }
            }
        case .multiply:
            return { f throws(ScriptError) in
                if let x = peekNumber(left, f), let y = peekNumber(right, f) { return .number(x * y) }
                let u = try fetch(left, f), v = try fetch(right, f)
                if case .number(let x) = u, case .number(let y) = v { return .number(x * y) }
                do { return try Operators.binary(op, u, v) } catch { throw located(error, loc) }
            }
        case .matmul:
            return { f throws(ScriptError) in
                let u = try fetch(left, f), v = try fetch(right, f)
                do { return try Operators.binary(op, u, v) } catch { throw located(error, loc) }
            }
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return { f throws(ScriptError) in
                if let x = peekNumber(left, f), let y = peekNumber(right, f) {
                    return .bool(Operators.arithmetic(op, x, y) != 0)
                }
                let u = try fetch(left, f), v = try fetch(right, f)
                if case .number(let x) = u, case .number(let y) = v {
                    return .bool(Operators.arithmetic(op, x, y) != 0)
                }
                do { return try Operators.binary(op, u, v) } catch { throw located(error, loc) }
            }
        case .divide, .modulo, .power:
            return { f throws(ScriptError) in
                if let x = peekNumber(left, f), let y = peekNumber(right, f) {
                    return .number(Operators.arithmetic(op, x, y))
                }
                let u = try fetch(left, f), v = try fetch(right, f)
                if case .number(let x) = u, case .number(let y) = v { return .number(Operators.arithmetic(op, x, y)) }
                do { return try Operators.binary(op, u, v) } catch { throw located(error, loc) }
            }
        }
    }

    /// A condition compiled to Bool: comparisons of numbers never build a bool value.
    func condition(_ e: Expr, _ role: String) throws(ScriptError) -> Test {
        switch e {
        case .and(let a, let b, _):
            let l = try condition(a, "'and'"), r = try condition(b, "'and'")
            return { f throws(ScriptError) in
                if try !l(f) { return false }
                return try r(f)
            }
        case .or(let a, let b, _):
            let l = try condition(a, "'or'"), r = try condition(b, "'or'")
            return { f throws(ScriptError) in
                if try l(f) { return true }
                return try r(f)
            }
        case .unary(.not, let a, _):
            let t = try condition(a, "'not'")
            return { f throws(ScriptError) in try !t(f) }
        case .binary(let op, let a, let b, let p) where Operators.isComparison(op):
            let left = try operand(a), right = try operand(b)
            let loc = location(p)
            return { f throws(ScriptError) in
                if let x = peekNumber(left, f), let y = peekNumber(right, f) { return Operators.arithmetic(op, x, y) != 0 }
                let u = try fetch(left, f), v = try fetch(right, f)
                if case .number(let x) = u, case .number(let y) = v { return Operators.arithmetic(op, x, y) != 0 }
                do {
                    return try Operators.truth(try Operators.binary(op, u, v), role)
                } catch { throw located(error, loc) }
            }
        default:
            let code = try expression(e)
            let loc = location(e.position)
            return { f throws(ScriptError) in
                let v = try code(f)
                if case .bool(let b) = v { return b }
                do { return try Operators.truth(v, role) } catch { throw located(error, loc) }
            }
        }
    }
}

extension Expr {
    /// The keyword of a logical expression, for messages.
    var operatorName: String {
        switch self {
        case .and: return "and"
        case .or: return "or"
        default: return "not"
        }
    }
}

/// `v[x]` for a vector held by a local or global, read in place (copying the tensor out would
/// retain and release its arrays); nil for anything else, which takes the general path. The index
/// is checked first, so no call comes between reading the slot and reading the element (a call
/// there would make the compiler copy the tensor after all).
@inline(__always)
func peekVectorElement(_ o: Operand, _ f: Frame, _ x: Double) -> Double? {
    // A whole number in [0, 2⁵³): `Int(x)` is exact and cannot trap. Negative indices and the
    // rest go to `Access.index`.
    guard x >= 0, x < 9_007_199_254_740_992 else { return nil }
    let i = Int(x)
    guard Double(i) == x else { return nil }
    switch o.kind {
    case .local:
        guard case .tensor(let t) = f.slots[o.slot], t.rank == 1, i < t.count else { return nil }
        return t.storage[i]
    case .global:
        // Matching `.tensor(let t)?` copies the optional; a present Value? is stored exactly as a
        // Value (nil takes one of Value's spare tag values, hence the equal sizes), so the slot
        // is read as a Value instead.
        let p = o.pointer.unsafelyUnwrapped
        guard MemoryLayout<Value?>.size == MemoryLayout<Value>.size, case .some = p.pointee else { return nil }
        return p.withMemoryRebound(to: Value.self, capacity: 1) { v -> Double? in
            guard case .tensor(let t) = v.pointee, t.rank == 1, i < t.count else { return nil }
            return t.storage[i]
        }
    case .constant, .code, .offset:
        return nil
    }
}

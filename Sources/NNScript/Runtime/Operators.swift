// Operators on values, the general (slow) path behind the compiled number fast paths:
// numbers follow IEEE with Python's floored `%`; tensors go to TensorKit's broadcasting
// operators; strings and lists concatenate; comparisons of numbers give bools, of tensors 0/1.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorKit

enum Operators {
    /// `x op y` on numbers; comparisons give 1/0 here (callers wrap them as bools). One rule with
    /// the tensors': TensorKit's `BinaryOp.apply` (IEEE, `%` floored like Python).
    @inline(__always)
    static func arithmetic(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Double {
        tensorOp(op).apply(x, y)
    }

    static func isComparison(_ op: BinaryOperator) -> Bool {
        switch op {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
        case .add, .subtract, .multiply, .divide, .modulo, .power, .matmul: return false
        }
    }

    /// The elementwise operator behind `op`; on numbers `@` is the product.
    @inline(__always)
    private static func tensorOp(_ op: BinaryOperator) -> BinaryOp {
        switch op {
        case .add: return .add
        case .subtract: return .subtract
        case .multiply, .matmul: return .multiply
        case .divide: return .divide
        case .modulo: return .modulo
        case .power: return .power
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        }
    }

    /// A number view of numbers and bools.
    @inline(__always)
    static func numeric(_ v: Value) -> Double? {
        switch v {
        case .number(let x): return x
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// A tensor result, as a number when it has no axes left.
    static func wrap(_ t: Tensor) -> Value {
        if t.rank == 0, t.count == 1 { return .number(t.storage[0]) }
        return .tensor(t)
    }

    /// `a op b` for any two values.
    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(ScriptError) -> Value {
        if let x = numeric(a), let y = numeric(b) {
            if op == .matmul { throw mismatch(op, a, b, hint: " ('@' is the matrix product of tensors; use '*' for numbers)") }
            let r = arithmetic(op, x, y)
            if isComparison(op) {
                if case .bool(let p) = a, case .bool(let q) = b, op == .equal || op == .notEqual {
                    return .bool((p == q) == (op == .equal))
                }
                return .bool(r != 0)
            }
            return .number(r)
        }
        do {
            switch (a, b) {
            case (.tensor(let s), .tensor(let t)):
                if op == .matmul { return wrap(try Tensor.matmulOperator(s, t)) }
                return wrap(try Tensor.binary(tensorOp(op), s, t))
            case (.tensor(let s), _):
                if let y = numeric(b) {
                    if op == .matmul { throw mismatch(op, a, b, hint: " (use '*' to scale a tensor)") }
                    return wrap(try Tensor.binary(tensorOp(op), s, y))
                }
            case (_, .tensor(let t)):
                if let x = numeric(a) {
                    if op == .matmul { throw mismatch(op, a, b, hint: " (use '*' to scale a tensor)") }
                    return wrap(try Tensor.binary(tensorOp(op), x, t))
                }
            default: break
            }
        } catch let e as ScriptError {
            throw e
        } catch {
            throw Interpreter.scriptError(error)
        }
        return try other(op, a, b)
    }

    /// The longest string `+` builds (256 MiB of UTF-8).
    static let maximumStringBytes = 1 << 28
    /// The longest list `+` builds.
    static let maximumListItems = 1 << 24

    /// Strings, lists, none and identity comparisons.
    private static func other(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(ScriptError) -> Value {
        switch (op, a, b) {
        case (.add, .string(let s), .string(let t)):
            // A doubling loop (`s = s + s`) would otherwise eat all memory and get the process killed.
            guard s.utf8.count + t.utf8.count <= maximumStringBytes else {
                throw ScriptError.runtime("'+' would make a string of \(s.utf8.count + t.utf8.count) bytes (at most \(maximumStringBytes))")
            }
            return .string(s + t)
        case (.add, .list(let s), .list(let t)):
            guard s.items.count + t.items.count <= maximumListItems else {
                throw ScriptError.runtime("'+' would make a list of \(s.items.count + t.items.count) items (at most \(maximumListItems))")
            }
            return .list(ListBox(s.items + t.items))
        case (.equal, _, _): return .bool(same(a, b))
        case (.notEqual, _, _): return .bool(!same(a, b))
        case (_, .string(let s), .string(let t)):
            switch op {
            case .less: return .bool(s < t)
            case .lessEqual: return .bool(s <= t)
            case .greater: return .bool(s > t)
            case .greaterEqual: return .bool(s >= t)
            default: break
            }
        default: break
        }
        var hint = ""
        if op == .add, case .string = a { hint = " (str(x) gives the text of a value)" }
        if op == .add, case .string = b { hint = " (str(x) gives the text of a value)" }
        throw mismatch(op, a, b, hint: hint)
    }

    /// `==` for values that are not both numbers or tensors: strings by text, lists and records
    /// by their contents (as in Python), functions and objects by identity.
    static func same(_ a: Value, _ b: Value) -> Bool {
        var budget = 1_000_000   // bounds the work on huge or self-containing lists
        return same(a, b, depth: 0, budget: &budget)
    }

    /// Containers nested deeper than this compare unequal (a list that holds itself, compared with
    /// another such list, would otherwise recurse without end).
    private static let maxDepth = 100

    private static func same(_ a: Value, _ b: Value, depth: Int, budget: inout Int) -> Bool {
        budget -= 1
        guard budget > 0, depth < maxDepth else { return false }
        switch (a, b) {
        case (.string(let s), .string(let t)): return s == t
        case (.none, .none): return true
        case (.bool(let p), .bool(let q)): return p == q
        case (.list(let s), .list(let t)):
            if s === t { return true }
            guard s.items.count == t.items.count else { return false }
            for (x, y) in zip(s.items, t.items) where !same(x, y, depth: depth + 1, budget: &budget) { return false }
            return true
        case (.record(let s), .record(let t)):
            if s === t { return true }
            guard Set(s.keys) == Set(t.keys) else { return false }
            for (key, x) in s.fields {
                guard let y = t[key], same(x, y, depth: depth + 1, budget: &budget) else { return false }
            }
            return true
        case (.tensor(let x), .tensor(let y)):   // inside a list or record: the whole tensor
            return x.shape == y.shape && x.storage == y.storage
        case (.function(let f), .function(let g)): return f === g
        case (.object(let o), .object(let p)): return o === p
        default:
            if let x = numeric(a), let y = numeric(b) { return x == y }
            return false
        }
    }

    static func mismatch(_ op: BinaryOperator, _ a: Value, _ b: Value, hint: String = "") -> ScriptError {
        .runtime("operator '\(op.rawValue)' cannot combine \(a.kindName) and \(b.kindName)\(hint)")
    }

    /// `-a`.
    static func negate(_ a: Value) throws(ScriptError) -> Value {
        switch a {
        case .number(let x): return .number(-x)
        case .bool(let b): return .number(b ? -1 : 0)
        case .tensor(let t):
            do { try Tensor.checkRoom(forCopyOf: t) } catch { throw Interpreter.scriptError(error) }
            return .tensor(-t)
        default: throw ScriptError.runtime("unary '-' needs a number or a tensor, got \(a.kindName)")
        }
    }

    /// The truth of a condition (`if`, `while`, `and`, `or`, `not`): a bool or a number.
    static func truth(_ v: Value, _ role: String) throws(ScriptError) -> Bool {
        switch v {
        case .bool(let b): return b
        case .number(let x): return x != 0
        case .tensor:
            throw ScriptError.runtime("\(role) needs a bool or a number, got a tensor (reduce it first, e.g. with sum or max)")
        default:
            throw ScriptError.runtime("\(role) needs a bool or a number, got \(v.kindName)")
        }
    }
}

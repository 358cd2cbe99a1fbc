// Compiler, operands: constants, locals and globals read inline by the closure that uses them
// (one switch on a captured enum instead of a call through another closure) — the fast path of
// scalar loops such as `s += i * i`.

/// Where a name was read, for the messages of its rare error paths.
final class NameSite {
    let name: String
    let location: SourceLocation
    init(_ name: String, _ location: SourceLocation) {
        self.name = name
        self.location = location
    }

    @inline(never)
    func unassigned() -> ScriptError {
        ScriptError(phase: .runtime, message: "local variable '\(name)' is used before it is assigned (it is local because this function assigns it)",
                    location: location)
    }

    @inline(never)
    func undefined() -> ScriptError {
        ScriptError(phase: .runtime, message: "undefined name '\(name)'", location: location)
    }
}

/// An operand as compiled code reads it. A struct with a trivial kind rather than an enum with
/// payloads: reading a payload out of an enum retains it, reading a captured field does not.
struct Operand {
    /// `offset` is `local ± number` (`n - 1`, `i + 1`): read inline when the local holds a
    /// number, else through `code`, the general expression.
    enum Kind: UInt8 { case constant, local, global, code, offset }
    let kind: Kind
    let slot: Int
    /// The global's storage (kept alive by the interpreter's table of global cells).
    let pointer: UnsafeMutablePointer<Value?>?
    let constant: Value
    let code: Eval
    /// The built-in of the same name as a global, if any.
    let builtin: Value?
    let site: NameSite?
    /// The number an `offset` operand adds (subtraction is stored as adding the negation,
    /// which IEEE defines to be the same).
    var offset: Double = 0

    static func constant(_ v: Value) -> Operand {
        Operand(kind: .constant, slot: 0, pointer: nil, constant: v, code: noCode, builtin: nil, site: nil)
    }
    static func code(_ e: @escaping Eval) -> Operand {
        Operand(kind: .code, slot: 0, pointer: nil, constant: .none, code: e, builtin: nil, site: nil)
    }

    /// The error or built-in behind a global that holds no value.
    @inline(never)
    func globalFallback() throws(ScriptError) -> Value {
        if let builtin { return builtin }
        throw site?.undefined() ?? ScriptError.runtime("undefined name")
    }

    @inline(never)
    func unassigned() -> ScriptError {
        site?.unassigned() ?? ScriptError.runtime("a local variable is used before it is assigned")
    }
}

/// Placeholder code for operands that are not `.code`.
private func noCode(_ f: Frame) throws(ScriptError) -> Value { .none }

/// Reads an operand.
@inline(__always)
func fetch(_ o: Operand, _ f: Frame) throws(ScriptError) -> Value {
    switch o.kind {
    case .constant:
        return o.constant
    case .local:
        let v = f.slots[o.slot]
        if case .object(let obj) = v, obj === unassignedMarker { throw o.unassigned() }
        return v
    case .global:
        if let v = o.pointer.unsafelyUnwrapped.pointee { return v }
        return try o.globalFallback()
    case .code:
        return try o.code(f)
    case .offset:
        if case .number(let x) = f.slots[o.slot] { return .number(x + o.offset) }
        return try o.code(f)
    }
}

/// The number a constant, local or global operand holds, read in place (no copy of the value,
/// so no reference counting); nil otherwise — the caller then takes the general `fetch` path,
/// which also reports unassigned locals and undefined globals.
@inline(__always)
func peekNumber(_ o: Operand, _ f: Frame) -> Double? {
    switch o.kind {
    case .local:
        if case .number(let x) = f.slots[o.slot] { return x }
        return nil
    case .constant:
        if case .number(let x) = o.constant { return x }
        return nil
    case .global:
        if case .number(let x)? = o.pointer.unsafelyUnwrapped.pointee { return x }
        return nil
    case .offset:
        if case .number(let x) = f.slots[o.slot] { return x + o.offset }
        return nil
    case .code:
        return nil
    }
}

extension Compiler {
    /// The operand form of an expression: direct for constants and plain variables.
    func operand(_ e: Expr) throws(ScriptError) -> Operand {
        switch e {
        case .number(let x, _): return .constant(.number(x))
        case .string(let s, _): return .constant(.string(s))
        case .bool(let b, _): return .constant(.bool(b))
        case .none: return .constant(.none)
        case .name(let n, let p):
            let site = NameSite(n, location(p))
            switch scope.access(n) {
            case .local(let s):
                return Operand(kind: .local, slot: s, pointer: nil, constant: .none, code: noCode, builtin: nil, site: site)
            case .global:
                return Operand(kind: .global, slot: 0, pointer: interpreter.globalCell(n).pointer, constant: .none,
                               code: noCode, builtin: interpreter.predefined(n), site: site)
            case .cell, .free: return .code(reader(n, p))
            }
        case .binary(let op, .name(let n, _), .number(let c, _), _) where op == .add || op == .subtract:
            guard case .local(let s) = scope.access(n) else { return .code(try expression(e)) }
            var o = Operand(kind: .offset, slot: s, pointer: nil, constant: .none, code: try expression(e),
                            builtin: nil, site: nil)
            o.offset = op == .add ? c : -c
            return o
        default:
            return .code(try expression(e))
        }
    }

    /// An Eval for an operand (closures that only forward are avoided).
    func eval(_ o: Operand) -> Eval {
        if o.kind == .code { return o.code }
        return { f throws(ScriptError) in try fetch(o, f) }
    }
}

/// A variable as compiled code writes it: locals and globals inline, others through a closure.
enum Target {
    case local(Int)
    case global(Cell, Interpreter)
    case other((Frame, Value) throws(ScriptError) -> Void)
}

/// Writes a variable.
@inline(__always)
func put(_ t: Target, _ f: Frame, _ v: Value) throws(ScriptError) {
    switch t {
    case .local(let s): (f.slots + s).store(v)
    case .global(let c, let interpreter): interpreter.writeGlobal(c, v, depth: f.depth)
    case .other(let write): try write(f, v)
    }
}

extension Compiler {
    /// The write form of a variable name.
    func target(_ name: String, _ p: Position) throws(ScriptError) -> Target {
        switch scope.access(name) {
        case .local(let s): return .local(s)
        case .global: return .global(interpreter.globalCell(name), interpreter)
        case .cell, .free: return .other(try writer(name, p))
        }
    }
}

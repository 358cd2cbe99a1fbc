// Compiler, assignments: `x = e`, `x.f = e`, `x[i] = e` and the compound forms. Tensors are
// values, so writing into a part of one writes the changed tensor back through the chain it came
// from (`net.layers[0].W[0, 1] = 0.5` stores the new W into the layer); lists, records and
// objects are references and are changed in place.
import TensorKit

extension Compiler {
    func assignment(_ target: Expr, _ op: AssignOp, _ value: Expr, _ p: Position) throws(ScriptError) -> Exec {
        let loc = location(p)
        let valueCode = eval(try operand(value))
        // Plain and compound assignment to a name, with number fast paths.
        if case .name(let name, let np) = target {
            let binop = op.binary
            switch scope.access(name) {
            case .local(let s) where binop == nil:
                return { f throws(ScriptError) in (f.slots + s).store(try valueCode(f)); return .normal }
            case .global where binop == nil:
                let cell = interpreter.globalCell(name)
                let interpreter = self.interpreter
                return { f throws(ScriptError) in
                    interpreter.writeGlobal(cell, try valueCode(f), depth: f.depth)
                    return .normal
                }
            default:
                break
            }
            let store = try self.target(name, np)
            guard let binop else {
                return { f throws(ScriptError) in try put(store, f, try valueCode(f)); return .normal }
            }
            let read = try operand(target)
            let value = try operand(value)
            return { f throws(ScriptError) in
                let v = try fetch(value, f)
                if case .number(let y) = v, let x = peekNumber(read, f) {
                    try put(store, f, .number(Operators.arithmetic(binop, x, y)))
                    return .normal
                }
                let old = try fetch(read, f)
                if case .number(let x) = old, case .number(let y) = v {
                    try put(store, f, .number(Operators.arithmetic(binop, x, y)))
                } else {
                    let new: Value
                    do { new = try Operators.binary(binop, old, v) } catch { throw located(error, loc) }
                    try put(store, f, new)
                }
                return .normal
            }
        }
        let store = try storer(target)
        guard let binop = op.binary else {
            return { f throws(ScriptError) in
                try store(f, try valueCode(f))
                return .normal
            }
        }
        let read = try expression(target)
        return { f throws(ScriptError) in
            let v = try valueCode(f)
            let old = try read(f)
            let new: Value
            do { new = try Operators.binary(binop, old, v) } catch { throw located(error, loc) }
            try store(f, new)
            return .normal
        }
    }

    /// A closure that stores a value into an assignable expression.
    func storer(_ target: Expr) throws(ScriptError) -> (Frame, Value) throws(ScriptError) -> Void {
        switch target {
        case .name(let name, let p):
            return try writer(name, p)
        case .member(let base, let name, let p):
            let baseCode = try expression(base)
            let loc = location(p)
            let context = interpreter.context
            return { f, v throws(ScriptError) in
                let b = try baseCode(f)
                do { try Access.setMember(b, name, v, context: context) } catch { throw located(error, loc) }
            }
        case .index(let base, let items, let p):
            let indices = try indexCode(items)
            let loc = location(p)
            if case .name(let name, let np) = base {
                // Take the value out of the variable so the tensor is uniquely held and changes in place.
                let read = reader(name, np), write = try writer(name, np)
                return { f, v throws(ScriptError) in
                    let ix = try indices(f)
                    var container = try read(f)
                    try write(f, .none)
                    do {
                        _ = try Access.setIndex(&container, ix, v)
                    } catch {
                        try write(f, container)
                        throw located(error, loc)
                    }
                    try write(f, container)
                }
            }
            let baseCode = try expression(base)
            let writeBack: ((Frame, Value) throws(ScriptError) -> Void)?
            switch base {
            case .name, .member, .index: writeBack = try storer(base)
            default: writeBack = nil
            }
            return { f, v throws(ScriptError) in
                let ix = try indices(f)
                var container = try baseCode(f)
                let changedCopy: Bool
                do { changedCopy = try Access.setIndex(&container, ix, v) } catch { throw located(error, loc) }
                if changedCopy {
                    guard let writeBack else {
                        throw ScriptError(phase: .runtime, message: "cannot assign into a part of a computed tensor (assign it to a variable first)", location: loc)
                    }
                    try writeBack(f, container)
                }
            }
        default:
            throw compileError("cannot assign to this expression", target.position)
        }
    }
}

extension AssignOp {
    /// The operator of a compound assignment (nil for plain `=`).
    var binary: BinaryOperator? {
        switch self {
        case .plain: return nil
        case .add: return .add
        case .subtract: return .subtract
        case .multiply: return .multiply
        case .divide: return .divide
        }
    }
}

extension Access {
    /// `container[indices] = v`; returns true when the container is a value (a tensor) that the
    /// caller must store back, false when a shared list or record was changed in place.
    static func setIndex(_ container: inout Value, _ indices: [IndexValue], _ v: Value) throws(ScriptError) -> Bool {
        switch container {
        case .tensor(var t):
            container = .none    // t is now the only reference: assign changes it in place
            defer { container = .tensor(t) }
            let ix = try tensorIndices(indices)
            let value: Tensor
            switch v {
            case .number(let x): value = Tensor(scalar: x)
            case .bool(let b): value = Tensor(scalar: b ? 1 : 0)
            case .tensor(let u): value = u
            default: throw ScriptError.runtime("cannot store a \(v.kindName) into a tensor (a number or tensor expected)")
            }
            do { try t.assign(ix, value) } catch { throw Interpreter.scriptError(error) }
            return true
        case .list(let l):
            guard indices.count == 1, case .at(let i) = indices[0] else {
                throw ScriptError.runtime("a list element is assigned with one index: xs[i] = v")
            }
            try checkWritable(l)
            l.items[try position(i, count: l.items.count, what: "list")] = v
            return false
        case .record(let r):
            guard indices.count == 1, case .at(.string(let key)) = indices[0] else {
                throw ScriptError.runtime("a record is indexed by a field name string (r[\"lr\"] = v)")
            }
            r[key] = v
            return false
        case .number, .bool, .string, .none, .function, .object:
            throw ScriptError.runtime("cannot assign into a part of a \(container.kindName)")
        }
    }

    /// `base.name = v` on records and objects.
    static func setMember(_ base: Value, _ name: String, _ v: Value, context: ScriptContext) throws(ScriptError) {
        switch base {
        case .record(let r): r[name] = v
        case .object(let o):
            do { try o.setField(name, v, context: context) } catch { throw Interpreter.scriptError(error) }
        case .number, .bool, .string, .none, .tensor, .list, .function:
            throw ScriptError.runtime("cannot set field '\(name)' of a \(base.kindName) (records and objects have fields)")
        }
    }
}

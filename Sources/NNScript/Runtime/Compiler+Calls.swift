// Compiler, calls and function literals. A call evaluates its arguments into temporaries that
// become the callee's first slots, so calling a user function copies nothing and allocates nothing.

extension Compiler {
    func call(_ calleeExpr: Expr, _ positional: [Expr], _ named: [(String, Expr, Position)],
              _ p: Position) throws(ScriptError) -> Eval {
        let callee = try operand(calleeExpr)
        let n = positional.count
        // Temporaries are reserved before the arguments are compiled: a nested call's frame then
        // always starts above every slot still in use.
        let t = scope.temporaries(n)
        var operands: [Operand] = []
        for a in positional { operands.append(try operand(a)) }
        let args = operands.map { EvalBox(run: eval($0)) }
        var namedCodes: [(String, EvalBox)] = []
        for (k, e, _) in named { namedCodes.append((k, EvalBox(run: try expression(e)))) }
        let loc = location(p)
        let namedAt = named.map { (name: $0.0, location: location($0.2)) }
        let interpreter = self.interpreter

        if namedCodes.isEmpty && callee.kind == .global && (n == 1 || n == 2), let cell = callee.pointer {
            // A call of a global function: look the function up in place, without copying the value.
            let a0 = operands[0], a1 = n == 2 ? operands[1] : Operand.constant(.none)
            return { f throws(ScriptError) in
                let base = f.slots + t
                base.store(try fetch(a0, f))
                if n == 2 { (base + 1).store(try fetch(a1, f)) }
                if let u = borrowUserFunction(cell, parameterCount: n) {
                    // The global's reference keeps the function alive (Interpreter.writeGlobal).
                    do {
                        return try u._withUnsafeGuaranteedRef { u in
                            try interpreter.invoke(u, base: base, depth: f.depth + 1)
                        }
                    } catch {
                        throw callFailed(error, u.takeUnretainedValue().name, loc)
                    }
                }
                let c = try fetch(callee, f)
                return try interpreter.slowCall(c, base: base, count: n, named: [], frame: f, at: loc)
            }
        }
        if namedCodes.isEmpty && n == 1 {
            let a0 = operands[0]
            return { f throws(ScriptError) in
                let c = try fetch(callee, f)
                let base = f.slots + t
                base.store(try fetch(a0, f))
                if case .function(let fn) = c, let u = asUserFunction(fn), u.parameterCount == 1 {
                    do { return try interpreter.invoke(u, base: base, depth: f.depth + 1) }
                    catch { throw callFailed(error, u.name, loc) }
                }
                return try interpreter.slowCall(c, base: base, count: 1, named: [], frame: f, at: loc)
            }
        }
        if namedCodes.isEmpty && n == 2 {
            let a0 = operands[0], a1 = operands[1]
            return { f throws(ScriptError) in
                let c = try fetch(callee, f)
                let base = f.slots + t
                base.store(try fetch(a0, f))
                (base + 1).store(try fetch(a1, f))
                if case .function(let fn) = c, let u = asUserFunction(fn), u.parameterCount == 2 {
                    do { return try interpreter.invoke(u, base: base, depth: f.depth + 1) }
                    catch { throw callFailed(error, u.name, loc) }
                }
                return try interpreter.slowCall(c, base: base, count: 2, named: [], frame: f, at: loc)
            }
        }
        return { f throws(ScriptError) in
            let c = try fetch(callee, f)
            let base = f.slots + t
            for i in 0..<n { base[i] = try args[i].run(f) }
            var namedValues: [(String, Value)] = []
            for (k, code) in namedCodes { namedValues.append((k, try code.run(f))) }
            if namedValues.isEmpty, case .function(let fn) = c, let u = asUserFunction(fn),
               u.parameterCount == n {
                do { return try interpreter.invoke(u, base: base, depth: f.depth + 1) }
                catch { throw callFailed(error, u.name, loc) }
            }
            do { return try interpreter.slowCall(c, base: base, count: n, named: namedValues, frame: f, at: loc) }
            catch { throw pointed(Interpreter.scriptError(error), at: namedAt, call: loc) }
        }
    }

    /// A function literal: evaluates the defaults and captures the cells when it runs.
    func function(_ decl: FunctionDecl) throws(ScriptError) -> Eval {
        guard let fscope = decl.scope else {
            throw compileError("internal: function not resolved", decl.position)
        }
        var defaults: [EvalBox?] = []
        for prm in decl.parameters {
            if let d = prm.defaultValue { defaults.append(EvalBox(run: try expression(d))) } else { defaults.append(nil) }
        }
        let outer = scope, outerLoops = loopDepth
        scope = fscope
        loopDepth = 0
        let body: Exec
        do {
            body = try block(decl.body)
        } catch {
            scope = outer
            loopDepth = outerLoops
            throw error
        }
        scope = outer
        loopDepth = outerLoops
        let names = fscope.localNames
        let cellSlots = names.indices.filter { fscope.captured.contains(names[$0]) }
        let prototype = FunctionPrototype(
            name: decl.name ?? "<fn>", parameterNames: decl.parameters.map(\.name),
            frameSize: fscope.frameSize, localCount: names.count, cellSlots: cellSlots, body: body)
        let sources = fscope.freeNames.map { scope.access($0) }
        let loc = location(decl.position)
        return { f throws(ScriptError) in
            var values: [Value?] = []
            for d in defaults { values.append(try d?.run(f)) }
            var captures: [Cell] = []
            for source in sources {
                switch source {
                case .cell(let s):
                    if let c = cellIn(f.slots[s]) { captures.append(c); continue }
                case .free(let i):
                    if let fn = f.function, i < fn.captures.count { captures.append(fn.captures[i]); continue }
                case .local, .global: break
                }
                throw ScriptError(phase: .runtime, message: "internal: cannot capture a variable", location: loc)
            }
            return .function(UserFunction(prototype: prototype, defaults: values, captures: captures))
        }
    }
}

/// The user function behind a callable, checked by exact class (cheaper than a dynamic cast).
@inline(__always)
func asUserFunction(_ c: any Callable) -> UserFunction? {
    guard c.isUserFunction else { return nil }
    return unsafeDowncast(c as AnyObject, to: UserFunction.self)
}

/// The user function a global holds when it takes `parameterCount` arguments, not retained.
/// The class is checked by its metadata (a load and a compare, no call), so nothing between
/// reading the global and returning needs the function retained.
@inline(__always)
func borrowUserFunction(_ p: UnsafeMutablePointer<Value?>, parameterCount: Int) -> Unmanaged<UserFunction>? {
    guard case .function(let fn)? = p.pointee,
          ObjectIdentifier(type(of: fn as AnyObject)) == ObjectIdentifier(UserFunction.self) else { return nil }
    let u = unsafeDowncast(fn as AnyObject, to: UserFunction.self)
    guard u.parameterCount == parameterCount else { return nil }
    return Unmanaged.passUnretained(u)
}

/// An error leaving a call: errors of the call itself (arguments, depth) get the call site,
/// errors from inside the callee get the call added to their chain.
@inline(never)
func callFailed(_ error: ScriptError, _ function: String, _ loc: SourceLocation) -> ScriptError {
    error.location == nil ? located(error, loc) : traced(error, function, loc)
}

/// An argument error of this very call that names a parameter passed by name moves to that
/// name, so the caret stands under `epochz:` and not under `train`.
@inline(never)
func pointed(_ error: ScriptError, at named: [(name: String, location: SourceLocation)],
             call loc: SourceLocation) -> ScriptError {
    guard let argument = error.argument, error.location == loc,
          let at = named.first(where: { $0.name == argument }) else { return error }
    var e = error
    e.location = at.location
    return e
}

/// Adds a call to an error's chain as it leaves the callee (innermost first; `run` reverses it).
@inline(never)
func traced(_ error: ScriptError, _ function: String, _ loc: SourceLocation) -> ScriptError {
    var e = error
    if e.phase == .runtime { e.trace.append((function: function, location: loc)) }
    return e
}

extension Interpreter {
    /// Calls anything that is not the fast user-function case: user functions with defaults or
    /// named arguments, built-ins, objects.
    func slowCall(_ callee: Value, base: UnsafeMutablePointer<Value>, count: Int, named: [(String, Value)],
                  frame: Frame, at loc: SourceLocation) throws(ScriptError) -> Value {
        var positional: [Value] = []
        positional.reserveCapacity(count)
        for i in 0..<count {
            positional.append(base[i])
            base[i] = .none
        }
        switch callee {
        case .function(let c):
            if let u = c as? UserFunction {
                do { return try invoke(u, positional: positional, named: named, base: base, depth: frame.depth + 1) }
                catch { throw callFailed(error, u.name, loc) }
            }
            if let b = c as? Builtin {
                callback.pointee = CallbackState(top: base, depth: frame.depth)
                do { return try callBuiltin(b, positional: positional, named: named) }
                catch { throw located(error, loc) }
            }
            throw ScriptError(phase: .runtime, message: "cannot call \(c.name)", location: loc)
        case .object(let o):
            callback.pointee = CallbackState(top: base, depth: frame.depth)
            do { return try callObject(o, positional: positional, named: named) }
            catch { throw located(error, loc) }
        case .number, .bool, .string, .none, .tensor, .list, .record:
            throw ScriptError(phase: .runtime, message: "a \(callee.kindName) cannot be called (a function expected)", location: loc)
        }
    }
}

/// `callFailed` for the untyped errors that `do`/`catch` blocks see.
@inline(never)
func callFailed(_ error: any Error, _ function: String, _ loc: SourceLocation) -> ScriptError {
    callFailed(Interpreter.scriptError(error), function, loc)
}

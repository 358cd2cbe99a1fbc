// User functions: a compiled body (its prototype) plus the cells it closed over, and the calling
// convention — arguments are evaluated straight into the callee's first slots, so a call
// allocates nothing unless the function captures variables.
import TensorKit
import NeuralKit

/// The compiled, shareable part of a function: parameters, frame layout and body.
final class FunctionPrototype {
    let name: String
    let parameterNames: [String]
    /// Slots used by a call: locals (parameters first) then temporaries.
    let frameSize: Int
    let localCount: Int
    /// Locals that inner functions capture; their slots hold cells.
    let cellSlots: [Int]
    let body: Exec
    let parameterCount: Int
    let hasCells: Bool

    init(name: String, parameterNames: [String], frameSize: Int, localCount: Int,
         cellSlots: [Int], body: @escaping Exec) {
        self.name = name
        self.parameterNames = parameterNames
        self.frameSize = max(frameSize, parameterNames.count)
        self.localCount = localCount
        self.cellSlots = cellSlots
        self.body = body
        self.parameterCount = parameterNames.count
        self.hasCells = !cellSlots.isEmpty
    }
}

/// A function value defined in a script: prototype, default values and captured cells.
final class UserFunction: Callable {
    let prototype: FunctionPrototype
    /// Each parameter's default (evaluated when the `fn` ran), nil when required.
    let defaults: [Value?]
    /// Variables of enclosing functions, in the order the body refers to them.
    let captures: [Cell]

    // The prototype's numbers and body, copied here so a call reads one object.
    let frameSize: Int
    let parameterCount: Int
    let localCount: Int
    let hasCells: Bool
    let body: Exec

    init(prototype: FunctionPrototype, defaults: [Value?], captures: [Cell]) {
        self.prototype = prototype
        self.defaults = defaults
        self.captures = captures
        frameSize = prototype.frameSize
        parameterCount = prototype.parameterCount
        localCount = prototype.localCount
        hasCells = prototype.hasCells
        body = prototype.body
        name = prototype.name
    }

    let name: String
    var isUserFunction: Bool { true }
}

extension Interpreter {
    /// Runs `function` on a frame starting at `base`, whose first slots already hold one
    /// argument per parameter; resets the frame afterwards.
    @inline(__always)
    func invoke(_ function: UserFunction, base: UnsafeMutablePointer<Value>, depth: Int) throws(ScriptError) -> Value {
        let frameSize = function.frameSize
        guard depth <= Interpreter.maximumDepth, reserve(upTo: base + frameSize) else {
            throw tooDeep()
        }
        if interrupt.isRaised { throw interrupted() }
        let parameterCount = function.parameterCount, localCount = function.localCount
        defer {
            for i in 0..<frameSize { (base + i).store(.none) }
        }
        if parameterCount < localCount {
            for i in parameterCount..<localCount { base[i] = .object(unassigned) }
        }
        if function.hasCells { makeCells(function.prototype, base) }
        let flow = try function.body(Frame(slots: base, depth: depth, closure: Unmanaged.passUnretained(function)))
        guard flow == .returned else { return .none }
        // Moved out, not copied: no reference-count traffic and no destroy of the old value.
        let v = returnSlot.move()
        returnSlot.initialize(to: .none)
        return v
    }

    @inline(never)
    func interrupted() -> ScriptError { ScriptError.interrupted }

    /// Puts each captured local in a fresh cell (parameters keep their argument).
    private func makeCells(_ p: FunctionPrototype, _ base: UnsafeMutablePointer<Value>) {
        for s in p.cellSlots {
            let initial: Value? = s < p.parameterCount ? base[s] : nil
            base[s] = .object(CellSlot(Cell(initial)))
        }
    }

    /// Calls a user function with arguments matched by position and name, defaults filled in.
    func invoke(_ function: UserFunction, positional: [Value], named: [(String, Value)],
                base: UnsafeMutablePointer<Value>, depth: Int) throws(ScriptError) -> Value {
        let p = function.prototype
        let names = p.parameterNames
        guard positional.count <= names.count else {
            throw ScriptError.tooManyArguments(to: p.name, most: names.count, got: positional.count)
        }
        var values: [Value?] = Array(repeating: nil, count: names.count)
        for (i, v) in positional.enumerated() { values[i] = v }
        for (name, v) in named {
            guard let i = names.firstIndex(of: name) else {
                throw ScriptError.unknownParameter(name, to: p.name, known: names)
            }
            if values[i] != nil { throw ScriptError.givenTwice(name, to: p.name) }
            values[i] = v
        }
        guard depth <= Interpreter.maximumDepth, reserve(upTo: base + max(p.frameSize, names.count)) else {
            throw tooDeep()
        }
        for i in 0..<names.count {
            guard let v = values[i] ?? function.defaults[i] else {
                throw ScriptError.missingArgument(names[i], to: p.name)
            }
            base[i] = v
        }
        return try invoke(function, base: base, depth: depth)
    }

    /// Calls any callable value from Swift (for built-ins such as `plot` that take functions).
    func callValue(_ callee: Value, positional: [Value], named: [(String, Value)] = []) throws(ScriptError) -> Value {
        let state = callback.pointee
        switch callee {
        case .function(let c):
            if let u = c as? UserFunction {
                return try invoke(u, positional: positional, named: named, base: state.top, depth: state.depth + 1)
            }
            if let b = c as? Builtin { return try callBuiltin(b, positional: positional, named: named) }
            throw ScriptError.runtime("cannot call \(c.name)")
        case .object(let o):
            return try callObject(o, positional: positional, named: named)
        case .number, .bool, .string, .none, .tensor, .list, .record:
            throw ScriptError.runtime("a \(callee.kindName) cannot be called (a function expected)")
        }
    }

    /// Calls a built-in, turning any Swift error into a ScriptError without location.
    func callBuiltin(_ b: Builtin, positional: [Value], named: [(String, Value)]) throws(ScriptError) -> Value {
        do {
            let arguments = try Arguments(function: b.name, parameters: b.parameters,
                                          positional: positional, named: named)
            return try b.body(arguments, context)
        } catch {
            throw Interpreter.scriptError(error)
        }
    }

    /// Calls a built-in object (`net(X)`): positional arguments arrive in `rest`, named ones by name.
    func callObject(_ o: any ScriptObject, positional: [Value], named: [(String, Value)]) throws(ScriptError) -> Value {
        do {
            var values: [String: Value] = [:]
            for (k, v) in named { values[k] = v }
            return try o.call(Arguments(function: o.kindName, values: values, rest: positional), context: context)
        } catch {
            throw Interpreter.scriptError(error)
        }
    }

    /// Any error from Swift code as a ScriptError (DescribedError keeps its message).
    @inline(never)
    static func scriptError(_ error: any Error) -> ScriptError {
        if let e = error as? ScriptError { return e }
        if let e = error as? NeuralError {
            var s = ScriptError.runtime(e.message)
            s.argument = e.argument
            return s
        }
        if let e = error as? any DescribedError { return .runtime(e.message) }
        return .runtime("\(error)")
    }
}

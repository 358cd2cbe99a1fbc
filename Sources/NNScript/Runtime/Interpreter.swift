// Interpreter: the run-time state behind compiled code — the value stack that holds every call's
// slots, the global cells and the built-ins. Compiled closures reach memory through raw pointers
// so that the hot path has no per-call allocation and no exclusivity checks.

/// A variable that lives outside any frame: a global, or a local captured by an inner function.
final class Cell {
    /// nil means "not assigned yet".
    let pointer: UnsafeMutablePointer<Value?>
    init(_ value: Value? = nil) {
        pointer = UnsafeMutablePointer<Value?>.allocate(capacity: 1)
        pointer.initialize(to: value)
    }
    deinit {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}

/// A frame slot holding a captured local's cell (stored as an object value the user never sees).
final class CellSlot: ScriptObject {
    let cell: Cell
    init(_ cell: Cell) { self.cell = cell }
    var kindName: String { "cell" }
    var fieldNames: [String] { [] }
    func field(_ name: String, context: ScriptContext) throws -> Value { .none }
    var description: String { "<cell>" }
}

/// The marker in a local slot that has not been assigned yet (one immutable instance).
let unassignedMarker = Unassigned()

/// The marker's class.
final class Unassigned: ScriptObject, Sendable {
    var kindName: String { "unassigned" }
    var fieldNames: [String] { [] }
    func field(_ name: String, context: ScriptContext) throws -> Value { .none }
    var description: String { "<unassigned>" }
}

/// The slots of one running call, its nesting depth and the closure it runs (for captured cells).
/// The function is held unretained: the running call keeps it alive.
struct Frame {
    let slots: UnsafeMutablePointer<Value>
    let depth: Int
    let closure: Unmanaged<UserFunction>?

    init(slots: UnsafeMutablePointer<Value>, depth: Int, function: UserFunction?) {
        self.slots = slots
        self.depth = depth
        self.closure = function.map { Unmanaged.passUnretained($0) }
    }

    init(slots: UnsafeMutablePointer<Value>, depth: Int, closure: Unmanaged<UserFunction>) {
        self.slots = slots
        self.depth = depth
        self.closure = closure
    }

    /// The user function this frame runs (nil at the top level).
    var function: UserFunction? { closure?.takeUnretainedValue() }
}

extension Value {
    /// True for numbers, bools and none: values that hold no reference, so overwriting them
    /// needs no release.
    @inline(__always)
    var holdsNoReference: Bool {
        switch self {
        case .number, .bool, .none: return true
        case .string, .tensor, .list, .record, .function, .object: return false
        }
    }
}

extension UnsafeMutablePointer where Pointee == Value {
    /// Writes a slot. Most slots hold numbers or none, which need no destroy: the value is then
    /// written over in place, skipping the call that destroys the old value.
    @inline(__always)
    func store(_ v: consuming Value) {
        if pointee.holdsNoReference { initialize(to: v) } else { pointee = v }
    }
}

/// What a statement tells the enclosing block.
/// A returned value waits in `Interpreter.returnSlot`, so a Flow fits in a register.
enum Flow: UInt8 {
    case normal, breakLoop, continueLoop, returned
}

typealias Eval = (Frame) throws(ScriptError) -> Value
typealias Exec = (Frame) throws(ScriptError) -> Flow
typealias Test = (Frame) throws(ScriptError) -> Bool

/// A closure held in a struct, so arrays of them call it directly (an array of bare closures
/// stores them generically and every call goes through reabstraction thunks).
struct ExecBox {
    let run: Exec
}

/// An expression closure held in a struct, for arrays (see ExecBox).
struct EvalBox {
    let run: Eval
}

/// Where a built-in that calls back into script code (`plot(fn(u) = u^2)`) may put its frames.
struct CallbackState {
    var top: UnsafeMutablePointer<Value>
    var depth: Int
}

/// The shared run-time state of one session.
final class Interpreter {
    let context: ScriptContext
    /// Ctrl-C, checked on every call and loop turn.
    let interrupt: InterruptFlag
    /// The value stack; every slot below `initialized` holds a valid Value.
    let stack: UnsafeMutablePointer<Value>
    let capacity: Int
    /// How many stack slots have been initialized so far (grows on demand).
    let initialized: UnsafeMutablePointer<Int>
    /// `stack + initialized`, kept alongside so the per-call check is one pointer compare.
    let initializedEnd: UnsafeMutablePointer<UnsafeMutablePointer<Value>>
    let callback: UnsafeMutablePointer<CallbackState>
    let unassigned = unassignedMarker
    /// Where `return e` leaves its value for the call that is ending.
    let returnSlot: UnsafeMutablePointer<Value>
    /// Nested calls allowed before "runaway recursion" is reported.
    static let maximumDepth = 2_000

    /// Global cells by name (a cell exists once any code mentions the name).
    private(set) var globals: [String: Cell] = [:]
    /// Built-ins by name.
    let builtins: [String: Builtin]
    /// Named numbers: `print(1 / 0)` shows `inf`, so `inf` (and `nan`, `pi`) must read back.
    static func constant(_ name: String) -> Double? {
        switch name {
        case "inf": return .infinity
        case "nan": return .nan
        case "pi": return .pi
        default: return nil
        }
    }

    /// What a global name means while no script assigns it: a built-in or a named number.
    func predefined(_ name: String) -> Value? {
        if let b = builtins[name] { return .function(b) }
        return Interpreter.constant(name).map { .number($0) }
    }

    init(context: ScriptContext, builtins: [String: Builtin], capacity: Int = 1 << 19) {
        self.context = context
        self.interrupt = context.interrupt
        self.builtins = builtins
        self.capacity = capacity
        stack = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
        initialized = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        initialized.initialize(to: 0)
        initializedEnd = UnsafeMutablePointer<UnsafeMutablePointer<Value>>.allocate(capacity: 1)
        initializedEnd.initialize(to: stack)
        returnSlot = UnsafeMutablePointer<Value>.allocate(capacity: 1)
        returnSlot.initialize(to: .none)
        callback = UnsafeMutablePointer<CallbackState>.allocate(capacity: 1)
        callback.initialize(to: CallbackState(top: stack, depth: 0))
    }

    deinit {
        stack.deinitialize(count: initialized.pointee)
        stack.deallocate()
        initialized.deallocate()
        initializedEnd.deallocate()
        returnSlot.deinitialize(count: 1)
        returnSlot.deallocate()
        callback.deallocate()
    }

    /// The cell of a global, created (unassigned) on first mention.
    func globalCell(_ name: String) -> Cell {
        if let c = globals[name] { return c }
        let c = Cell()
        globals[name] = c
        return c
    }

    /// Values of globals that held a function when they were overwritten during a run. A call of
    /// a global function borrows the global's reference instead of retaining the function (one
    /// atomic increment and decrement fewer per call), so a function replaced while it may be
    /// running is kept here until the outermost run ends.
    private var retired: [Value] = []
    /// Runs in progress: more than one when a built-in runs a file from inside a program.
    var activeRuns = 0

    /// Writes a global from code running at call depth `depth`.
    @inline(__always)
    func writeGlobal(_ cell: Cell, _ v: Value, depth: Int) {
        switch cell.pointer.pointee {
        case nil, .some(.number), .some(.bool), .some(.none):
            // Nothing to release: written over in place, without the call that destroys it.
            cell.pointer.initialize(to: v)
        case .some(.function):
            replaceFunction(cell, v, depth: depth)
        case .some(.string), .some(.tensor), .some(.list), .some(.record), .some(.object):
            cell.pointer.pointee = v
        }
    }

    @inline(never)
    private func replaceFunction(_ cell: Cell, _ v: Value, depth: Int) {
        let old = cell.pointer.pointee
        cell.pointer.pointee = v
        // At the top level of the outermost run no function is running: `old` may go at once.
        if depth > 0 || activeRuns > 1, let old { retired.append(old) }
    }

    /// Releases the functions kept by `writeGlobal` (when the outermost run has ended).
    func releaseRetired() {
        if !retired.isEmpty { retired.removeAll() }
    }

    /// Names of globals that hold a value.
    var definedGlobals: [String] {
        globals.compactMap { $0.value.pointer.pointee == nil ? nil : $0.key }.sorted()
    }

    /// Forgets every global's value (breaking reference cycles through functions).
    func clearGlobals() {
        for (_, c) in globals { c.pointer.pointee = nil }
    }

    /// Makes sure slots below `end` are initialized; false when the stack is exhausted.
    @inline(__always)
    func reserve(upTo end: UnsafeMutablePointer<Value>) -> Bool {
        if end <= initializedEnd.pointee { return true }
        return grow(end - stack)
    }

    private func grow(_ needed: Int) -> Bool {
        guard needed <= capacity else { return false }
        let old = initialized.pointee
        let target = min(capacity, max(needed, old + 4096))
        (stack + old).initialize(repeating: .none, count: target - old)
        initialized.pointee = target
        initializedEnd.pointee = stack + target
        return true
    }

    /// The error for too deep a recursion.
    @inline(never)
    func tooDeep() -> ScriptError {
        .runtime("too many nested calls (more than \(Interpreter.maximumDepth)): is there a recursion without an end?")
    }
}

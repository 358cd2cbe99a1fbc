// Resolver: decides, before anything runs, where every name lives. Scope is per function, as in
// Python: a parameter, an assigned name or a `for` variable is local to the call; other names come
// from enclosing functions (captured in shared cells) and then from the globals.

/// Where a name refers to, as the compiler sees it.
enum NameAccess {
    /// A local slot of the running frame.
    case local(Int)
    /// A local captured by an inner function: the frame slot holds a `Cell`.
    case cell(Int)
    /// A variable of an enclosing function, index into the closure's captured cells.
    case free(Int)
    /// A global (or a built-in when no global of that name is defined).
    case global
}

/// The slots of one function (or of the top level, which has only temporaries).
final class FunctionScope {
    let parent: FunctionScope?
    let isTopLevel: Bool
    /// Local names in slot order; parameters first.
    private(set) var localNames: [String] = []
    private var slots: [String: Int] = [:]
    /// Locals that inner functions capture (kept in cells).
    private(set) var captured: Set<String> = []
    /// Variables of enclosing functions used here, in capture order.
    private(set) var freeNames: [String] = []
    private var freeIndex: [String: Int] = [:]
    /// Locals plus temporaries: how many slots a call of this function needs.
    private(set) var frameSize = 0

    init(parent: FunctionScope?, isTopLevel: Bool) {
        self.parent = parent
        self.isTopLevel = isTopLevel
    }

    func declare(_ name: String) {
        guard !isTopLevel, slots[name] == nil else { return }
        slots[name] = localNames.count
        localNames.append(name)
        frameSize = localNames.count
    }

    func isLocal(_ name: String) -> Bool { slots[name] != nil }

    /// Reserves `count` consecutive temporary slots (call arguments); returns the first.
    func temporaries(_ count: Int) -> Int {
        let first = frameSize
        frameSize += count
        return first
    }

    /// Marks `name` as used here, searching the enclosing functions (Python's LEGB minus builtins).
    func use(_ name: String) {
        if isLocal(name) || isTopLevel || freeIndex[name] != nil { return }
        var chain: [FunctionScope] = [self]
        var s = parent
        while let scope = s, !scope.isTopLevel {
            if scope.isLocal(name) {
                scope.captured.insert(name)
                for inner in chain { inner.addFree(name) }
                return
            }
            chain.append(scope)
            s = scope.parent
        }
    }

    private func addFree(_ name: String) {
        guard freeIndex[name] == nil else { return }
        freeIndex[name] = freeNames.count
        freeNames.append(name)
    }

    /// How the compiled code reaches `name` from this scope.
    func access(_ name: String) -> NameAccess {
        if let slot = slots[name] { return captured.contains(name) ? .cell(slot) : .local(slot) }
        if let i = freeIndex[name] { return .free(i) }
        return .global
    }
}

/// Walks the AST once, giving each function its scope before compilation.
struct Resolver {
    /// Resolves a whole program; top-level names are globals.
    static func resolve(_ program: Program, topLevel: FunctionScope) {
        for s in program.statements { statement(s, topLevel) }
    }

    /// Declares the locals of a function (parameters, assigned names, `for` variables, nested
    /// `fn name` declarations), then resolves its body.
    static func function(_ f: FunctionDecl, parent: FunctionScope) {
        for p in f.parameters {
            if let d = p.defaultValue { expression(d, parent) }
        }
        let scope = FunctionScope(parent: parent, isTopLevel: false)
        for p in f.parameters { scope.declare(p.name) }
        declareAssigned(f.body, scope)
        f.scope = scope
        for s in f.body { statement(s, scope) }
    }

    private static func declareAssigned(_ body: [Stmt], _ scope: FunctionScope) {
        for s in body {
            switch s {
            case .assign(target: .name(let n, _), _, _, _): scope.declare(n)
            case .function(let f): if let n = f.name { scope.declare(n) }
            case .ifElse(_, let a, let b, _):
                declareAssigned(a, scope)
                if let b { declareAssigned(b, scope) }
            case .whileLoop(_, let b, _): declareAssigned(b, scope)
            case .forLoop(let v, _, _, let b):
                scope.declare(v)
                declareAssigned(b, scope)
            case .assign, .expression, .breakLoop, .continueLoop, .returnValue: break
            }
        }
    }

    private static func statement(_ s: Stmt, _ scope: FunctionScope) {
        switch s {
        case .expression(let e): expression(e, scope)
        case .assign(let target, _, let value, _):
            expression(target, scope)
            expression(value, scope)
        case .function(let f):
            if let n = f.name { scope.use(n) }
            function(f, parent: scope)
        case .ifElse(let c, let a, let b, _):
            expression(c, scope)
            for x in a { statement(x, scope) }
            for x in b ?? [] { statement(x, scope) }
        case .whileLoop(let c, let body, _):
            expression(c, scope)
            for x in body { statement(x, scope) }
        case .forLoop(let v, _, let sequence, let body):
            scope.use(v)
            expression(sequence, scope)
            for x in body { statement(x, scope) }
        case .returnValue(let e, _):
            if let e { expression(e, scope) }
        case .breakLoop, .continueLoop: break
        }
    }

    private static func expression(_ e: Expr, _ scope: FunctionScope) {
        switch e {
        case .number, .string, .bool, .none: break
        case .name(let n, _): scope.use(n)
        case .unary(_, let a, _), .member(let a, _, _): expression(a, scope)
        case .binary(_, let a, let b, _), .and(let a, let b, _), .or(let a, let b, _),
             .range(let a, let b, _):
            expression(a, scope)
            expression(b, scope)
        case .call(let callee, let positional, let named, _):
            expression(callee, scope)
            for a in positional { expression(a, scope) }
            for (_, a, _) in named { expression(a, scope) }
        case .index(let base, let items, _):
            expression(base, scope)
            for item in items {
                switch item {
                case .at(let i): expression(i, scope)
                case .slice(let a, let b, let c):
                    for x in [a, b, c] { if let x { expression(x, scope) } }
                }
            }
        case .bracket(let items, _): for a in items { expression(a, scope) }
        case .record(let fields, _): for (_, a) in fields { expression(a, scope) }
        case .function(let f): function(f, parent: scope)
        }
    }
}

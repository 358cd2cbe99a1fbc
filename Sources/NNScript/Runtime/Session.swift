// Session: one running nns program or REPL — its globals, its context and the entry points the
// front ends call (run a script, run a cell, render an error, list names for completion).

/// One interpreter session: globals persist from one `run` to the next.
public final class Session {
    /// The services built-ins use (random stream, output, interrupt, terminal).
    public let context: ScriptContext
    let interpreter: Interpreter
    private let builtinTable: [String: Builtin]
    /// The lines of every source run so far, by file name (for carets in error messages).
    private var sources: [String: [String]] = [:]
    /// True while a `run` is executing (a nested run then puts its frame above the running one).
    private var running = false

    public init(context: ScriptContext) {
        self.context = context
        var table: [String: Builtin] = [:]
        for library in Libraries.all {
            for b in library.builtins where table[b.name] == nil { table[b.name] = b }
        }
        builtinTable = table
        interpreter = Interpreter(context: context, builtins: table)
        context.callFunction = { [weak interpreter] f, args in
            guard let interpreter else { throw ScriptError.runtime("the session has ended") }
            return try interpreter.callValue(f, positional: args)
        }
    }

    deinit {
        interpreter.clearGlobals()
    }

    /// Nested calls allowed before a runaway recursion is stopped with an error.
    public static var callDepthLimit: Int { Interpreter.maximumDepth }

    /// Parses and runs `source` (named `file` in messages). Returns the value of the last statement
    /// when it is an expression statement not ended by `;` and not `none` (what the REPL shows
    /// as `Out[n]`), else nil. Errors carry file:line:column. Runs on a large-stack thread.
    public func run(_ source: String, file: String) throws(ScriptError) -> Value? {
        sources[file] = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        nonisolated(unsafe) var result: Result<Value?, ScriptError> = .success(nil)
        LargeStack.run { [self] in
            do { result = .success(try self.runHere(source, file: file)) }
            catch { result = .failure(Interpreter.scriptError(error)) }
        }
        return try result.get()
    }

    private func runHere(_ source: String, file: String) throws(ScriptError) -> Value? {
        let program = try Parser.parse(source, file: file)
        let top = FunctionScope(parent: nil, isTopLevel: true)
        Resolver.resolve(program, topLevel: top)
        let compiler = Compiler(interpreter: interpreter, file: file, topLevel: top)
        let (exec, last) = try compiler.program(program)
        // A run started from inside another (a built-in running a file) stacks above it.
        let base = running ? interpreter.callback.pointee.top : interpreter.stack
        guard interpreter.reserve(upTo: base + top.frameSize) else {
            throw ScriptError(phase: .runtime, message: "the program is too large to run")
        }
        let wasRunning = running
        running = true
        interpreter.activeRuns += 1
        defer {
            for i in 0..<top.frameSize { base[i] = .none }
            running = wasRunning
            interpreter.activeRuns -= 1
            if interpreter.activeRuns == 0 { interpreter.releaseRetired() }
        }
        let frame = Frame(slots: base, depth: 0, function: nil)
        do {
            _ = try exec(frame)
            guard let value = try last?(frame) else { return nil }
            if case .none = value { return nil }   // `print(x)` shows nothing more
            return value
        } catch {
            var e = error
            e.trace.reverse()
            throw e
        }
    }

    /// True when `source` is an unfinished statement (the parser ran out of input): the REPL then
    /// reads a continuation line.
    public func isIncomplete(_ source: String) -> Bool {
        nonisolated(unsafe) var incomplete = false
        LargeStack.run {
            do { _ = try Parser.parse(source, file: "<input>") } catch { incomplete = (error as? ScriptError)?.isIncomplete ?? false }
        }
        return incomplete
    }

    /// Whether `source` parses (complete, no syntax error), without running it.
    public func parses(_ source: String) -> Bool {
        nonisolated(unsafe) var ok = false
        LargeStack.run {
            ok = (try? Parser.parse(source, file: "<input>")) != nil
        }
        return ok
    }

    /// The printed form of a value, as `print` and `Out[n]:` show it.
    public func format(_ value: Value) -> String { value.printed(context) }

    /// Names of the defined globals (variables and user functions), sorted.
    public var globalNames: [String] { interpreter.definedGlobals }
    /// A global's value, without running any code.
    public func global(_ name: String) -> Value? { interpreter.globals[name]?.pointer.pointee ?? nil }
    /// Defines or replaces a global (the REPL's `_` and `Out`, the runner's `args`).
    public func setGlobal(_ name: String, _ value: Value) {
        interpreter.globalCell(name).pointer.pointee = value
    }
    /// Removes every global (the REPL's `:reset`).
    public func reset() { interpreter.clearGlobals() }

    /// Every built-in, by name.
    public func builtin(_ name: String) -> Builtin? { builtinTable[name] }
    /// The names of every built-in, sorted.
    public var builtinNames: [String] { builtinTable.keys.sorted() }
    /// The language's keywords, for completion.
    public static let keywords: [String] = TokenKind.keywords.keys.sorted()

    /// The text of line `line` (1-based) of a source run in this session, if known.
    public func sourceLine(file: String, line: Int) -> String? {
        guard let lines = sources[file], line >= 1, line <= lines.count else { return nil }
        return lines[line - 1]
    }

    /// An error as the front ends print it: `FILE:LINE:COL: error: message`, the source line, a
    /// caret under the column and, for errors inside functions, the calls that led there.
    public func renderError(_ e: ScriptError) -> String {
        ErrorRendering.render(e) { file, line in sourceLine(file: file, line: line) }
    }
}

// Session: one running nns program or REPL — its globals, its context and the entry points the
// front ends call (run a script, run a cell, list names for completion).
// PLACEHOLDER: the language work fills in the bodies; the API stays.

/// One interpreter session: globals persist from one `run` to the next.
public final class Session {
    /// The services built-ins use (random stream, output, interrupt, terminal).
    public let context: ScriptContext

    public init(context: ScriptContext) {
        self.context = context
    }

    /// Parses and runs `source` (named `file` in messages). Returns the value of the last statement
    /// when it is an expression statement not ended by `;` (what the REPL shows as `Out[n]`),
    /// else nil. Errors carry file:line:column.
    public func run(_ source: String, file: String) throws(ScriptError) -> Value? {
        throw ScriptError(phase: .runtime, message: "the interpreter is not built yet")
    }

    /// True when `source` is an unfinished statement (the parser ran out of input): the REPL then
    /// reads a continuation line.
    public func isIncomplete(_ source: String) -> Bool { false }

    /// The printed form of a value, as `print` and `Out[n]:` show it.
    public func format(_ value: Value) -> String { "" }

    /// Names of the defined globals (variables and user functions), sorted.
    public var globalNames: [String] { [] }
    /// A global's value, without running any code.
    public func global(_ name: String) -> Value? { nil }
    /// Defines or replaces a global (the REPL's `_` and `Out`).
    public func setGlobal(_ name: String, _ value: Value) {}
    /// Removes every global (the REPL's `:reset`).
    public func reset() {}

    /// Every built-in, by name.
    public func builtin(_ name: String) -> Builtin? { nil }
    /// The names of every built-in, sorted.
    public var builtinNames: [String] { [] }
    /// The language's keywords, for completion.
    public static let keywords: [String] = []
}

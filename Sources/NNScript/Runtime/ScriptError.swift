// ScriptError: the one error value of the language. Lexing, parsing and running all end in one,
// which the front end prints as `FILE:LINE:COL: error: message`, the source line and a caret.

/// A position in a source text; line and column are 1-based, columns counted in characters.
public struct SourceLocation: Equatable, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// A lexing, parsing or runtime error with its location and, for runtime errors, the call chain.
public struct ScriptError: Error, Sendable {
    /// Which phase found the error.
    public enum Phase: Sendable { case lex, parse, runtime }

    public var phase: Phase
    public var message: String
    /// Where; nil until the interpreter attaches the call site (built-ins throw without one).
    public var location: SourceLocation?
    /// The calls that led here, outermost first, innermost last (`in f at FILE:LINE:COL`).
    public var trace: [(function: String, location: SourceLocation)]
    /// True when the parser ran out of input: the REPL then asks for another line.
    public var isIncomplete: Bool
    /// The parameter an argument error is about; a call that passed it by name moves the
    /// location to that name, so the caret points at `epochz:` rather than at the call.
    public var argument: String?

    public init(phase: Phase, message: String, location: SourceLocation? = nil,
                isIncomplete: Bool = false) {
        self.phase = phase
        self.message = message
        self.location = location
        self.trace = []
        self.isIncomplete = isIncomplete
        self.argument = nil
    }

    /// A runtime error without location; the interpreter fills in the call site.
    public static func runtime(_ message: String) -> ScriptError {
        ScriptError(phase: .runtime, message: message)
    }
}

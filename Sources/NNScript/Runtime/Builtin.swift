// Builtin: a function implemented in Swift, declared as data — its name, parameters (names and
// defaults, so unknown or missing named arguments are clear errors), help text and a runnable
// example, all in one place so `help(name)` can never drift from the code.
import TensorKit
import NeuralKit

/// One declared parameter of a built-in.
public struct BuiltinParameter {
    /// How the parameter takes its argument.
    public enum Kind {
        /// Positional or named; `defaultValue` nil means required.
        case regular
        /// Takes every remaining positional argument (`zeros(2, 3, 4)`, `print(a, b)`).
        case variadic
        /// Named only (`axis:`), never filled positionally.
        case namedOnly
    }
    public let name: String
    public let kind: Kind
    public let defaultValue: Value?

    /// A positional-or-named parameter; nil default means required.
    public static func required(_ name: String) -> BuiltinParameter {
        BuiltinParameter(name: name, kind: .regular, defaultValue: nil)
    }
    /// A positional-or-named parameter with a default.
    public static func optional(_ name: String, _ value: Value = .none) -> BuiltinParameter {
        BuiltinParameter(name: name, kind: .regular, defaultValue: value)
    }
    /// A parameter that only a named argument fills (`axis:`), with a default.
    public static func named(_ name: String, _ value: Value = .none) -> BuiltinParameter {
        BuiltinParameter(name: name, kind: .namedOnly, defaultValue: value)
    }
    /// The rest of the positional arguments.
    public static func variadic(_ name: String) -> BuiltinParameter {
        BuiltinParameter(name: name, kind: .variadic, defaultValue: nil)
    }
}

/// A built-in function: declaration, documentation and body together.
public final class Builtin: Callable {
    public let name: String
    public let parameters: [BuiltinParameter]
    /// What it does, in a sentence or a short paragraph; formulas welcome.
    public let help: String
    /// A runnable example (one or more lines of nns); a test runs every one.
    public let example: String
    /// The transfer function this value stands for, when it is one (`sigmoid`, `relu`, ...).
    public let transfer: Activation?
    /// The body; receives the matched arguments.
    public let body: (Arguments, ScriptContext) throws -> Value

    public init(_ name: String, _ parameters: [BuiltinParameter], help: String, example: String,
                transfer: Activation? = nil,
                body: @escaping (Arguments, ScriptContext) throws -> Value) {
        self.name = name
        self.parameters = parameters
        self.help = help
        self.example = example
        self.transfer = transfer
        self.body = body
    }

    /// The signature as help shows it: `train(model, X, Y = none, loss: mse, ...)`.
    public var signature: String {
        let parts = parameters.map { p -> String in
            switch p.kind {
            case .variadic: return "\(p.name)..."
            case .namedOnly: return "\(p.name): \(p.defaultValue.map(briefText) ?? "")"
            case .regular: return p.defaultValue.map { "\(p.name) = \(briefText($0))" } ?? p.name
            }
        }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }
}

/// A short text for a default value in a signature.
func briefText(_ v: Value) -> String {
    switch v {
    case .number(let x): return x == x.rounded() && abs(x) < 1e16 ? String(Int(x)) : String(x)
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return "\"\(s)\""
    case .none: return "none"
    case .tensor: return "tensor"
    case .list: return "[...]"
    case .record: return "{...}"
    case .function(let f): return f.name
    case .object(let o): return o.kindName
    }
}

/// A group of built-ins registered together (one file of `Builtins/`).
public struct BuiltinLibrary {
    public let name: String
    public let builtins: [Builtin]
    public init(name: String, builtins: [Builtin]) {
        self.name = name
        self.builtins = builtins
    }
}

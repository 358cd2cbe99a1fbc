// Arguments: a call's arguments matched against a built-in's declared parameters, with typed
// accessors whose errors all read alike: `bad argument 'lr' to 'sgd' (number expected, got string)`.
import TensorKit

/// The arguments of one built-in call, matched to its parameters by position and name.
public struct Arguments {
    /// The called function's name, for messages.
    public let function: String
    private var values: [String: Value]
    /// Positional arguments taken by a variadic parameter, in order.
    public let rest: [Value]
    /// Names of the arguments the caller actually passed (to tell "given" from "defaulted").
    public let given: Set<String>

    /// Matches positional then named arguments to `parameters`; unknown, repeated, missing or
    /// surplus arguments are errors that name the function and the parameter.
    public init(function: String, parameters: [BuiltinParameter],
                positional: [Value], named: [(String, Value)]) throws {
        self.function = function
        var values: [String: Value] = [:]
        var given = Set<String>()
        var rest: [Value] = []
        var next = 0
        for p in parameters {
            switch p.kind {
            case .regular:
                if next < positional.count {
                    values[p.name] = positional[next]
                    given.insert(p.name)
                    next += 1
                }
            case .variadic:
                if next < positional.count {
                    rest = Array(positional[next...])
                    next = positional.count
                }
            case .namedOnly:
                break
            }
        }
        if next < positional.count {
            throw ScriptError.tooManyArguments(to: function, most: parameters.filter { $0.kind == .regular }.count,
                                               got: positional.count)
        }
        for (name, value) in named {
            guard let p = parameters.first(where: { $0.name == name }), p.kind != .variadic else {
                throw ScriptError.unknownParameter(name, to: function,
                                                   known: parameters.filter { $0.kind != .variadic }.map(\.name))
            }
            guard !given.contains(name) else {
                throw ScriptError.givenTwice(name, to: function)
            }
            values[name] = value
            given.insert(name)
        }
        for p in parameters where values[p.name] == nil {
            switch p.kind {
            case .variadic: continue
            case .regular, .namedOnly:
                guard let d = p.defaultValue else {
                    throw ScriptError.missingArgument(p.name, to: function)
                }
                values[p.name] = d
            }
        }
        self.values = values
        self.rest = rest
        self.given = given
    }

    /// Arguments built directly (for objects' methods and tests).
    public init(function: String, values: [String: Value], rest: [Value] = []) {
        self.function = function
        self.values = values
        self.rest = rest
        self.given = Set(values.keys)
    }

    /// The argument's value (`.none` when the parameter is unknown).
    public subscript(name: String) -> Value { values[name] ?? .none }

    /// True when the argument is none (absent optional).
    public func isNone(_ name: String) -> Bool {
        if case .none = self[name] { return true }
        return false
    }

    /// The standard error for an argument of the wrong kind.
    public func bad(_ name: String, _ expected: String) -> ScriptError {
        ScriptError.badArgument(name, to: function, ScriptError.expected(expected, got: self[name].kindName))
    }

    /// A number (a bool counts as 0/1; a one-element tensor counts as its element).
    public func number(_ name: String) throws -> Double {
        switch self[name] {
        case .number(let x): return x
        case .bool(let b): return b ? 1 : 0
        case .tensor(let t) where t.count == 1: return t.storage[0]
        default: throw bad(name, "number")
        }
    }

    /// A whole number in a safe range (no trap on 1e300 or nan).
    public func int(_ name: String) throws -> Int {
        let x = try number(name)
        guard x == x.rounded(), abs(x) <= 9.0e15 else {
            throw ScriptError.badArgument(name, to: function, ScriptError.expected("whole number", got: Tensor.numberText(x)))
        }
        return Int(x)
    }

    /// A bool (numbers count: 0 is false).
    public func bool(_ name: String) throws -> Bool {
        switch self[name] {
        case .bool(let b): return b
        case .number(let x): return x != 0
        default: throw bad(name, "bool")
        }
    }

    /// A string.
    public func string(_ name: String) throws -> String {
        guard case .string(let s) = self[name] else { throw bad(name, "string") }
        return s
    }

    /// A tensor; numbers become 0-d tensors, numeric lists 1-D tensors.
    public func tensor(_ name: String) throws -> Tensor {
        switch self[name] {
        case .tensor(let t): return t
        case .number(let x): return Tensor(scalar: x)
        case .bool(let b): return Tensor(scalar: b ? 1 : 0)
        default: throw bad(name, "tensor")
        }
    }

    /// A built-in object of a given Swift type.
    public func object<T: ScriptObject>(_ name: String, _ type: T.Type, _ kind: String) throws -> T {
        guard case .object(let o) = self[name], let t = o as? T else { throw bad(name, kind) }
        return t
    }
}

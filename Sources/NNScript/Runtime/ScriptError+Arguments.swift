// The wording of every argument error, in one place. All read as Lua's luaL_argerror does:
// `bad argument 'lr' to 'sgd' (number expected, got string)`, or `bad argument #1 to 'seq' (...)`
// for an argument that only has a position; the text in parentheses says what was wrong.

extension ScriptError {
    /// `bad argument 'name' to 'function' (detail)`; the error remembers the argument's name, so a
    /// call that passed it by name can put the caret under the name.
    public static func badArgument(_ name: String, to function: String, _ detail: String) -> ScriptError {
        var e = ScriptError.runtime("bad argument '\(name)' to '\(function)' (\(detail))")
        e.argument = name
        return e
    }

    /// `bad argument #position to 'function' (detail)`, position counted from 1.
    public static func badArgument(position: Int, to function: String, _ detail: String) -> ScriptError {
        .runtime("bad argument #\(position) to '\(function)' (\(detail))")
    }

    /// The detail of a wrong kind or value: `number expected, got string`.
    public static func expected(_ what: String, got: String) -> String {
        "\(what) expected, got \(got)"
    }

    /// A named argument the function does not take. The nearest parameter name is offered when
    /// one is close (`epochz` → `did you mean epochs:?`), otherwise the list of names.
    static func unknownParameter(_ name: String, to function: String, known: [String]) -> ScriptError {
        let detail: String
        if let near = NearestName.closest(to: name, among: known) {
            detail = "no such parameter; did you mean \(near):?"
        } else if known.isEmpty {
            detail = "no such parameter; it takes no named arguments"
        } else {
            detail = "no such parameter; known: " + known.map { $0 + ":" }.joined(separator: " ")
        }
        return badArgument(name, to: function, detail)
    }

    /// A parameter filled twice, by position and by name.
    static func givenTwice(_ name: String, to function: String) -> ScriptError {
        badArgument(name, to: function, "given twice, by position and by name")
    }

    /// A required parameter that no argument filled.
    static func missingArgument(_ name: String, to function: String) -> ScriptError {
        badArgument(name, to: function, "value expected, none given")
    }

    /// More positional arguments than the function has places for.
    static func tooManyArguments(to function: String, most: Int, got: Int) -> ScriptError {
        badArgument(position: most + 1, to: function,
                    expected("at most \(most) positional argument\(most == 1 ? "" : "s")", got: "\(got)"))
    }
}

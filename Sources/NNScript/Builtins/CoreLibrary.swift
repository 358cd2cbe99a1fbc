// The core library: print, str, clock, help, type and the list and record helpers — the
// built-ins that belong to the language itself rather than to tensors or networks.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum CoreLibrary {
    static var library: BuiltinLibrary {
        BuiltinLibrary(name: "core", builtins: [
            Builtin("print", [.variadic("values")],
                    help: "Writes the values separated by spaces, then a newline. Strings print raw; numbers, lists and records as the REPL shows them.",
                    example: "print(\"loss\", 0.25, [1, \"a\"], {lr: 0.1})") { args, context in
                context.write(args.rest.map { $0.printed(context) }.joined(separator: " ") + "\n")
                return .none
            },
            Builtin("str", [.required("x")],
                    help: "The printed text of x, as a string (str(0.5) is \"0.5\").",
                    example: "print(\"epochs: \" + str(10))") { args, context in
                .string(args["x"].printed(context))
            },
            Builtin("clock", [],
                    help: "Seconds on a monotonic clock; subtract two readings to time a piece of script.",
                    example: "t = clock()\nx = 0\nfor i in 0..1000 { x += i }\nprint(clock() - t >= 0)") { _, _ in
                .number(monotonicSeconds())
            },
            Builtin("type", [.required("x")],
                    help: "The kind of a value as a string: number, bool, string, none, tensor, list, record, function, or the object kind (network, layer, ...).",
                    example: "print(type(3), type([1, 2]), type([\"a\"]), type({a: 1}))") { args, _ in
                .string(args["x"].kindName)
            },
            Builtin("help", [.optional("name")],
                    help: "Shows the documentation of a built-in: help(sigmoid) or help(\"sigmoid\"); help() lists every built-in.",
                    example: "help(print)") { args, context in
                context.write(HelpText.text(for: args["name"]) + "\n")
                return .none
            },
            Builtin("append", [.required("list"), .required("item")],
                    help: "Adds item at the end of a list, changing the list (lists are shared references).",
                    example: "xs = []\nappend(xs, 1)\nappend(xs, \"two\")\nprint(xs)") { args, _ in
                guard case .list(let l) = args["list"] else { throw args.bad("list", "list") }
                try Access.checkWritable(l)
                // `for x in xs { append(xs, x) }` never ends: stop it before memory runs out.
                guard l.items.count < Operators.maximumListItems else {
                    throw ScriptError.runtime("append: the list already holds \(l.items.count) items (at most \(Operators.maximumListItems))")
                }
                l.items.append(args["item"])
                return .none
            },
            Builtin("pop", [.required("list")],
                    help: "Removes the last item of a list and gives it back.",
                    example: "xs = [\"a\", \"b\"]\nprint(pop(xs), xs)") { args, _ in
                guard case .list(let l) = args["list"] else { throw args.bad("list", "list") }
                try Access.checkWritable(l)
                guard let last = l.items.popLast() else { throw ScriptError.runtime("pop: the list is empty") }
                return last
            },
            Builtin("keys", [.required("record")],
                    help: "The field names of a record, as a list of strings in the order they were first set.",
                    example: "print(keys({lr: 0.1, epochs: 10}))") { args, _ in
                guard case .record(let r) = args["record"] else { throw args.bad("record", "record") }
                return .list(ListBox(r.keys.map { .string($0) }))
            },
            Builtin("assert", [.required("condition"), .optional("message", .string("assertion failed"))],
                    help: "Stops the script with an error (the message) when condition is false.",
                    example: "assert(1 + 1 == 2, \"arithmetic is broken\")") { args, _ in
                if try !args.bool("condition") { throw ScriptError.runtime(try args.string("message")) }
                return .none
            },
        ])
    }

    /// Seconds since an arbitrary fixed point, never going backwards.
    static func monotonicSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}

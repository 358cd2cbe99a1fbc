// What the nns command was asked to do, decided by the argument parser in `nns/main.swift`.

/// One way of running nns: the REPL, a script file, a notebook page, or the kernel.
public enum CommandLineMode: Equatable, Sendable {
    /// `nns FILE ARGS...`: run a script; `args` holds ARGS.
    case script(String, arguments: [String])
    /// `nns -e CODE`: run CODE and print the value of its last expression.
    case code(String, arguments: [String])
    /// `nns -i FILE`: run FILE, then open the prompt in the same session.
    case interactive(String, arguments: [String])
    /// `nns --export OUT FILE`: run FILE and write a notebook page.
    case export(output: String, input: String)
    /// `nns` alone: the REPL on a terminal, else the script read from stdin.
    case standardInput
    /// `nns --serve`: one session behind the machine protocol on stdin/stdout (docs/jupyter.md).
    case serve
}

/// The version nns reports.
public enum NNSVersion {
    public static let text = "nns 0.1.0"
}

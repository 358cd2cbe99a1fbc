// ReplCommand: the prompt's own commands (`:help`, `:vars`, `:load`, ...) and `?name`, parsed from
// a line. A command may be shortened to any unique prefix (`:v`, `:hi`, `:q`).

/// One REPL command with its argument.
enum ReplCommand: Equatable {
    case help(String?)
    case vars
    case load(String)
    case save(String)
    case export(String)
    case time(String)
    case history
    case reset
    case quit

    /// Every command name, sorted (for `:help` and completion).
    static let names = ["export", "help", "history", "load", "quit", "reset", "save", "time", "vars"]

    /// One line of help per command.
    static let summaries: [(usage: String, text: String)] = [
        (":help [name]", "help on a built-in, keyword or command (also ?name); no name: overview"),
        (":vars", "the variables: kind, shape or value, memory"),
        (":load FILE", "run a script file in this session"),
        (":save FILE.nns", "write the cells that ran without error, in order, as a script"),
        (":export FILE.html|.md|.ipynb", "the session as a notebook page or a Jupyter notebook"),
        (":time STATEMENT", "run a statement and show its wall time"),
        (":history", "the cells typed in this session"),
        (":reset", "forget every variable"),
        (":quit", "leave (also Ctrl-D on an empty line)"),
    ]

    /// A command line's meaning; nil when the line is code, not a command.
    static func parse(_ line: String) -> Result<ReplCommand, CommandError>? {
        let text = line.trimmingSpaces
        if text.first == "?" {
            let name = String(text.dropFirst()).trimmingSpaces
            return .success(.help(name.isEmpty ? nil : name))
        }
        guard text.first == ":" else { return nil }
        let body = text.dropFirst()
        let word = String(body.prefix { $0 != " " && $0 != "\t" })
        let argument = String(body.dropFirst(word.count)).trimmingSpaces
        let name: String
        switch word {
        case "q", "exit": name = "quit"
        case "?", "h": name = "help"
        default:
            let matches = names.filter { $0.hasPrefix(word) }
            if word.isEmpty || matches.isEmpty {
                return .failure(CommandError("unknown command ':\(word)' (commands: "
                    + names.map { ":" + $0 }.joined(separator: " ") + ")"))
            }
            if let exact = matches.first(where: { $0 == word }) {
                name = exact
            } else if matches.count == 1 {
                name = matches[0]
            } else {
                return .failure(CommandError("':\(word)' is ambiguous: "
                    + matches.map { ":" + $0 }.joined(separator: " ")))
            }
        }
        func needs(_ what: String) -> CommandError { CommandError(":\(name) needs \(what)") }
        switch name {
        case "help": return .success(.help(argument.isEmpty ? nil : argument))
        case "vars": return .success(.vars)
        case "history": return .success(.history)
        case "reset": return .success(.reset)
        case "quit": return .success(.quit)
        case "time":
            return argument.isEmpty ? .failure(needs("a statement")) : .success(.time(argument))
        case "load", "save", "export":
            let path = argument.unquoted
            if path.isEmpty { return .failure(needs("a file name")) }
            switch name {
            case "load": return .success(.load(path))
            case "save": return .success(.save(path))
            default: return .success(.export(path))
            }
        default:
            return .failure(CommandError("unknown command ':\(word)'"))
        }
    }
}

/// A command line that cannot be run as typed.
struct CommandError: Error, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }

    /// Without one pair of surrounding double quotes (`:load "my file.nns"`).
    var unquoted: String {
        count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self
    }
}

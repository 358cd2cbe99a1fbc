// REPL+Commands: what `:help`, `:vars`, `:load`, `:save`, `:export`, `:time`, `:history` and
// `:reset` do. `:save` writes the cells that ran without error, in order, so the file replays the
// session; `:load` runs a file in this session and is saved as the file's text.
import NNScript

extension REPL {
    /// Runs one parsed command (`:quit` is handled by the loop).
    func perform(_ command: ReplCommand, editor: LineEditor) {
        switch command {
        case .help(let name): showHelp(name)
        case .vars:
            write(VarsTable.render(names: session.globalNames, value: session.global))
        case .load(let path): load(path)
        case .save(let path): save(path)
        case .export:
            writeError(errorPrefix + ":export is not available yet in this version of nns "
                + "(notebook pages come with the notebook export)\n")
        case .time(let statement): runCell(statement, timed: true)
        case .history: showHistory()
        case .reset:
            session.reset()
            outputs.items = [.none]
            session.setGlobal("Out", .list(outputs))
            cells.removeAll()
            write("every variable removed\n")
        case .quit: break
        }
    }

    private func showHelp(_ name: String?) {
        let help = ReplHelp(source: session)
        guard let name else { write(help.overview(width: width)); return }
        if let text = help.help(name) { write(text); return }
        var message = "no help for '\(name)'"
        let close = help.suggestions(for: name)
        if !close.isEmpty { message += " (did you mean: " + close.joined(separator: ", ") + "?)" }
        writeError(errorPrefix + message + "\n")
    }

    /// Runs a file in this session; its text joins the cells `:save` writes.
    private func load(_ path: String) {
        let source: String
        switch FileNames.read(path) {
        case .failure(let e): writeError(errorPrefix + e.message + "\n"); return
        case .success(let s): source = s
        }
        errors.sources[path] = source
        switch runGuarded(source, file: path) {
        case .success:
            cells.append(Cell(number: 0, source: "# :load \(path)\n" + source, succeeded: true))
        case .failure(let error):
            report(error, cell: "")
        }
    }

    /// The script `:save` writes: every cell that ran without error, in order.
    var savedScript: String {
        var text = "# nns session saved by :save — the cells that ran without error, in order.\n"
        for cell in cells where cell.succeeded {
            text += cell.source.hasSuffix("\n") ? cell.source : cell.source + "\n"
        }
        return text
    }

    private func save(_ path: String) {
        switch FileNames.write(savedScript, to: path) {
        case .failure(let e): writeError(errorPrefix + e.message + "\n")
        case .success:
            let n = cells.filter(\.succeeded).count
            write("saved \(n) cell\(n == 1 ? "" : "s") to \(path)\n")
        }
    }

    /// The cells of this session with their numbers.
    private func showHistory() {
        var text = ""
        for cell in cells {
            let label = cell.number > 0 ? "In [\(cell.number)]: " : ""
            let lines = cell.source.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() {
                let prefix = i == 0 ? label
                    : String(repeating: " ", count: max(0, label.count - 5)) + (label.isEmpty ? "" : "...: ")
                text += prefix + line + "\n"
            }
        }
        write(text.isEmpty ? "no cells yet\n" : text)
    }
}
